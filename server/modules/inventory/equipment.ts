// What happens to equipment: received into a location, transferred (warehouse → van), assigned
// to a subscriber (fitted at their premises), returned, inspected (back to stock, refurbished,
// sent to the vendor, or scrapped). Each is one movement in the ledger; see ledger.ts for why
// a serial is never in two places.
import { conflict, invalid, isUniqueViolation, notFound } from "@/server/errors";
import type { InventoryItem, StockLocation } from "@/server/generated/prisma/client";
import { recordAudit } from "@/server/modules/audit";
import type { ServiceContext } from "@/server/service-context";
import { appendMovement, moveItem, moveQuantity } from "./ledger";
import { getLocation, premisesOf, standingLocation, vanOf } from "./locations";
import { getModel } from "./models";
import { closeReturn } from "./returns";
import {
  type AssignEquipmentInput,
  assignInput,
  type InspectInput,
  inspectInput,
  type ReceiveInput,
  type ReturnEquipmentInput,
  receiveInput,
  returnInput,
  type TransferInput,
  transferInput,
} from "./schemas";

const IN_STOCK: StockLocation["kind"][] = ["WAREHOUSE", "VAN"];

function where(loc: StockLocation) {
  return loc.kind === "CUSTOMER" ? `installed at ${loc.name.replace(/^Premises — /, "subscriber ")}` : `in ${loc.name}`;
}

export async function receiveEquipment(svc: ServiceContext, raw: ReceiveInput) {
  const input = receiveInput.parse(raw);
  const [location, model] = await Promise.all([getLocation(svc, input.locationId), getModel(svc, input.modelId)]);
  if (!IN_STOCK.includes(location.kind)) throw invalid("Deliveries are received into a warehouse or a van");
  if (!model.serialised) {
    if (!input.quantity) throw invalid(`${model.name} is counted by quantity; give the quantity received`);
    await moveQuantity(svc, {
      kind: "RECEIVE",
      modelId: model.id,
      fromLocationId: null,
      toLocationId: location.id,
      quantity: input.quantity,
      note: input.note,
    });
    return { received: input.quantity };
  }
  if (!input.items.length) throw invalid(`${model.name} is tracked by serial; list the serials received`);
  try {
    await svc.db.$transaction(async (tx) => {
      for (const { serial, mac } of input.items) {
        const item = await tx.inventoryItem.create({
          data: { tenantId: svc.tenantId, modelId: model.id, serial, mac: mac ?? null, locationId: location.id },
        });
        await appendMovement(tx, svc, {
          kind: "RECEIVE",
          modelId: model.id,
          itemId: item.id,
          fromLocationId: null,
          toLocationId: location.id,
          quantity: 1,
          note: input.note,
        });
      }
      await recordAudit(tx, {
        tenantId: svc.tenantId,
        actor: svc.actor,
        action: "inventory.receive",
        targetType: "StockLocation",
        targetId: location.id,
        after: { model: model.code, serials: input.items.map((i) => i.serial) },
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict("One of these serials is already in the inventory");
    throw error;
  }
  return { received: input.items.length };
}

export async function transferEquipment(svc: ServiceContext, raw: TransferInput) {
  const input = transferInput.parse(raw);
  const to = await getLocation(svc, input.toLocationId);
  if (!IN_STOCK.includes(to.kind)) throw invalid("Transfer into a warehouse or a van; fitting goes through assign");
  if (input.serial) {
    const { item } = await moveItem(svc, {
      serial: input.serial,
      kind: "TRANSFER",
      to,
      note: input.note,
      check: (_item, from) => {
        if (!IN_STOCK.includes(from.kind)) throw conflict(`Serial ${input.serial} is ${where(from)}, not in stock`);
        if (from.id === to.id) throw invalid(`Serial ${input.serial} is already in ${to.name}`);
      },
    });
    return item;
  }
  const from = await getLocation(svc, input.fromLocationId as string);
  return moveQuantity(svc, {
    kind: "TRANSFER",
    modelId: input.modelId as string,
    fromLocationId: from.id,
    toLocationId: to.id,
    quantity: input.quantity as number,
    note: input.note,
  });
}

/**
 * Fits an item at a subscriber's premises. It must be in stock (a warehouse or, when a
 * technician fits it, their own van); the same serial assigned again to the same subscriber
 * changes nothing.
 */
export async function assignEquipment(svc: ServiceContext, raw: AssignEquipmentInput) {
  const input = assignInput.parse(raw);
  const to = await premisesOf(svc, input.subscriberId);
  const van = input.fromTechnicianId ? await vanOf(svc, input.fromTechnicianId) : null;
  const same: { item?: InventoryItem } = {};
  try {
    const { item } = await moveItem(svc, {
      serial: input.serial,
      kind: "ASSIGN",
      to,
      subscriberId: input.subscriberId,
      workOrderId: input.workOrderId ?? null,
      check: (item, from) => {
        if (from.id === to.id) {
          same.item = item;
          throw conflict("already assigned");
        }
        if (!IN_STOCK.includes(from.kind))
          throw conflict(`Serial ${input.serial} is ${where(from)}; it is not in stock`);
        if (van && from.id !== van.id) throw conflict(`Serial ${input.serial} is ${where(from)}, not in your van`);
      },
    });
    return item;
  } catch (error) {
    if (same.item) return same.item;
    throw error;
  }
}

/** Brings an item back from a subscriber's premises (or a van) into a warehouse, to be inspected. */
export async function returnEquipment(svc: ServiceContext, raw: ReturnEquipmentInput) {
  const input = returnInput.parse(raw);
  const to = input.toLocationId ? await getLocation(svc, input.toLocationId) : await standingLocation(svc, "WAREHOUSE");
  if (to.kind !== "WAREHOUSE" && to.kind !== "VAN") throw invalid("Returns go to a warehouse or a van");
  const { item, from } = await moveItem(svc, {
    serial: input.serial,
    kind: "RETURN",
    to,
    condition: "NEEDS_INSPECTION",
    workOrderId: input.workOrderId ?? null,
    note: input.note,
    check: (_item, from) => {
      if (from.kind !== "CUSTOMER")
        throw conflict(`Serial ${input.serial} is ${where(from)}; only fitted equipment is returned`);
    },
    alsoInTransaction: (tx, item, from) => closeReturn(tx, item.id, from.subscriberId),
  });
  return { item, fromSubscriberId: from.subscriberId };
}

const OUTCOME = {
  GOOD: { condition: "GOOD", place: null },
  REFURBISH: { condition: "REFURBISHED", place: null },
  RMA: { condition: "FAULTY", place: "RMA" },
  SCRAP: { condition: "SCRAPPED", place: "SCRAP" },
} as const;

/** Decides what a returned item is: good or refurbished (stays in stock), sent to the vendor, or scrapped. */
export async function inspectEquipment(svc: ServiceContext, raw: InspectInput) {
  const input = inspectInput.parse(raw);
  const outcome = OUTCOME[input.outcome];
  const current = await svc.db.inventoryItem.findFirst({ where: { serial: input.serial } });
  const to = outcome.place
    ? await standingLocation(svc, outcome.place)
    : current
      ? await getLocation(svc, current.locationId)
      : null;
  if (!to) throw notFound(`Serial ${input.serial}`);
  const { item } = await moveItem(svc, {
    serial: input.serial,
    kind: input.outcome === "SCRAP" ? "WRITE_OFF" : "INSPECT",
    to,
    condition: outcome.condition,
    note: [input.outcome, input.note].filter(Boolean).join(": "),
    check: (item, from) => {
      if (item.condition !== "NEEDS_INSPECTION") throw conflict(`Serial ${input.serial} is not waiting for inspection`);
      if (!IN_STOCK.includes(from.kind)) throw conflict(`Serial ${input.serial} is ${where(from)}`);
    },
  });
  return item;
}

/** An item and every movement of it, oldest first. */
export async function equipmentHistory(svc: ServiceContext, serial: string) {
  const item = await svc.db.inventoryItem.findFirst({
    where: { serial: serial.trim().toUpperCase() },
    include: { model: true },
  });
  if (!item) throw notFound(`Serial ${serial}`);
  const movements = await svc.db.inventoryMovement.findMany({
    where: { itemId: item.id },
    orderBy: { createdAt: "asc" },
  });
  const ids = [
    ...new Set(movements.flatMap((m) => [m.fromLocationId, m.toLocationId]).filter((x): x is string => !!x)),
  ];
  const locations = await svc.db.stockLocation.findMany({ where: { id: { in: [...ids, item.locationId] } } });
  const byId = new Map(locations.map((l) => [l.id, l]));
  return { item, location: byId.get(item.locationId) ?? null, movements, locations: byId };
}
