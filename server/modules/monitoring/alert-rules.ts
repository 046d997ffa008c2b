// Alert rules: a threshold and a duration on one metric (optionally one of its series) and the
// channels to tell. Every change is audited.
import { invalid, notFound } from "@/server/errors";
import { recordAudit } from "@/server/modules/audit";
import type { ServiceContext } from "@/server/service-context";
import { currentMetrics } from "./read-metrics";
import { type AlertRuleInput, alertRuleInput } from "./schemas";

async function checked(svc: ServiceContext, input: AlertRuleInput) {
  const r = alertRuleInput.parse(input);
  if (r.series) {
    // A series must be one the metric has (the latest sample knows them: OLTs, systems).
    const { points } = await currentMetrics(svc);
    if (!points.some((p) => p.metric === r.metric && p.series === r.series))
      throw invalid(`${r.metric} has no series ${r.series}; choose one of its OLTs or systems, or all`);
  }
  return {
    name: r.name,
    metric: r.metric,
    series: r.series || null,
    comparator: r.comparator,
    threshold: r.threshold,
    durationMinutes: r.durationMinutes,
    channels: [...new Set(r.channels)],
    emailTo: r.channels.includes("EMAIL") ? r.emailTo || null : null,
    smsTo: r.channels.includes("SMS") ? r.smsTo || null : null,
    enabled: r.enabled,
  };
}

export async function listAlertRules(svc: ServiceContext) {
  const rules = await svc.db.alertRule.findMany({ orderBy: { name: "asc" } });
  const open = await svc.db.alert.groupBy({
    by: ["ruleId"],
    where: { status: { in: ["FIRING", "ACKNOWLEDGED"] } },
    _count: { _all: true },
  });
  return rules.map((r) => ({ ...r, openAlerts: open.find((o) => o.ruleId === r.id)?._count._all ?? 0 }));
}

export async function createAlertRule(svc: ServiceContext, input: AlertRuleInput) {
  const data = await checked(svc, input);
  return svc.db.$transaction(async (tx) => {
    const rule = await tx.alertRule.create({ data: { tenantId: svc.tenantId, ...data } });
    await recordAudit(tx, {
      tenantId: svc.tenantId,
      actor: svc.actor,
      action: "alert_rule.created",
      targetType: "AlertRule",
      targetId: rule.id,
      after: data,
    });
    return rule;
  });
}

export async function updateAlertRule(svc: ServiceContext, id: string, input: AlertRuleInput) {
  const before = await svc.db.alertRule.findFirst({ where: { id } });
  if (!before) throw notFound("Alert rule");
  const data = await checked(svc, input);
  return svc.db.$transaction(async (tx) => {
    const rule = await tx.alertRule.update({ where: { id }, data });
    await recordAudit(tx, {
      tenantId: svc.tenantId,
      actor: svc.actor,
      action: "alert_rule.updated",
      targetType: "AlertRule",
      targetId: id,
      before,
      after: data,
    });
    return rule;
  });
}

/** Deletes a rule and its alerts (history included). */
export async function deleteAlertRule(svc: ServiceContext, id: string) {
  const before = await svc.db.alertRule.findFirst({ where: { id } });
  if (!before) throw notFound("Alert rule");
  await svc.db.$transaction(async (tx) => {
    await tx.alertRule.delete({ where: { id } });
    await recordAudit(tx, {
      tenantId: svc.tenantId,
      actor: svc.actor,
      action: "alert_rule.deleted",
      targetType: "AlertRule",
      targetId: id,
      before,
    });
  });
  return { id };
}
