// GET /api/v1/metrics: the latest figures (and one metric's series over a range);
// GET /api/v1/metrics/prometheus: the same figures in the Prometheus text format, to scrape
// with a token that has the metrics.read scope.
import { z } from "zod";
import { invalid } from "@/server/errors";
import { defineRoute } from "@/server/rest";
import type { ServiceContext } from "@/server/service-context";
import { RAW_STEP, ROLLUP_RETENTION_MS } from "./metrics";
import { PROMETHEUS_CONTENT_TYPE, renderPrometheus } from "./prometheus";
import { currentMetrics, metricSeries } from "./read-metrics";
import { METRIC_NAMES, METRICS, type MetricName } from "./schemas";

const TAG = "Monitoring";
const timestamp = z.iso.datetime({ offset: true });
const metricName = z.enum(METRIC_NAMES as [MetricName, ...MetricName[]]);
const labels = z.record(z.string(), z.string()).describe("Prometheus labels of the series, e.g. olt_id and olt");

const current = z.object({
  sampled_at: timestamp.nullable().describe("When the figures were sampled (every minute); null before the first"),
  metrics: z.array(
    z.object({
      name: metricName,
      help: z.string(),
      series: z.array(z.object({ series: z.string(), labels, value: z.number() })),
    }),
  ),
});

async function currentAnswer(svc: ServiceContext) {
  const { at, points } = await currentMetrics(svc);
  return {
    sampled_at: at,
    metrics: METRIC_NAMES.map((name) => ({
      name,
      help: METRICS[name].help,
      series: points
        .filter((p) => p.metric === name)
        .map((p) => ({ series: p.series, labels: p.labels, value: p.value })),
    })),
  };
}

export const monitoringRoutes = [
  defineRoute({
    method: "GET",
    path: "/metrics",
    tag: TAG,
    summary: "NOC metrics: current values, and a range of one metric",
    description:
      "The latest sample of every metric (ONUs online/offline per OLT, RADIUS sessions and accept/reject counts, " +
      "job queue, integration health, open incidents and drift findings). With `metric` and `from` (and `to`), " +
      "also that metric's series over the range: raw one-minute samples within the last 48 h, 15-minute averages " +
      "up to 90 days back.",
    permission: "metrics.read",
    query: z.object({
      metric: metricName.optional().describe("The metric whose series to return (needs from)"),
      from: timestamp.optional().describe("Start of the range"),
      to: timestamp.optional().describe("End of the range (default now)"),
    }),
    response: current.extend({
      range: z
        .object({
          metric: metricName,
          step_seconds: z.number().int().describe("60 (raw samples) or 900 (15-minute averages)"),
          from: timestamp,
          to: timestamp,
          series: z.array(
            z.object({
              series: z.string(),
              labels,
              points: z.array(z.object({ at: timestamp, value: z.number() })),
            }),
          ),
        })
        .nullable(),
    }),
    async handler({ svc, query }) {
      const answer = await currentAnswer(svc);
      if (!query.from && !query.metric) return { ...answer, range: null };
      if (!query.from || !query.metric) throw invalid("Give both metric and from for a range");
      const from = new Date(query.from);
      const to = query.to ? new Date(query.to) : new Date();
      if (from >= to) throw invalid("from must be before to");
      if (Date.now() - from.getTime() > ROLLUP_RETENTION_MS) throw invalid("Metrics are kept for 90 days");
      const r = await metricSeries(svc, query.metric, from, to);
      return {
        ...answer,
        range: { metric: r.metric, step_seconds: r.step ?? RAW_STEP, from, to, series: r.series },
      };
    },
  }),
  defineRoute({
    method: "GET",
    path: "/metrics/prometheus",
    tag: TAG,
    summary: "NOC metrics in the Prometheus text format",
    description:
      "The latest sample as Prometheus gauges (`fiberops_*`, text format 0.0.4), for a scrape job with " +
      "`authorization: {credentials: <token>}`; `fiberops_metrics_sampled_timestamp_seconds` says when it was taken.",
    permission: "metrics.read",
    response: current,
    text: {
      contentType: PROMETHEUS_CONTENT_TYPE,
      what: "Prometheus exposition format 0.0.4",
      render: renderPrometheus,
    },
    handler: ({ svc }) => currentAnswer(svc),
  }),
];
