// Monitoring procedures: the dashboard's figures and charts, sampling on demand, alert rules and
// alerts (acknowledge, resolve), the thresholds of the alarms it raises.
import { z } from "zod";
import { t } from "@/server/trpc/init";
import { tenantProcedure } from "@/server/trpc/procedures";
import { createAlertRule, deleteAlertRule, listAlertRules, updateAlertRule } from "./alert-rules";
import { acknowledgeAlert, listAlerts, resolveAlert } from "./alerts";
import { currentMetrics, metricSeries } from "./read-metrics";
import { sampleMetrics } from "./sample";
import {
  alertIdInput,
  alertRuleIdInput,
  alertRuleInput,
  listAlertsInput,
  monitoringSettingsInput,
  seriesInput,
  updateAlertRuleInput,
} from "./schemas";
import { monitoringSettings, updateMonitoringSettings } from "./settings";

export const monitoringRouter = t.router({
  current: tenantProcedure("metrics.read").query(({ ctx }) => currentMetrics(ctx.svc)),
  series: tenantProcedure("metrics.read")
    .input(seriesInput)
    .query(({ ctx, input }) => metricSeries(ctx.svc, input.metric, new Date(Date.now() - input.hours * 3600_000))),
  /** Samples now (the minute job does the same) and evaluates the alert rules. */
  sampleNow: tenantProcedure("alert.manage")
    .input(z.object({}).optional())
    .mutation(({ ctx }) => sampleMetrics(ctx.svc)),
  rules: tenantProcedure("metrics.read").query(({ ctx }) => listAlertRules(ctx.svc)),
  createRule: tenantProcedure("alert.manage")
    .input(alertRuleInput)
    .mutation(({ ctx, input }) => createAlertRule(ctx.svc, input)),
  updateRule: tenantProcedure("alert.manage")
    .input(updateAlertRuleInput)
    .mutation(({ ctx, input }) => updateAlertRule(ctx.svc, input.id, input.rule)),
  deleteRule: tenantProcedure("alert.manage")
    .input(alertRuleIdInput)
    .mutation(({ ctx, input }) => deleteAlertRule(ctx.svc, input.id)),
  /** The thresholds of the alarms monitoring raises itself (RADIUS reject spike). */
  settings: tenantProcedure("metrics.read").query(({ ctx }) => monitoringSettings(ctx.svc)),
  updateSettings: tenantProcedure("alert.manage")
    .input(monitoringSettingsInput)
    .mutation(({ ctx, input }) => updateMonitoringSettings(ctx.svc, input)),
  alerts: tenantProcedure("metrics.read")
    .input(listAlertsInput)
    .query(({ ctx, input }) => listAlerts(ctx.svc, input)),
  acknowledge: tenantProcedure("alert.manage")
    .input(alertIdInput)
    .mutation(({ ctx, input }) => acknowledgeAlert(ctx.svc, input.id)),
  resolve: tenantProcedure("alert.manage")
    .input(alertIdInput)
    .mutation(({ ctx, input }) => resolveAlert(ctx.svc, input.id)),
});
