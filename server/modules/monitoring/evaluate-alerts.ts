// Alert rules against a fresh sample. Per rule and series: a breach opens a PENDING alert; one
// that has held for the rule's duration FIRES (people are told once); when the metric recovers a
// pending alert is dropped and a firing or acknowledged one RESOLVES (people are told again).
// One evaluation per tenant at a time (an advisory lock), so two samplers never double-fire.
import type { Alert, AlertRule } from "@/server/generated/prisma/client";
import { recordAudit } from "@/server/modules/audit";
import type { ServiceContext } from "@/server/service-context";
import { advisoryLock } from "@/server/sql";
import type { Sample } from "./metrics";
import { type AlertState, publishAlertEvent, tellPeople } from "./notify-alert";

const OPEN = ["PENDING", "FIRING", "ACKNOWLEDGED"] as const;

const breaches = (rule: AlertRule, value: number) =>
  rule.comparator === "ABOVE" ? value > rule.threshold : value < rule.threshold;

export async function evaluateAlerts(svc: ServiceContext, samples: Sample[], now: Date) {
  const told: Array<{ alert: Alert; rule: AlertRule; state: AlertState }> = [];
  await svc.db.$transaction(async (tx) => {
    await advisoryLock(tx, `monitoring-alerts:${svc.tenantId}`);
    const rules = await tx.alertRule.findMany({ where: { enabled: true } });
    if (!rules.length) return;
    const open = await tx.alert.findMany({ where: { status: { in: [...OPEN] } } });
    for (const rule of rules) {
      for (const s of samples) {
        if (s.metric !== rule.metric || (rule.series && s.series !== rule.series)) continue;
        let alert = open.find((a) => a.ruleId === rule.id && a.series === s.series);
        if (breaches(rule, s.value)) {
          alert ??= await tx.alert.create({
            data: {
              tenantId: svc.tenantId,
              ruleId: rule.id,
              series: s.series,
              seriesLabel: s.labels.olt ?? s.labels.system ?? "",
              since: now,
              value: s.value,
            },
          });
          const held = now.getTime() - alert.since.getTime() >= rule.durationMinutes * 60_000;
          const fire = alert.status === "PENDING" && held;
          alert = await tx.alert.update({
            where: { id: alert.id },
            data: { value: s.value, ...(fire ? { status: "FIRING", firedAt: now } : {}) },
          });
          if (fire) {
            await recordAudit(tx, {
              tenantId: svc.tenantId,
              actor: svc.actor,
              action: "alert.fired",
              targetType: "Alert",
              targetId: alert.id,
              after: { rule: rule.name, series: alert.seriesLabel, value: s.value },
            });
            await publishAlertEvent(tx, alert, rule, "firing", now);
            told.push({ alert, rule, state: "firing" });
          }
        } else if (alert?.status === "PENDING") {
          await tx.alert.delete({ where: { id: alert.id } });
        } else if (alert) {
          alert = await tx.alert.update({
            where: { id: alert.id },
            data: { status: "RESOLVED", value: s.value, resolvedAt: now, resolvedBy: "metric recovered" },
          });
          await recordAudit(tx, {
            tenantId: svc.tenantId,
            actor: svc.actor,
            action: "alert.resolved",
            targetType: "Alert",
            targetId: alert.id,
            after: { rule: rule.name, series: alert.seriesLabel, value: s.value, by: "metric recovered" },
          });
          await publishAlertEvent(tx, alert, rule, "resolved", now);
          told.push({ alert, rule, state: "resolved" });
        }
      }
    }
  });
  for (const t of told) await tellPeople(svc, t.alert, t.rule, t.state, now);
  return {
    fired: told.filter((t) => t.state === "firing").length,
    resolved: told.filter((t) => t.state === "resolved").length,
  };
}
