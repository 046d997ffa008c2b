// Reading alarms: the NOC list and what the incidents module needs to correlate them.
import { notFound } from "@/server/errors";
import { type Alarm, Prisma } from "@/server/generated/prisma/client";
import { type ListInput, orderBy, pageArgs } from "@/server/list";
import type { ServiceContext } from "@/server/service-context";
import { tenantSql } from "@/server/sql";

export async function listAlarms(svc: ServiceContext, input: ListInput) {
  const where: Prisma.AlarmWhereInput = {};
  const f = input.filters ?? {};
  if (f.state === "RAISED" || f.state === "CLEARED") where.state = f.state;
  if (f.severity) where.perceivedSeverity = f.severity as Prisma.AlarmWhereInput["perceivedSeverity"];
  if (f.incidentId) where.incidentId = f.incidentId;
  if (input.search)
    where.OR = [
      { alarmedObjectName: { contains: input.search, mode: "insensitive" } },
      { specificProblem: { contains: input.search, mode: "insensitive" } },
    ];
  const [rows, total] = await Promise.all([
    svc.db.alarm.findMany({
      where,
      ...pageArgs(input),
      orderBy: orderBy(input, ["raisedAt", "perceivedSeverity", "alarmedObjectName", "state"] as const, {
        raisedAt: "desc",
      }),
    }),
    svc.db.alarm.count({ where }),
  ]);
  return { rows, total };
}

export type AlarmRow = Alarm;

export async function getAlarm(svc: ServiceContext, id: string): Promise<AlarmRow> {
  const alarm = await svc.db.alarm.findFirst({ where: { id } });
  if (!alarm) throw notFound("Alarm");
  return alarm;
}

/** A page of alarms by offset, newest first (the TMF642 facade's list). */
export async function alarmsPage(
  svc: ServiceContext,
  input: {
    offset: number;
    limit: number;
    state?: Alarm["state"];
    severity?: Alarm["perceivedSeverity"];
    acknowledged?: boolean;
  },
): Promise<AlarmRow[]> {
  return svc.db.alarm.findMany({
    where: {
      state: input.state,
      perceivedSeverity: input.severity,
      ...(input.acknowledged === undefined ? {} : { acknowledgedAt: input.acknowledged ? { not: null } : null }),
    },
    orderBy: [{ raisedAt: "desc" }, { id: "desc" }],
    skip: input.offset,
    take: input.limit,
  });
}

// Correlation reads and writes alarms in sets: the storm of a fibre cut is thousands of rows,
// and the per-round work must not grow with them on the application side.

/** Raised alarms that take part in correlation: placed in the plant, not flapping, not inside
 * a maintenance window, raised since `since`. */
const correlatable = (svc: ServiceContext, since: Date) => Prisma.sql`
  a."tenantId" = ${svc.tenantId}::uuid AND a.state = 'RAISED' AND NOT a.flapping
  AND a."maintenanceId" IS NULL AND a."raisedAt" >= ${since} AND cardinality(a.upstream) > 0`;

export type CorrelationView = {
  /** Per upstream element: correlatable alarms behind it, how many of them are in no incident
   * yet, and when the first of those was raised. */
  elements: Map<string, { alarmed: number; loose: number; firstLooseAt: Date | null }>;
  /** Element → the elements directly below it, as the alarms' upstream paths give them. */
  children: Map<string, Set<string>>;
};

export async function correlationView(svc: ServiceContext, since: Date): Promise<CorrelationView> {
  const where = correlatable(svc, since);
  const [counts, links] = await Promise.all([
    tenantSql(svc.db, svc.tenantId).query<{ key: string; alarmed: number; loose: number; firstLooseAt: Date | null }[]>`
      SELECT k.key, count(*)::int AS alarmed, (count(*) FILTER (WHERE a."incidentId" IS NULL))::int AS loose,
             min(a."raisedAt") FILTER (WHERE a."incidentId" IS NULL) AS "firstLooseAt"
        FROM "Alarm" a CROSS JOIN LATERAL unnest(a.upstream) AS k(key)
       WHERE ${where}
       GROUP BY k.key`,
    tenantSql(svc.db, svc.tenantId).query<{ parent: string; child: string }[]>`
      SELECT DISTINCT a.upstream[i] AS parent, a.upstream[i + 1] AS child
        FROM "Alarm" a CROSS JOIN LATERAL generate_series(1, cardinality(a.upstream) - 1) AS i
       WHERE ${where}`,
  ]);
  const children = new Map<string, Set<string>>();
  for (const l of links) children.set(l.parent, (children.get(l.parent) ?? new Set()).add(l.child));
  return {
    elements: new Map(counts.map(({ key, ...c }) => [key, c])),
    children,
  };
}

/**
 * Links every correlatable alarm in no incident that sits behind one of `roots` to that root's
 * incident (the farthest root on its path when several are). Returns how many joined each.
 */
export async function attachAlarmsUnder(
  svc: ServiceContext,
  roots: { key: string; incidentId: string }[],
  since: Date,
): Promise<Map<string, number>> {
  if (roots.length === 0) return new Map();
  const rows = await tenantSql(svc.db, svc.tenantId).query<{ incidentId: string; n: number }[]>`
    WITH r AS (SELECT * FROM unnest(${roots.map((r) => r.key)}::text[], ${roots.map((r) => r.incidentId)}::uuid[])
                 AS r(key, "incidentId")),
    pick AS (SELECT DISTINCT ON (a.id) a.id, r."incidentId"
               FROM "Alarm" a JOIN r ON r.key = ANY (a.upstream)
              WHERE ${correlatable(svc, since)} AND a."incidentId" IS NULL
              ORDER BY a.id, array_position(a.upstream, r.key)),
    upd AS (UPDATE "Alarm" a SET "incidentId" = pick."incidentId", "updatedAt" = now()
              FROM pick WHERE a.id = pick.id RETURNING a."incidentId")
    SELECT "incidentId", count(*)::int AS n FROM upd GROUP BY 1`;
  return new Map(rows.map((r) => [r.incidentId, r.n]));
}

export async function moveIncidentAlarms(svc: ServiceContext, fromIncidentIds: string[], toIncidentId: string) {
  if (fromIncidentIds.length === 0) return 0;
  const { count } = await svc.db.alarm.updateMany({
    where: { incidentId: { in: fromIncidentIds } },
    data: { incidentId: toIncidentId },
  });
  return count;
}

/** Per incident: how many of its alarms there are and how many are still raised. */
export async function incidentAlarmCounts(svc: ServiceContext, incidentIds: string[]) {
  const out = new Map<string, { total: number; raised: number }>(
    incidentIds.map((id) => [id, { total: 0, raised: 0 }]),
  );
  if (incidentIds.length === 0) return out;
  const rows = await svc.db.alarm.groupBy({
    by: ["incidentId", "state"],
    where: { incidentId: { in: incidentIds } },
    _count: { _all: true },
  });
  for (const r of rows) {
    const c = out.get(r.incidentId as string);
    if (!c) continue;
    c.total += r._count._all;
    if (r.state === "RAISED") c.raised += r._count._all;
  }
  return out;
}
