// J4 equipment returns: a disconnected subscriber gives back every item fitted at their
// premises by a due date (the tenant's policy, from the day the return opens on the billing
// clock). The item's RETURN movement closes it; it is then inspected like any return. Not back
// by the due date: the subscriber is reminded once (`equipment_return_due`), and past the
// grace the model's price is charged once, on the subscription's next invoice, and the item is
// written off the ledger (it leaves the premises for good).
import { z } from "zod";
import type { Prisma } from "@/server/db";
import { conflict, invalid, notFound } from "@/server/errors";
import { type ListInput, orderBy, pageArgs } from "@/server/list";
import { recordAudit } from "@/server/modules/audit";
import {
  addDays,
  addOneOffCharge,
  billingToday,
  invoiceEndedCharges,
  isoDate,
  loadBillingTenant,
  requireCustomer,
} from "@/server/modules/billing";
import { notify } from "@/server/modules/notifications";
import { getSubscriber, subscriberSummaries } from "@/server/modules/subscribers";
import type { ServiceContext } from "@/server/service-context";
import { moveItem } from "./ledger";
import { standingLocation } from "./locations";

type Tx = Parameters<Parameters<ServiceContext["db"]["$transaction"]>[0]>[0];

export const returnPolicyInput = z.object({
  dueDays: z.number().int().min(1, "Allow at least a day").max(120, "At most 120 days"),
  graceDays: z.number().int().min(0, "The grace cannot be negative").max(120, "At most 120 days"),
  /** What an unreturned item of a model is charged (its price, minor units); models not named keep theirs. */
  charges: z
    .array(
      z.object({
        modelCode: z.string().trim().min(1).max(64),
        chargeMinor: z
          .number()
          .int()
          .min(0, "A charge cannot be negative")
          .max(100_000_000, "That charge is too large"),
      }),
    )
    .max(500)
    .optional(),
});
export type ReturnPolicyInput = z.input<typeof returnPolicyInput>;
export type ReturnPolicy = { dueDays: number; graceDays: number };

const DEFAULT_POLICY: ReturnPolicy = { dueDays: 14, graceDays: 7 };

export async function returnPolicy(svc: ServiceContext): Promise<ReturnPolicy> {
  const row = await svc.db.equipmentReturnPolicy.findFirst({});
  return row ? { dueDays: row.dueDays, graceDays: row.graceDays } : DEFAULT_POLICY;
}

/** What an unreturned item of each serialised model is charged (the model's price). */
export async function returnCharges(svc: ServiceContext) {
  const models = await svc.db.inventoryModel.findMany({ where: { serialised: true }, orderBy: { code: "asc" } });
  return models.map((m) => ({ modelId: m.id, code: m.code, name: m.name, chargeMinor: m.priceMinor }));
}

/**
 * Sets the due and grace days and, for the models named, the charge of an unreturned item, at
 * once and audited. An unknown or unserialised model (or one named twice) changes nothing.
 */
export async function setReturnPolicy(svc: ServiceContext, raw: ReturnPolicyInput): Promise<ReturnPolicy> {
  const { charges = [], ...policy } = returnPolicyInput.parse(raw);
  const codes = charges.map((c) => c.modelCode);
  const twice = codes.find((c, i) => codes.indexOf(c) !== i);
  if (twice) throw invalid(`Model ${twice} is named twice`);
  const models = new Map((await returnCharges(svc)).map((m) => [m.code, m]));
  const unknown = codes.find((c) => !models.has(c));
  if (unknown) throw invalid(`There is no serialised model with code ${unknown}`);
  const changed = charges.filter((c) => models.get(c.modelCode)?.chargeMinor !== c.chargeMinor);
  const before = await returnPolicy(svc);
  return svc.db.$transaction(async (tx) => {
    await tx.equipmentReturnPolicy.upsert({
      where: { tenantId: svc.tenantId },
      create: { tenantId: svc.tenantId, ...policy },
      update: policy,
    });
    for (const c of changed)
      await tx.inventoryModel.update({
        where: { id: models.get(c.modelCode)?.modelId },
        data: { priceMinor: c.chargeMinor },
      });
    await recordAudit(tx, {
      tenantId: svc.tenantId,
      actor: svc.actor,
      action: "inventory.return_policy.update",
      targetType: "EquipmentReturnPolicy",
      targetId: svc.tenantId,
      before: {
        ...before,
        ...(changed.length
          ? {
              charges: changed.map((c) => ({
                modelCode: c.modelCode,
                chargeMinor: models.get(c.modelCode)?.chargeMinor,
              })),
            }
          : {}),
      },
      after: { ...policy, ...(changed.length ? { charges: changed } : {}) },
    });
    return policy;
  });
}

/** The serialised items fitted at a subscriber's premises. */
export async function fittedEquipment(svc: ServiceContext, subscriberId: string) {
  const premises = await svc.db.stockLocation.findFirst({ where: { subscriberId } });
  if (!premises) return [];
  return svc.db.inventoryItem.findMany({
    where: { locationId: premises.id },
    include: { model: true },
    orderBy: { serial: "asc" },
  });
}

/**
 * For the subscriber portal's cancellation: what the customer's service has fitted at their
 * home, to be given back within the policy's days after the service ends, and what each item
 * is charged if it is not.
 */
export async function portalEquipmentToReturn(
  svc: ServiceContext,
  customerId: string | null | undefined,
  subscriberId: string,
) {
  const owner = requireCustomer(customerId);
  const sub = await getSubscriber(svc, subscriberId).catch(() => null);
  if (!sub || sub.customerId !== owner) throw notFound("Service");
  const [items, policy, { currency }] = await Promise.all([
    fittedEquipment(svc, subscriberId),
    returnPolicy(svc),
    loadBillingTenant(svc),
  ]);
  return {
    dueDays: policy.dueDays,
    currency,
    items: items.map((i) => ({ serial: i.serial, model: i.model.name, chargeMinor: i.model.priceMinor })),
  };
}

/**
 * Opens a return for every item fitted at the subscriber's premises, due `dueDays` from today
 * (billing clock). Opening again changes nothing.
 */
export async function openEquipmentReturns(
  svc: ServiceContext,
  input: { subscriberId: string; workOrderId?: string | null },
) {
  const items = await fittedEquipment(svc, input.subscriberId);
  if (!items.length) return { opened: 0, dueOn: null };
  const [policy, today] = await Promise.all([returnPolicy(svc), billingToday(svc)]);
  const dueOn = addDays(today, policy.dueDays);
  const opened = await svc.db.$transaction(async (tx) => {
    const created = await tx.equipmentReturn.createMany({
      data: items.map((i) => ({
        tenantId: svc.tenantId,
        subscriberId: input.subscriberId,
        itemId: i.id,
        workOrderId: input.workOrderId ?? null,
        dueOn,
      })),
      skipDuplicates: true,
    });
    if (created.count)
      await recordAudit(tx, {
        tenantId: svc.tenantId,
        actor: svc.actor,
        action: "inventory.return.open",
        targetType: "Subscriber",
        targetId: input.subscriberId,
        after: { serials: items.map((i) => i.serial), dueOn: isoDate(dueOn), workOrderId: input.workOrderId ?? null },
      });
    return created.count;
  });
  return { opened, dueOn: isoDate(dueOn) };
}

/** In a RETURN movement's transaction: the subscriber's open return of this item is closed. */
export async function closeReturn(tx: Tx, itemId: string, subscriberId: string | null) {
  if (!subscriberId) return;
  await tx.equipmentReturn.updateMany({
    where: { itemId, subscriberId, status: "OPEN" },
    data: { status: "RETURNED", returnedAt: new Date() },
  });
}

export async function listEquipmentReturns(svc: ServiceContext, input: ListInput) {
  const status = input.filters?.status;
  const q = input.search?.trim();
  const where: Prisma.EquipmentReturnWhereInput = {
    ...(status && ["OPEN", "RETURNED", "CHARGED", "CANCELLED"].includes(status)
      ? { status: status as "OPEN" | "RETURNED" | "CHARGED" | "CANCELLED" }
      : {}),
    ...(input.filters?.subscriberId ? { subscriberId: input.filters.subscriberId } : {}),
    ...(q ? { item: { serial: { contains: q, mode: "insensitive" as const } } } : {}),
  };
  const [rows, total, today] = await Promise.all([
    svc.db.equipmentReturn.findMany({
      where,
      include: { item: { include: { model: true } } },
      orderBy: [orderBy(input, ["dueOn", "status", "createdAt"] as const, { dueOn: "asc" }), { id: "asc" }],
      ...pageArgs(input),
    }),
    svc.db.equipmentReturn.count({ where }),
    billingToday(svc),
  ]);
  const usernames = new Map(
    (await subscriberSummaries(svc, [...new Set(rows.map((r) => r.subscriberId))])).map((s) => [s.id, s.username]),
  );
  return {
    rows: rows.map((r) => ({
      id: r.id,
      subscriberId: r.subscriberId,
      username: usernames.get(r.subscriberId) ?? "",
      workOrderId: r.workOrderId,
      serial: r.item.serial,
      model: r.item.model.name,
      condition: r.item.condition,
      status: r.status,
      dueOn: isoDate(r.dueOn),
      overdue: r.status === "OPEN" && r.dueOn < today,
      noticeSentAt: r.noticeSentAt,
      chargedAt: r.chargedAt,
      amountMinor: r.amountMinor,
      returnedAt: r.returnedAt,
    })),
    total,
  };
}

/**
 * The daily pass (billing clock): reminds each subscriber once of what is overdue, then charges
 * what is still out after the grace, once each, and invoices it. Returns what it did.
 */
export async function runEquipmentReturns(svc: ServiceContext) {
  const [policy, today, { currency }] = await Promise.all([
    returnPolicy(svc),
    billingToday(svc),
    loadBillingTenant(svc),
  ]);
  const overdue = await svc.db.equipmentReturn.findMany({
    where: { status: "OPEN", dueOn: { lt: today } },
    include: { item: { include: { model: true } } },
    orderBy: [{ subscriberId: "asc" }, { dueOn: "asc" }],
  });
  const bySubscriber = new Map<string, typeof overdue>();
  for (const r of overdue) bySubscriber.set(r.subscriberId, [...(bySubscriber.get(r.subscriberId) ?? []), r]);
  let reminded = 0;
  let charged = 0;
  for (const [subscriberId, returns] of bySubscriber) {
    const unnoticed = returns.filter((r) => !r.noticeSentAt);
    if (unnoticed.length) {
      await notify(svc, {
        subscriberId,
        template: "equipment_return_due",
        data: {
          items: unnoticed.map((r) => `${r.item.model.name} (${r.item.serial})`),
          dueDate: unnoticed[0].dueOn.toISOString(),
          chargeMinor: unnoticed.reduce((sum, r) => sum + r.item.model.priceMinor, 0),
          currency,
        },
        dedupeKey: `equipment_return_due:${unnoticed.map((r) => r.id).join(",")}`,
      });
      await svc.db.equipmentReturn.updateMany({
        where: { id: { in: unnoticed.map((r) => r.id) }, noticeSentAt: null },
        data: { noticeSentAt: new Date() },
      });
      reminded += unnoticed.length;
    }
    // Charged, invoiced, then marked: a pass cut short between them redoes the rest and
    // nothing twice (the charge's key, the invoice only of what is pending).
    const chargeable = returns.filter((r) => r.noticeSentAt && addDays(r.dueOn, policy.graceDays) < today);
    for (const r of chargeable)
      if (r.item.model.priceMinor > 0)
        await addOneOffCharge(svc, subscriberId, {
          key: `equipment-return:${r.id}`,
          description: `Unreturned ${r.item.model.name} (${r.item.serial})`,
          amountMinor: r.item.model.priceMinor,
        });
    if (chargeable.length) await invoiceEndedCharges(svc, subscriberId);
    for (const r of chargeable) if (await writeOffCharged(svc, r)) charged++;
  }
  return { reminded, charged };
}

/**
 * Marks an open return charged and, in the same transaction, writes its item off: a WRITE_OFF
 * movement takes it from the subscriber's premises to the written-off place (scrap), so the
 * stock at the premises falls to nothing. The item's row lock orders two passes: the second
 * finds the return charged already and its movement is rolled back. True when this call did it.
 */
async function writeOffCharged(
  svc: ServiceContext,
  r: { id: string; subscriberId: string; dueOn: Date; item: { serial: string; model: { priceMinor: number } } },
) {
  const amountMinor = r.item.model.priceMinor;
  const writtenOff = await standingLocation(svc, "SCRAP");
  try {
    await moveItem(svc, {
      serial: r.item.serial,
      kind: "WRITE_OFF",
      to: writtenOff,
      subscriberId: r.subscriberId,
      note: `Not returned by ${isoDate(r.dueOn)}: charged to the subscriber`,
      check: (_item, from) => {
        if (from.subscriberId !== r.subscriberId) throw conflict(`Serial ${r.item.serial} is not at the premises`);
      },
      alsoInTransaction: async (tx) => {
        const marked = await tx.equipmentReturn.updateMany({
          where: { id: r.id, status: "OPEN" },
          data: { status: "CHARGED", chargedAt: new Date(), amountMinor },
        });
        if (!marked.count) throw conflict("charged already");
        await recordAudit(tx, {
          tenantId: svc.tenantId,
          actor: svc.actor,
          action: "inventory.return.charge",
          targetType: "EquipmentReturn",
          targetId: r.id,
          after: { serial: r.item.serial, amountMinor, dueOn: isoDate(r.dueOn), writtenOff: true },
        });
      },
    });
    return true;
  } catch (error) {
    const now = await svc.db.equipmentReturn.findFirst({ where: { id: r.id }, select: { status: true } });
    if (now && now.status !== "OPEN") return false; // another pass charged it (or it came back) first
    throw error;
  }
}
