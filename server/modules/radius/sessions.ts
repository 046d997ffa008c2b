// Sessions from radacct: live, history, usage per day; stale-session cleanup.

import { db } from "@/server/db";
import { Prisma } from "@/server/generated/prisma/client";
import { type ListInput, orderBy, pageArgs } from "@/server/list";
import type { ServiceContext } from "@/server/service-context";
import { crossTenantSql, tenantSql } from "@/server/sql";

const sessionSelect = {
  radacctid: true,
  acctsessionid: true,
  acctuniqueid: true,
  username: true,
  nasipaddress: true,
  nasportid: true,
  framedipaddress: true,
  callingstationid: true,
  acctstarttime: true,
  acctupdatetime: true,
  acctstoptime: true,
  acctsessiontime: true,
  acctinputoctets: true,
  acctoutputoctets: true,
  acctterminatecause: true,
  subscriberId: true,
} as const;

type Row = Prisma.RadAcctGetPayload<{ select: typeof sessionSelect }>;

function present(r: Row, now = Date.now()) {
  const start = r.acctstarttime?.getTime() ?? null;
  const end = r.acctstoptime?.getTime() ?? now;
  return {
    id: r.radacctid.toString(),
    acctSessionId: r.acctsessionid,
    acctUniqueId: r.acctuniqueid,
    username: r.username,
    subscriberId: r.subscriberId,
    nasIp: r.nasipaddress,
    nasPort: r.nasportid,
    framedIp: r.framedipaddress,
    callingStationId: r.callingstationid,
    startedAt: r.acctstarttime,
    updatedAt: r.acctupdatetime,
    stoppedAt: r.acctstoptime,
    durationSeconds: start === null ? null : Math.max(0, Math.round((end - start) / 1000)),
    // Octets from the NAS's point of view: input = uploaded by the subscriber.
    uploadBytes: Number(r.acctinputoctets ?? 0n),
    downloadBytes: Number(r.acctoutputoctets ?? 0n),
    terminateCause: r.acctterminatecause,
  };
}
export type SessionView = ReturnType<typeof present>;

function searchWhere(input: ListInput): Prisma.RadAcctWhereInput {
  const where: Prisma.RadAcctWhereInput = {};
  const term = input.search?.trim();
  if (term) {
    where.OR = [
      { username: { startsWith: term } },
      { acctsessionid: term },
      { callingstationid: { startsWith: term.toUpperCase() } },
    ];
    if (/^\d{1,3}(\.\d{1,3}){3}$/.test(term)) where.OR.push({ framedipaddress: term }, { nasipaddress: term });
  }
  if (input.filters?.nasIp) where.nasipaddress = input.filters.nasIp;
  if (input.filters?.subscriberId) where.subscriberId = input.filters.subscriberId;
  return where;
}

const SORTABLE = ["acctstarttime", "username", "nasipaddress", "acctinputoctets", "acctoutputoctets"] as const;

export async function listLiveSessions(svc: ServiceContext, input: ListInput) {
  const where = { ...searchWhere(input), acctstoptime: null };
  const [rows, total] = await Promise.all([
    svc.db.radAcct.findMany({
      where,
      select: sessionSelect,
      orderBy: orderBy(input, SORTABLE, { acctstarttime: "desc" }),
      ...pageArgs(input),
    }),
    svc.db.radAcct.count({ where }),
  ]);
  return { rows: rows.map((r) => present(r)), total };
}

export async function listSessionHistory(svc: ServiceContext, input: ListInput) {
  const where = searchWhere(input);
  const [rows, total] = await Promise.all([
    svc.db.radAcct.findMany({
      where,
      select: sessionSelect,
      orderBy: orderBy(input, SORTABLE, { acctstarttime: "desc" }),
      ...pageArgs(input),
    }),
    svc.db.radAcct.count({ where }),
  ]);
  return { rows: rows.map((r) => present(r)), total };
}

/** Open sessions of one subscriber. */
export async function subscriberLiveSessions(svc: ServiceContext, subscriberId: string) {
  const rows = await svc.db.radAcct.findMany({
    where: { subscriberId, acctstoptime: null },
    select: sessionSelect,
    orderBy: { acctstarttime: "desc" },
  });
  return rows.map((r) => present(r));
}

/**
 * Usage per day (UTC) of one subscriber over the last `days` days. A session's octets are
 * counted on the day of its last update (interim or stop); good enough for a daily view.
 */
export async function usagePerDay(svc: ServiceContext, subscriberId: string, days = 30) {
  const rows = await tenantSql(db(), svc.tenantId).query<
    Array<{ day: Date; upload: bigint; download: bigint; sessions: bigint }>
  >(
    Prisma.sql`SELECT date_trunc('day', COALESCE(acctstoptime, acctupdatetime, acctstarttime) AT TIME ZONE 'UTC') AS day,
                      SUM(COALESCE(acctinputoctets, 0))::bigint AS upload,
                      SUM(COALESCE(acctoutputoctets, 0))::bigint AS download,
                      COUNT(*)::bigint AS sessions
                 FROM radacct
                WHERE tenant_id = ${svc.tenantId}::uuid AND subscriber_id = ${subscriberId}::uuid
                  AND COALESCE(acctstoptime, acctupdatetime, acctstarttime) >= now() - make_interval(days => ${days})
                GROUP BY 1 ORDER BY 1`,
  );
  return rows.map((r) => ({
    day: r.day.toISOString().slice(0, 10),
    uploadBytes: Number(r.upload),
    downloadBytes: Number(r.download),
    sessions: Number(r.sessions),
  }));
}

/**
 * Closes open sessions whose NAS has not sent an update for `maxSilenceSeconds` (a lost
 * Accounting-Stop, a NAS that died without Accounting-Off). Runs for every tenant (system job)
 * or for one tenant.
 */
export async function cleanupStaleSessions(opts: { maxSilenceSeconds?: number; tenantId?: string } = {}) {
  const silence = opts.maxSilenceSeconds ?? Number(process.env.RADIUS_STALE_SESSION_SECONDS ?? 3 * 600 + 60);
  const tenantFilter = opts.tenantId ? Prisma.sql`AND tenant_id = ${opts.tenantId}::uuid` : Prisma.empty;
  // Every tenant's sessions (the system job), or one tenant's.
  const sql = opts.tenantId ? tenantSql(db(), opts.tenantId) : crossTenantSql(db());
  const closed = await sql.execute(
    Prisma.sql`UPDATE radacct
                  SET acctstoptime = COALESCE(acctupdatetime, acctstarttime),
                      acctterminatecause = 'Stale-Session',
                      acctsessiontime = EXTRACT(EPOCH FROM (COALESCE(acctupdatetime, acctstarttime) - acctstarttime))::bigint
                WHERE acctstoptime IS NULL
                  AND COALESCE(acctupdatetime, acctstarttime) < now() - make_interval(secs => ${silence})
                  ${tenantFilter}`,
  );
  return { closed };
}

/** Counters for dashboards: open sessions, accepts/rejects in the last hour. */
export async function radiusStats(svc: ServiceContext) {
  const since = new Date(Date.now() - 3600_000);
  const [live, accepts, rejects] = await Promise.all([
    svc.db.radAcct.count({ where: { acctstoptime: null } }),
    svc.db.radPostAuth.count({ where: { authdate: { gte: since }, reply: "Access-Accept" } }),
    svc.db.radPostAuth.count({ where: { authdate: { gte: since }, reply: "Access-Reject" } }),
  ]);
  return { liveSessions: live, acceptsLastHour: accepts, rejectsLastHour: rejects };
}
