// Telling people that an alert fired or resolved, on the channels its rule names: the staff
// inbox of everyone who may act on alerts, an email or SMS to the rule's address, and the
// alert.* webhook events (published in the caller's transaction).
import type { Alert, AlertRule } from "@/server/generated/prisma/client";
import { staffWithPermission } from "@/server/modules/identity";
import { notifyContact, notifyStaff } from "@/server/modules/notifications";
import { publishWebhookEvent } from "@/server/modules/webhooks";
import type { ServiceContext } from "@/server/service-context";

export type AlertState = "firing" | "resolved";

export function conditionText(rule: Pick<AlertRule, "comparator" | "threshold" | "durationMinutes">) {
  const base = `${rule.comparator === "ABOVE" ? "above" : "below"} ${rule.threshold}`;
  return rule.durationMinutes ? `${base} for ${rule.durationMinutes} min` : base;
}

function payload(alert: Alert, rule: AlertRule, state: AlertState, at: Date) {
  return {
    alertId: alert.id,
    state,
    ruleName: rule.name,
    metric: rule.metric,
    series: alert.seriesLabel,
    condition: conditionText(rule),
    value: alert.value,
    at: at.toISOString(),
  };
}

/** The webhook event, inside the transaction that changes the alert. */
export async function publishAlertEvent(
  tx: Parameters<typeof publishWebhookEvent>[0],
  alert: Alert,
  rule: AlertRule,
  state: AlertState,
  at: Date,
) {
  if (!rule.channels.includes("WEBHOOK")) return;
  const d = payload(alert, rule, state, at);
  await publishWebhookEvent(tx, alert.tenantId, state === "firing" ? "alert.firing" : "alert.resolved", {
    alert_id: d.alertId,
    rule_id: rule.id,
    rule_name: d.ruleName,
    metric: d.metric,
    series: alert.series,
    series_label: d.series,
    condition: d.condition,
    value: d.value,
    at: d.at,
  });
}

/** Inbox, email and SMS, after the change committed (each delivery is logged; none throws). */
export async function tellPeople(svc: ServiceContext, alert: Alert, rule: AlertRule, state: AlertState, at: Date) {
  const d = payload(alert, rule, state, at);
  const what = `${rule.metric}${d.series ? ` on ${d.series}` : ""}`;
  if (rule.channels.includes("INBOX")) {
    const staff = await staffWithPermission(svc, "alert.manage");
    await notifyStaff(svc, {
      userIds: staff.map((u) => u.id),
      title: state === "firing" ? `Alert: ${rule.name}` : `Resolved: ${rule.name}`,
      body:
        state === "firing"
          ? `${what} is ${alert.value} (${d.condition}).`
          : `${what} is back at ${alert.value}; the alert is resolved.`,
      url: "/noc/alerts",
    });
  }
  if (rule.channels.includes("EMAIL") && rule.emailTo)
    await notifyContact(svc, {
      to: { email: rule.emailTo, name: "NOC" },
      template: "monitoring_alert",
      data: d,
      dedupeKey: `alert:${alert.id}:${state}:email`,
    });
  if (rule.channels.includes("SMS") && rule.smsTo)
    await notifyContact(svc, {
      to: { phone: rule.smsTo, name: "NOC" },
      template: "monitoring_alert",
      data: d,
      dedupeKey: `alert:${alert.id}:${state}:sms`,
    });
}
