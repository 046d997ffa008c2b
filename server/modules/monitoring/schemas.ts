// Monitoring shapes shared by the router, the REST routes and the pages (zod and constants only).
import { z } from "zod";
import { listInput } from "@/server/list";

// The metric catalogue: every figure the sampler records, with its Prometheus help text.
// Names follow the Prometheus conventions (snake_case, base units, `_ratio` for 0–1); the
// exposition prefixes them with `fiberops_`.
export const METRICS = {
  onus_online: { help: "ONUs online (active) per OLT", perOlt: true },
  onus_offline: { help: "ONUs offline (loss of signal or failed) per OLT", perOlt: true },
  radius_sessions_active: { help: "Live RADIUS sessions (accounting started and not stopped)", perOlt: false },
  radius_accepts_last_minute: { help: "RADIUS Access-Accepts in the minute before the sample", perOlt: false },
  radius_rejects_last_minute: { help: "RADIUS Access-Rejects in the minute before the sample", perOlt: false },
  radius_reject_ratio: {
    help: "Share of RADIUS authentications rejected in the minute before the sample (0-1)",
    perOlt: false,
  },
  jobs_queued: { help: "Workflows pending, running or rolling back", perOlt: false },
  jobs_failed_last_minute: {
    help: "Workflows that failed (rolled back) in the minute before the sample",
    perOlt: false,
  },
  integration_up: { help: "1 unless the integration's last connection test failed, per system", perOlt: false },
  incidents_open: { help: "Incidents open or acknowledged", perOlt: false },
  drift_findings_open: { help: "Open drift findings (a system disagrees with the platform)", perOlt: false },
} as const;

export type MetricName = keyof typeof METRICS;
export const METRIC_NAMES = Object.keys(METRICS) as MetricName[];

export const ALERT_CHANNELS = ["INBOX", "EMAIL", "SMS", "WEBHOOK"] as const;
export const ALERT_STATUSES = ["PENDING", "FIRING", "ACKNOWLEDGED", "RESOLVED"] as const;

const metricName = z.enum(METRIC_NAMES as [MetricName, ...MetricName[]], { error: "Choose a metric" });

export const alertRuleInput = z
  .object({
    name: z.string().trim().min(3, "Give the rule a name of at least 3 characters").max(120),
    metric: metricName,
    /** One series of the metric (e.g. "olt:<id>"); empty: every series. */
    series: z.string().trim().max(80).nullish(),
    comparator: z.enum(["ABOVE", "BELOW"]),
    threshold: z.number({ error: "Enter a number" }).finite().min(-1e9).max(1e9),
    durationMinutes: z
      .number({ error: "Enter whole minutes" })
      .int("Enter whole minutes")
      .min(0, "At least 0 minutes")
      .max(1440, "At most a day (1440 minutes)"),
    channels: z.array(z.enum(ALERT_CHANNELS)).min(1, "Choose at least one way to be told").max(4),
    emailTo: z.email("Enter a valid email address").nullish().or(z.literal("")),
    smsTo: z
      .string()
      .trim()
      .regex(/^\+[1-9]\d{6,14}$/, "Enter the phone number in international format, e.g. +351912345678")
      .nullish()
      .or(z.literal("")),
    enabled: z.boolean().default(true),
  })
  .superRefine((r, ctx) => {
    if (r.channels.includes("EMAIL") && !r.emailTo)
      ctx.addIssue({ code: "custom", path: ["emailTo"], message: "Enter the email address to notify" });
    if (r.channels.includes("SMS") && !r.smsTo)
      ctx.addIssue({ code: "custom", path: ["smsTo"], message: "Enter the phone number to text" });
  });
export type AlertRuleInput = z.input<typeof alertRuleInput>;

/** The thresholds of the RADIUS reject spike alarm (both must be reached in a minute). */
export const monitoringSettingsInput = z.object({
  rejectAlarmMinRejects: z
    .number({ error: "Enter a whole number of rejects" })
    .int("Enter a whole number of rejects")
    .min(1, "At least 1 reject")
    .max(1_000_000, "At most 1,000,000 rejects"),
  rejectAlarmRatio: z
    .number({ error: "Enter a share between 0.01 and 1" })
    .min(0.01, "At least 0.01 (1%)")
    .max(1, "At most 1 (100%)"),
});
export type MonitoringSettingsInput = z.input<typeof monitoringSettingsInput>;

export const alertRuleIdInput = z.object({ id: z.uuid() });
export const updateAlertRuleInput = z.object({ id: z.uuid(), rule: alertRuleInput });
export const alertIdInput = z.object({ id: z.uuid() });
export const listAlertsInput = listInput;
export const seriesInput = z.object({
  metric: metricName,
  /** Hours back from now (up to 90 days); beyond 48 h the 15-minute averages answer. */
  hours: z
    .number()
    .int()
    .min(1)
    .max(24 * 90)
    .default(6),
});
