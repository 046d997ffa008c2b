// Where rating gets usage from. Billing only needs "bytes used per subscriber in a window";
// the default source reads RADIUS accounting (radacct, written by FreeRADIUS), summing
// input + output octets of sessions by the day of their last record (stop, else interim
// update, else start) — the same attribution as the radius module's usagePerDay, so the
// portal chart and the invoice agree. Bulk windows for a billing run are one set-based query.

import type { DbTx } from "@/server/db";
import { Prisma } from "@/server/generated/prisma/client";

export type UsageWindow = { from: Date; to: Date };

export interface UsageSource {
  /** Total bytes (down + up) per subscriber id in [from, to). Missing = 0. */
  totals(tx: DbTx, tenantId: string, subscriberIds: string[], window: UsageWindow): Promise<Map<string, bigint>>;
  /** Bytes per day for one subscriber, oldest first (the portal chart). */
  daily(
    tx: DbTx,
    tenantId: string,
    subscriberId: string,
    window: UsageWindow,
  ): Promise<Array<{ day: string; downloadBytes: bigint; uploadBytes: bigint }>>;
}

export const radacctUsage: UsageSource = {
  async totals(tx, tenantId, subscriberIds, { from, to }) {
    const out = new Map<string, bigint>();
    if (subscriberIds.length === 0) return out;
    const rows = await tx.$queryRaw<Array<{ id: string; bytes: bigint }>>(Prisma.sql`
      SELECT subscriber_id::text AS id,
             COALESCE(SUM(COALESCE(acctinputoctets, 0) + COALESCE(acctoutputoctets, 0)), 0)::bigint AS bytes
        FROM radacct
       WHERE tenant_id = ${tenantId}::uuid
         AND subscriber_id = ANY(${subscriberIds}::uuid[])
         AND COALESCE(acctstoptime, acctupdatetime, acctstarttime) >= ${from}
         AND COALESCE(acctstoptime, acctupdatetime, acctstarttime) < ${to}
       GROUP BY subscriber_id`);
    for (const r of rows) out.set(r.id, BigInt(r.bytes));
    return out;
  },
  async daily(tx, tenantId, subscriberId, { from, to }) {
    // FreeRADIUS counts from the NAS's view: input = from the subscriber (upload).
    const rows = await tx.$queryRaw<Array<{ day: Date; up: bigint; down: bigint }>>(Prisma.sql`
      SELECT date_trunc('day', acctstarttime AT TIME ZONE 'UTC')::date AS day,
             COALESCE(SUM(acctinputoctets), 0)::bigint AS up,
             COALESCE(SUM(acctoutputoctets), 0)::bigint AS down
        FROM radacct
       WHERE tenant_id = ${tenantId}::uuid AND subscriber_id = ${subscriberId}::uuid
         AND acctstarttime >= ${from} AND acctstarttime < ${to}
       GROUP BY 1 ORDER BY 1`);
    return rows.map((r) => ({
      day: r.day.toISOString().slice(0, 10),
      downloadBytes: BigInt(r.down),
      uploadBytes: BigInt(r.up),
    }));
  },
};

let current: UsageSource = radacctUsage;
export function usageSource(): UsageSource {
  return current;
}
/** Swaps the usage source (e.g. a mediation system instead of radacct). */
export function setUsageSource(source: UsageSource) {
  current = source;
}
