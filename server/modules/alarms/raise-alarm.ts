// Alarms from sources other than the OLT event log (NAS Accounting-On/Off, RADIUS reject
// spikes, integration health): raise one per object and problem, clear it when it is over.

import { isUniqueViolation, notFound } from "@/server/errors";
import { recordAudit } from "@/server/modules/audit";
import type { ServiceContext } from "@/server/service-context";
import { FLAP_CLEARS, FLAP_WINDOW_MS } from "./feed";
import { type RaiseAlarmInput, raiseAlarmInput } from "./schemas";

const activeKeyOf = (type: string, id: string, problem: string) => `${type}:${id}:${problem}`;

/**
 * Raises the alarm unless the same object and problem is already raised (then returns that one,
 * now answering for `eventId` too) or the event `eventId` already raised one (raised or cleared).
 */
export async function raiseAlarm(svc: ServiceContext, raw: RaiseAlarmInput, at = new Date()) {
  const { eventId, ...input } = raiseAlarmInput.parse(raw);
  if (eventId) {
    const seen = await svc.db.alarm.findFirst({ where: { raiseEventId: eventId } });
    if (seen) return { alarm: seen, raised: false };
  }
  const activeKey = activeKeyOf(input.alarmedObjectType, input.alarmedObjectId, input.specificProblem);
  const existing = await svc.db.alarm.findFirst({ where: { activeKey } });
  if (existing) {
    if (!eventId) return { alarm: existing, raised: false };
    const alarm = await svc.db.alarm.update({ where: { id: existing.id }, data: { raiseEventId: eventId } });
    return { alarm, raised: false };
  }
  const clears = await svc.db.alarm.count({
    where: {
      alarmedObjectType: input.alarmedObjectType,
      alarmedObjectId: input.alarmedObjectId,
      specificProblem: input.specificProblem,
      clearedAt: { gte: new Date(at.getTime() - FLAP_WINDOW_MS) },
    },
  });
  try {
    const alarm = await svc.db.alarm.create({
      data: {
        ...input,
        details: input.details as object,
        tenantId: svc.tenantId,
        activeKey,
        raiseEventId: eventId,
        raisedAt: at,
        flapping: clears >= FLAP_CLEARS,
      },
    });
    return { alarm, raised: true };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return { alarm: await svc.db.alarm.findFirstOrThrow({ where: { activeKey } }), raised: false };
  }
}

/** Clears the raised alarm of this object and problem, if any. */
export async function clearAlarm(
  svc: ServiceContext,
  object: { alarmedObjectType: string; alarmedObjectId: string; specificProblem: string },
  at = new Date(),
) {
  const activeKey = activeKeyOf(object.alarmedObjectType, object.alarmedObjectId, object.specificProblem);
  const { count } = await svc.db.alarm.updateMany({
    where: { activeKey },
    data: { state: "CLEARED", clearedAt: at, activeKey: null },
  });
  return { cleared: count };
}

/** TMF642 acknowledge: someone is on it. Acknowledging twice changes nothing. */
export async function acknowledgeAlarm(svc: ServiceContext, id: string) {
  return svc.db.$transaction(async (tx) => {
    const alarm = await tx.alarm.findFirst({ where: { id } });
    if (!alarm) throw notFound("Alarm");
    if (alarm.acknowledgedAt) return alarm;
    const after = await tx.alarm.update({
      where: { id },
      data: { acknowledgedAt: new Date(), acknowledgedBy: svc.actor.label },
    });
    await recordAudit(tx, {
      tenantId: svc.tenantId,
      actor: svc.actor,
      action: "alarm.acknowledge",
      targetType: "Alarm",
      targetId: id,
      before: { acknowledgedAt: null },
      after: { acknowledgedAt: after.acknowledgedAt },
    });
    return after;
  });
}
