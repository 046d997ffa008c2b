// Turns the network event log (VOLTHA events: ONU LOS, dying gasp, PON port LOS) into alarms:
// a RAISE opens one alarm per object and problem, a CLEAR closes it. Reads the log in order
// from a per-tenant cursor; safe to run concurrently and to run again (events are keyed).

import type { TenantDb } from "@/server/db";
import type { Prisma } from "@/server/generated/prisma/client";
import { maintenanceCovering } from "@/server/modules/maintenance";
import { type FedEvent, networkEventsReceivedAfter, placeOnus } from "@/server/modules/network";
import type { ServiceContext } from "@/server/service-context";
import { advisoryLock, tenantSql } from "@/server/sql";

/** A raise after this many clears of the same object and problem within FLAP_WINDOW_MS is flapping. */
export const FLAP_CLEARS = 3;
export const FLAP_WINDOW_MS = 10 * 60_000;
/** Events commit out of order by a little; re-read this much behind the cursor (keys dedupe). */
const OVERLAP_MS = 5_000;
const BATCH = 5_000;

type Kind = { alarmType: string; probableCause: string; severity: "CRITICAL" | "MAJOR" | "MINOR" };
const KINDS: Record<string, Kind> = {
  ONU_LOSS_OF_SIGNAL: { alarmType: "COMMUNICATIONS_ALARM", probableCause: "LOSS_OF_SIGNAL", severity: "MAJOR" },
  ONU_DYING_GASP: { alarmType: "EQUIPMENT_ALARM", probableCause: "POWER_PROBLEM", severity: "MINOR" },
};

export type FeedResult = { events: number; raised: number; cleared: number };

/** Reads new network events and raises/clears their alarms. Returns what changed. */
export async function ingestNetworkEvents(svc: ServiceContext): Promise<FeedResult> {
  const total: FeedResult = { events: 0, raised: 0, cleared: 0 };
  for (;;) {
    const r = await svc.db.$transaction(
      async (tx) => {
        await advisoryLock(tx, `alarms-feed:${svc.tenantId}`);
        const cursor = await tx.alarmFeedCursor.findUnique({ where: { tenantId: svc.tenantId } });
        const after = new Date((cursor?.receivedAt.getTime() ?? 0) - OVERLAP_MS);
        const events = await networkEventsReceivedAfter(svc, after, BATCH);
        if (events.length === 0) return { events: 0, raised: 0, cleared: 0, more: false };
        const changed = await apply(svc, tx, events);
        const last = events[events.length - 1].receivedAt;
        if (!cursor || last > cursor.receivedAt)
          await tx.alarmFeedCursor.upsert({
            where: { tenantId: svc.tenantId },
            create: { tenantId: svc.tenantId, receivedAt: last },
            update: { receivedAt: last },
          });
        return { events: events.length, ...changed, more: events.length === BATCH };
      },
      { timeout: 60_000 },
    );
    total.events += r.events;
    total.raised += r.raised;
    total.cleared += r.cleared;
    if (!r.more) return total;
  }
}

type AlarmRow = Omit<Prisma.AlarmCreateManyInput, "id" | "tenantId" | "upstream"> & { upstream: string[] };

type Tx = Parameters<Parameters<TenantDb["$transaction"]>[0]>[0];

async function apply(svc: ServiceContext, tx: Tx, all: FedEvent[]) {
  const events = all.filter((e) => e.serialNumber && KINDS[e.kind]);
  if (events.length === 0) return { raised: 0, cleared: 0 };
  const placements = await placeOnus(
    svc,
    events.map((e) => e.serialNumber as string),
  );
  const keyOf = (e: FedEvent) => `ONU:${placements.get(e.serialNumber as string)?.onuId}:${e.kind}`;
  const known = events.filter((e) => placements.has(e.serialNumber as string));
  // Alarms under a maintenance window belong to it and open no incident.
  const covered = await maintenanceCovering(svc, [
    ...new Set([...placements.values()].flatMap((p) => p.upstream.map((u) => u.key))),
  ]);

  const seen = new Set(
    (
      await tx.alarm.findMany({
        where: { tenantId: svc.tenantId, raiseEventId: { in: known.map((e) => e.id) } },
        select: { raiseEventId: true },
      })
    ).map((a) => a.raiseEventId),
  );
  const keys = [...new Set(known.map(keyOf))];
  const active = new Map<string, { id?: string; pending?: AlarmRow }>(
    (
      await tx.alarm.findMany({
        where: { tenantId: svc.tenantId, activeKey: { in: keys } },
        select: { id: true, activeKey: true },
      })
    ).map((a) => [a.activeKey as string, { id: a.id }]),
  );
  const onuIds = [...new Set(known.map((e) => placements.get(e.serialNumber as string)?.onuId as string))];
  const recentClears = new Map<string, number>();
  for (const c of await tx.alarm.groupBy({
    by: ["alarmedObjectId", "specificProblem"],
    where: {
      tenantId: svc.tenantId,
      alarmedObjectType: "ONU",
      alarmedObjectId: { in: onuIds },
      clearedAt: { gte: new Date(Date.now() - FLAP_WINDOW_MS) },
    },
    _count: { _all: true },
  }))
    recentClears.set(`ONU:${c.alarmedObjectId}:${c.specificProblem}`, c._count._all);

  const creates: AlarmRow[] = [];
  const clears: { id: string; at: Date; eventId: string }[] = [];
  for (const e of known) {
    const place = placements.get(e.serialNumber as string);
    if (!place) continue;
    const key = keyOf(e);
    const kind = KINDS[e.kind];
    if (e.state === "RAISE") {
      if (seen.has(e.id) || active.has(key)) continue;
      seen.add(e.id);
      const row: AlarmRow = {
        alarmType: kind.alarmType,
        probableCause: kind.probableCause,
        specificProblem: e.kind,
        perceivedSeverity: kind.severity,
        alarmedObjectType: "ONU",
        alarmedObjectId: place.onuId,
        alarmedObjectName: place.serialNumber,
        sourceSystemId: "voltha",
        upstream: place.upstream.map((u) => u.key),
        subscriberId: place.subscriberId,
        activeKey: key,
        raisedAt: e.raisedAt,
        raiseEventId: e.id,
        flapping: (recentClears.get(key) ?? 0) >= FLAP_CLEARS,
        maintenanceId: place.upstream.map((u) => covered.get(u.key)).find(Boolean) ?? null,
        details: { event: e.context, upstream: place.upstream },
      };
      creates.push(row);
      active.set(key, { pending: row });
    } else {
      const a = active.get(key);
      if (!a) continue;
      active.delete(key);
      recentClears.set(key, (recentClears.get(key) ?? 0) + 1);
      if (a.pending) {
        Object.assign(a.pending, { state: "CLEARED", clearedAt: e.raisedAt, activeKey: null, clearEventId: e.id });
      } else if (a.id) clears.push({ id: a.id, at: e.raisedAt, eventId: e.id });
    }
  }
  // Set-based: a fibre cut is thousands of rows, and the client's per-row work is what a loaded
  // machine pays for most.
  if (creates.length)
    await tenantSql(tx, svc.tenantId).execute`
      INSERT INTO "Alarm" (id, "tenantId", "alarmType", "probableCause", "specificProblem", "perceivedSeverity",
             state, "alarmedObjectType", "alarmedObjectId", "alarmedObjectName", "sourceSystemId", upstream,
             "subscriberId", "activeKey", "raisedAt", "clearedAt", "raiseEventId", "clearEventId", flapping,
             "maintenanceId", details, "updatedAt")
      SELECT gen_random_uuid(), ${svc.tenantId}::uuid, r."alarmType", r."probableCause", r."specificProblem",
             r."perceivedSeverity"::"AlarmSeverity", coalesce(r.state, 'RAISED')::"AlarmState", r."alarmedObjectType",
             r."alarmedObjectId", r."alarmedObjectName", r."sourceSystemId",
             ARRAY(SELECT jsonb_array_elements_text(r.upstream)), r."subscriberId", r."activeKey", r."raisedAt",
             r."clearedAt", r."raiseEventId", r."clearEventId", r.flapping, r."maintenanceId", r.details, now()
        FROM jsonb_to_recordset(${JSON.stringify(creates)}::jsonb) AS r(
             "alarmType" text, "probableCause" text, "specificProblem" text, "perceivedSeverity" text, state text,
             "alarmedObjectType" text, "alarmedObjectId" text, "alarmedObjectName" text, "sourceSystemId" text,
             upstream jsonb, "subscriberId" uuid, "activeKey" text, "raisedAt" timestamp, "clearedAt" timestamp,
             "raiseEventId" text, "clearEventId" text, flapping boolean, "maintenanceId" uuid, details jsonb)
      ON CONFLICT DO NOTHING`;
  if (clears.length)
    await tenantSql(tx, svc.tenantId).execute`
      UPDATE "Alarm" a SET state = 'CLEARED', "clearedAt" = c.at, "activeKey" = NULL, "clearEventId" = c."eventId",
             "updatedAt" = now()
        FROM jsonb_to_recordset(${JSON.stringify(clears)}::jsonb) AS c(id uuid, at timestamp, "eventId" text)
       WHERE a.id = c.id AND a."tenantId" = ${svc.tenantId}::uuid`;
  return { raised: creates.length, cleared: clears.length + creates.filter((c) => c.state === "CLEARED").length };
}
