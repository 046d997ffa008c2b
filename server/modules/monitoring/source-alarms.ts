// The alarms monitoring raises from what each minute's sample sees, through the alarms module:
// a NAS that went down or restarted (its Accounting-Off/On as FreeRADIUS recorded it), a spike
// of RADIUS rejects beyond the tenant's threshold, an integration whose connection test fails.
// Every sample states them again; raise and clear are idempotent, so each alarm is raised once
// and cleared once.
import { clearAlarm, raiseAlarm } from "@/server/modules/alarms";
import { type NasReload, nasReloadsSince } from "@/server/modules/radius";
import type { ServiceContext } from "@/server/service-context";
import { monitoringSettings } from "./settings";

/** A reload older than this is not alarmed any more (e.g. after the sampler was down a day). */
const NAS_RELOAD_HORIZON_MS = 24 * 3600_000;

export type AlarmFacts = {
  radius: { accepts: number; rejects: number };
  integrations: Array<{ system: string; label: string; up: number; message: string | null }>;
};

const nasObject = (r: NasReload) => ({
  alarmedObjectType: "NAS",
  alarmedObjectId: String(r.nasId),
  alarmedObjectName: `${r.shortname} (${r.nasname})`,
});

async function nasAlarms(svc: ServiceContext, now: Date) {
  const reloads = await nasReloadsSince(svc, new Date(now.getTime() - NAS_RELOAD_HORIZON_MS));
  for (const r of reloads) {
    const object = nasObject(r);
    const down = { ...object, specificProblem: "NAS_ACCOUNTING_OFF" };
    const restarted = { ...object, specificProblem: "NAS_ACCOUNTING_ON" };
    const details = { nasIp: r.nasname, at: r.at.toISOString() };
    if (r.status === "Accounting-Off") {
      await raiseAlarm(
        svc,
        {
          ...down,
          alarmType: "COMMUNICATIONS_ALARM",
          probableCause: "COMMUNICATION_SUBSYSTEM_FAILURE",
          perceivedSeverity: "CRITICAL",
          sourceSystemId: "radius",
          details,
          eventId: `nas:${r.nasId}:off:${r.at.toISOString()}`,
        },
        r.at,
      );
      if (r.sessionsBackAt) await clearAlarm(svc, down, r.sessionsBackAt);
      continue;
    }
    // Accounting-On: the NAS is back (no longer down), and it restarted: its sessions dropped.
    await clearAlarm(svc, down, r.at);
    await raiseAlarm(
      svc,
      {
        ...restarted,
        alarmType: "EQUIPMENT_ALARM",
        probableCause: "EQUIPMENT_MALFUNCTION",
        perceivedSeverity: "MAJOR",
        sourceSystemId: "radius",
        details,
        eventId: `nas:${r.nasId}:on:${r.at.toISOString()}`,
      },
      r.at,
    );
    if (r.sessionsBackAt) await clearAlarm(svc, restarted, r.sessionsBackAt);
  }
}

async function rejectSpikeAlarm(svc: ServiceContext, radius: AlarmFacts["radius"], now: Date) {
  const { rejectAlarmMinRejects, rejectAlarmRatio } = await monitoringSettings(svc);
  const answered = radius.accepts + radius.rejects;
  const ratio = answered ? radius.rejects / answered : 0;
  const object = {
    alarmedObjectType: "RADIUS",
    alarmedObjectId: "authentication",
    alarmedObjectName: "RADIUS authentication",
    specificProblem: "RADIUS_REJECT_SPIKE",
  };
  if (radius.rejects >= rejectAlarmMinRejects && ratio >= rejectAlarmRatio)
    await raiseAlarm(
      svc,
      {
        ...object,
        alarmType: "QUALITY_OF_SERVICE_ALARM",
        probableCause: "THRESHOLD_CROSSED",
        perceivedSeverity: "MAJOR",
        sourceSystemId: "radius",
        details: { rejects: radius.rejects, accepts: radius.accepts, ratio: Math.round(ratio * 1000) / 1000 },
      },
      now,
    );
  else await clearAlarm(svc, object, now);
}

async function integrationAlarms(svc: ServiceContext, integrations: AlarmFacts["integrations"], now: Date) {
  for (const i of integrations) {
    const object = {
      alarmedObjectType: "INTEGRATION",
      alarmedObjectId: i.system,
      alarmedObjectName: i.label,
      specificProblem: "INTEGRATION_CONNECTION_FAILED",
    };
    if (i.up) await clearAlarm(svc, object, now);
    else
      await raiseAlarm(
        svc,
        {
          ...object,
          alarmType: "COMMUNICATIONS_ALARM",
          probableCause: "COMMUNICATION_SUBSYSTEM_FAILURE",
          perceivedSeverity: "MAJOR",
          sourceSystemId: "integrations",
          details: { message: i.message },
        },
        now,
      );
  }
}

/** Raises and clears the sample's alarms: NAS reloads, the RADIUS reject spike, integrations. */
export async function raiseSourceAlarms(svc: ServiceContext, facts: AlarmFacts, now: Date) {
  await nasAlarms(svc, now);
  await rejectSpikeAlarm(svc, facts.radius, now);
  await integrationAlarms(svc, facts.integrations, now);
}
