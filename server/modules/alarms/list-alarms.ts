// Reading alarms: the NOC list and what the incidents module needs to correlate them.
import { notFound } from "@/server/errors";
import type { Alarm, Prisma } from "@/server/generated/prisma/client";
import { type ListInput, orderBy, pageArgs } from "@/server/list";
import type { ServiceContext } from "@/server/service-context";

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

export type CorrelationAlarm = {
  id: string;
  upstream: string[];
  /** Readable names of the upstream keys, as the topology gave them at raise time. */
  names: Record<string, string>;
  raisedAt: Date;
  incidentId: string | null;
};

/**
 * Raised alarms that can take part in correlation: with a plant position, not flapping, not
 * inside a maintenance window, raised since `since`.
 */
export async function correlatableAlarms(svc: ServiceContext, since: Date): Promise<CorrelationAlarm[]> {
  const rows = await svc.db.alarm.findMany({
    where: {
      state: "RAISED",
      flapping: false,
      maintenanceId: null,
      raisedAt: { gte: since },
      NOT: { upstream: { isEmpty: true } },
    },
    select: { id: true, upstream: true, raisedAt: true, incidentId: true, details: true },
  });
  return rows.map(({ details, ...a }) => {
    const up = ((details as { upstream?: { key: string; name: string }[] }).upstream ?? []).filter((u) => u?.key);
    return { ...a, names: Object.fromEntries(up.map((u) => [u.key, u.name])) };
  });
}

/** Links alarms to an incident (or moves them from a merged one). */
export async function attachAlarms(svc: ServiceContext, alarmIds: string[], incidentId: string) {
  if (alarmIds.length === 0) return 0;
  const { count } = await svc.db.alarm.updateMany({ where: { id: { in: alarmIds } }, data: { incidentId } });
  return count;
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
