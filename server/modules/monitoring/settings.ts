// The tenant's monitoring settings: the thresholds of the alarms monitoring raises itself.
// No row yet: the defaults. Every change is audited.
import { recordAudit } from "@/server/modules/audit";
import type { ServiceContext } from "@/server/service-context";
import { type MonitoringSettingsInput, monitoringSettingsInput } from "./schemas";

const DEFAULTS = { rejectAlarmMinRejects: 20, rejectAlarmRatio: 0.5 };

export async function monitoringSettings(svc: ServiceContext) {
  const row = await svc.db.monitoringSettings.findFirst({
    select: { rejectAlarmMinRejects: true, rejectAlarmRatio: true },
  });
  return row ?? DEFAULTS;
}

export async function updateMonitoringSettings(svc: ServiceContext, raw: MonitoringSettingsInput) {
  const input = monitoringSettingsInput.parse(raw);
  return svc.db.$transaction(async (tx) => {
    const before = await tx.monitoringSettings.findFirst({
      select: { rejectAlarmMinRejects: true, rejectAlarmRatio: true },
    });
    const after = await tx.monitoringSettings.upsert({
      where: { tenantId: svc.tenantId },
      create: { tenantId: svc.tenantId, ...input },
      update: input,
      select: { rejectAlarmMinRejects: true, rejectAlarmRatio: true },
    });
    await recordAudit(tx, {
      tenantId: svc.tenantId,
      actor: svc.actor,
      action: "monitoring.settings.update",
      targetType: "MonitoringSettings",
      targetId: svc.tenantId,
      before: before ?? DEFAULTS,
      after,
    });
    return after;
  });
}
