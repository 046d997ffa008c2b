// The monitoring module's face: the NOC's figures sampled per tenant into downsampled time
// series, alert rules on them (inbox, email, SMS, webhook) with firing → acknowledged →
// resolved alerts, and the metrics REST and Prometheus endpoints.
export { createAlertRule, deleteAlertRule, listAlertRules, updateAlertRule } from "./alert-rules";
export { acknowledgeAlert, listAlerts, resolveAlert } from "./alerts";
export { monitoringJobs } from "./jobs";
export { currentMetrics, metricSeries } from "./read-metrics";
export { monitoringRoutes } from "./rest";
export { rollupAndClean } from "./rollup";
export { monitoringRouter } from "./router";
export { sampleMetrics } from "./sample";
export { type AlertRuleInput, alertRuleInput, METRIC_NAMES, METRICS, type MetricName } from "./schemas";
