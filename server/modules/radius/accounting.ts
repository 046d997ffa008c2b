// RADIUS accounting (radacct, written by FreeRADIUS) as others use it: bytes per subscriber for
// rating, and finished sessions a demo seed records. Sessions count on the day of their last
// record (stop, else interim update, else start) — the same attribution as usagePerDay, so the
// portal chart and the invoice agree.
import type { DbTx } from "@/server/db";
import { Prisma } from "@/server/generated/prisma/client";
import type { ServiceContext } from "@/server/service-context";
import { tenantSql } from "@/server/sql";

export type AccountingWindow = { from: Date; to: Date };

/** Total bytes (down + up) per subscriber id in [from, to), one set-based query. Missing = 0. */
export async function accountedBytes(
  tx: DbTx,
  tenantId: string,
  subscriberIds: string[],
  { from, to }: AccountingWindow,
): Promise<Map<string, bigint>> {
  const out = new Map<string, bigint>();
  if (subscriberIds.length === 0) return out;
  const rows = await tenantSql(tx, tenantId).query<Array<{ id: string; bytes: bigint }>>(Prisma.sql`
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
}

/** Bytes per day of session start for one subscriber in [from, to), oldest first. */
export async function accountedBytesPerDay(
  tx: DbTx,
  tenantId: string,
  subscriberId: string,
  { from, to }: AccountingWindow,
): Promise<Array<{ day: string; downloadBytes: bigint; uploadBytes: bigint }>> {
  // FreeRADIUS counts from the NAS's view: input = from the subscriber (upload).
  const rows = await tenantSql(tx, tenantId).query<Array<{ day: Date; up: bigint; down: bigint }>>(Prisma.sql`
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
}

export type FinishedSession = {
  /** acctuniqueid: recording the same id twice keeps the first. */
  uniqueId: string;
  username: string;
  start: Date;
  stop: Date;
  uploadBytes: bigint;
  downloadBytes: bigint;
};

/** Records finished sessions of one subscriber as the NAS would have reported them (demo seeds). */
export async function recordFinishedSessions(svc: ServiceContext, subscriberId: string, sessions: FinishedSession[]) {
  if (sessions.length === 0) return;
  const rows = sessions.map(
    (s) => Prisma.sql`(${s.uniqueId}, ${s.uniqueId}, ${s.username}, '127.0.0.1'::inet, ${s.start},
      ${s.stop}, ${s.stop}, ${Math.round((s.stop.getTime() - s.start.getTime()) / 1000)}, ${s.uploadBytes},
      ${s.downloadBytes}, 'User-Request', ${svc.tenantId}::uuid, ${subscriberId}::uuid)`,
  );
  await tenantSql(svc.db, svc.tenantId).execute(Prisma.sql`
    INSERT INTO radacct (acctsessionid, acctuniqueid, username, nasipaddress, acctstarttime, acctupdatetime,
      acctstoptime, acctsessiontime, acctinputoctets, acctoutputoctets, acctterminatecause, tenant_id, subscriber_id)
    VALUES ${Prisma.join(rows)} ON CONFLICT (acctuniqueid) DO NOTHING`);
}

/** How many sessions have an acctuniqueid starting with `prefix` (a seed's own sessions). */
export async function sessionCountWithIdPrefix(svc: ServiceContext, prefix: string): Promise<number> {
  const [{ n }] = await tenantSql(svc.db, svc.tenantId).query<Array<{ n: bigint }>>(
    Prisma.sql`SELECT count(*)::bigint AS n FROM radacct
                WHERE tenant_id = ${svc.tenantId}::uuid AND acctuniqueid LIKE ${`${prefix.replace(/[\\%_]/g, "\\$&")}%`}`,
  );
  return Number(n);
}
