// Where rating gets usage from. Billing only needs "bytes used per subscriber in a window";
// the default source reads RADIUS accounting (radacct, written by FreeRADIUS), summing
// input + output octets of sessions by the day of their last record (stop, else interim
// update, else start) — the same attribution as the radius module's usagePerDay, so the
// portal chart and the invoice agree. Bulk windows for a billing run are one set-based query.

import type { DbTx } from "@/server/db";
import { accountedBytes, accountedBytesPerDay } from "@/server/modules/radius";

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

/** Billing's usage source: RADIUS accounting. (Another source, e.g. a mediation system, would be
 * an adapter the composition root, server/adapters/compose.ts, picks per tenant.) */
export const usageSource: UsageSource = { totals: accountedBytes, daily: accountedBytesPerDay };
