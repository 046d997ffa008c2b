// The ledger: every change of where equipment is, as one appended InventoryMovement. A
// serialised item is locked while it moves, so of two hands moving the same serial at once
// one wins and the other is told where the item went; a quantity leaving a location is
// checked against that location's stock under a lock on (location, model).
import { Prisma } from "@/server/db";
import { conflict, notFound } from "@/server/errors";
import type { InventoryItem, ItemCondition, MovementKind, StockLocation } from "@/server/generated/prisma/client";
import type { ServiceContext } from "@/server/service-context";
import { advisoryLock, type RawClient, tenantSql } from "@/server/sql";

type Tx = Parameters<Parameters<ServiceContext["db"]["$transaction"]>[0]>[0];

export type ItemMove = {
  serial: string;
  kind: MovementKind;
  to: StockLocation;
  condition?: ItemCondition;
  subscriberId?: string | null;
  workOrderId?: string | null;
  note?: string;
  /** Refuses the move (throws) when the item is not where it should be. */
  check?: (item: InventoryItem, from: StockLocation) => void;
  /** Work that belongs to the move, in its transaction (closing an equipment return). */
  alsoInTransaction?: (tx: Tx, item: InventoryItem, from: StockLocation) => Promise<void>;
};

/** Moves one serialised item; returns the item after the move and where it came from. */
export async function moveItem(svc: ServiceContext, move: ItemMove) {
  return svc.db.$transaction(async (tx) => {
    const [locked] = await tenantSql(tx, svc.tenantId).query<{ id: string }[]>`
      SELECT id FROM "InventoryItem" WHERE "tenantId" = ${svc.tenantId}::uuid AND serial = ${move.serial} FOR UPDATE`;
    const item = locked && (await tx.inventoryItem.findFirst({ where: { id: locked.id } }));
    if (!item) throw notFound(`Serial ${move.serial}`);
    const from = await tx.stockLocation.findFirst({ where: { id: item.locationId } });
    if (!from) throw notFound("Stock location");
    move.check?.(item, from);
    await appendMovement(tx, svc, {
      kind: move.kind,
      modelId: item.modelId,
      itemId: item.id,
      fromLocationId: from.id,
      toLocationId: move.to.id,
      quantity: 1,
      subscriberId: move.subscriberId ?? null,
      workOrderId: move.workOrderId ?? null,
      note: move.note ?? "",
    });
    const after = await tx.inventoryItem.update({
      where: { id: item.id },
      data: { locationId: move.to.id, ...(move.condition ? { condition: move.condition } : {}) },
    });
    await move.alsoInTransaction?.(tx, after, from);
    return { item: after, from };
  });
}

/** Moves a quantity of a model between locations (null: from outside, or out of stock). */
export async function moveQuantity(
  svc: ServiceContext,
  move: {
    kind: MovementKind;
    modelId: string;
    fromLocationId: string | null;
    toLocationId: string | null;
    quantity: number;
    note?: string;
  },
) {
  return svc.db.$transaction(async (tx) => {
    if (move.fromLocationId) {
      await advisoryLock(tx, `inventory:${move.fromLocationId}:${move.modelId}`);
      const have = await stockOf(tx, svc, move.fromLocationId, move.modelId);
      if (have < move.quantity)
        throw conflict(`Only ${have} in stock at that location; ${move.quantity} cannot leave it`, { have });
    }
    return appendMovement(tx, svc, {
      ...move,
      itemId: null,
      subscriberId: null,
      workOrderId: null,
      note: move.note ?? "",
    });
  });
}

export async function appendMovement(
  tx: Pick<Tx, "inventoryMovement">,
  svc: ServiceContext,
  m: Omit<Prisma.InventoryMovementUncheckedCreateInput, "tenantId" | "actorLabel">,
) {
  return tx.inventoryMovement.create({ data: { ...m, tenantId: svc.tenantId, actorLabel: svc.actor.label } });
}

/** A location's stock of one model: what arrived minus what left, from the ledger. */
export async function stockOf(tx: RawClient, svc: ServiceContext, locationId: string, modelId: string) {
  const [row] = await tenantSql(tx, svc.tenantId).query<{ n: bigint | null }[]>`
    SELECT SUM(CASE WHEN "toLocationId" = ${locationId}::uuid THEN quantity ELSE -quantity END) AS n
    FROM "InventoryMovement"
    WHERE "tenantId" = ${svc.tenantId}::uuid AND "modelId" = ${modelId}::uuid
      AND (("toLocationId" = ${locationId}::uuid) OR ("fromLocationId" = ${locationId}::uuid))
      AND "toLocationId" IS DISTINCT FROM "fromLocationId"`;
  return Number(row?.n ?? 0);
}

export type StockRow = { locationId: string; modelId: string; quantity: number };

/** Every location's stock per model from the ledger (rows with nothing left are omitted). */
export async function stockByLocation(svc: ServiceContext, locationId?: string): Promise<StockRow[]> {
  const only = locationId ? Prisma.sql`AND loc = ${locationId}::uuid` : Prisma.empty;
  const rows = await tenantSql(svc.db, svc.tenantId).query<{ loc: string; model: string; n: bigint }[]>`
    SELECT loc, model, SUM(q) AS n FROM (
      SELECT "toLocationId" AS loc, "modelId" AS model, quantity AS q FROM "InventoryMovement"
        WHERE "tenantId" = ${svc.tenantId}::uuid AND "toLocationId" IS NOT NULL
      UNION ALL
      SELECT "fromLocationId", "modelId", -quantity FROM "InventoryMovement"
        WHERE "tenantId" = ${svc.tenantId}::uuid AND "fromLocationId" IS NOT NULL
    ) m WHERE true ${only}
    GROUP BY loc, model HAVING SUM(q) <> 0`;
  return rows.map((r) => ({ locationId: r.loc, modelId: r.model, quantity: Number(r.n) }));
}
