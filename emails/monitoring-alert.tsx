// A monitoring alert fired or resolved (to the NOC's email or phone named on the alert rule).
import { z } from "zod";
import { defineTemplate, link, when } from "./kit";

export const monitoringAlertData = z.object({
  alertId: z.string(),
  state: z.enum(["firing", "resolved"]),
  ruleName: z.string(),
  metric: z.string(),
  series: z.string(),
  condition: z.string(),
  value: z.number(),
  at: z.iso.datetime({ offset: true }),
});
export type MonitoringAlertData = z.infer<typeof monitoringAlertData>;

export const monitoringAlert = defineTemplate({
  key: "monitoring_alert",
  name: "Monitoring alert (staff)",
  category: "TRANSACTIONAL",
  urgent: true,
  defaultChannels: ["EMAIL"],
  schema: monitoringAlertData,
  subject: (d) => `[${d.state === "firing" ? "FIRING" : "RESOLVED"}] ${d.ruleName}${d.series ? ` (${d.series})` : ""}`,
  text: (d, c) =>
    d.state === "firing"
      ? `Alert "${d.ruleName}" fired at ${when(d.at, c)}: ${d.metric}${d.series ? ` on ${d.series}` : ""} is ${d.value} (${d.condition}).`
      : `Alert "${d.ruleName}" resolved at ${when(d.at, c)}: ${d.metric}${d.series ? ` on ${d.series}` : ""} is back at ${d.value}.`,
  details: (d, c) => [
    ["Rule", d.ruleName],
    ["Metric", d.series ? `${d.metric} (${d.series})` : d.metric],
    ["Condition", d.condition],
    ["Value", String(d.value)],
    ["When", when(d.at, c)],
  ],
  action: (_d, c) => ({ label: "Open the alerts", href: link(c, "/noc/alerts") }),
  sample: {
    alertId: "0196a0c1-0000-7000-8000-000000000009",
    state: "firing",
    ruleName: "RADIUS rejects",
    metric: "radius_reject_ratio",
    series: "",
    condition: "above 0.5 for 5 min",
    value: 0.8,
    at: "2026-11-26T08:00:00Z",
  },
});
