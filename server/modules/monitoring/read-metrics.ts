// Reading the stored figures: the latest sample of every series, and one metric's series over
// a range (raw samples within 48 h, 15-minute averages beyond).
import type { ServiceContext } from "@/server/service-context";
import { RAW_RETENTION_MS, RAW_STEP, ROLLUP_STEP } from "./metrics";
import { METRICS, type MetricName } from "./schemas";

export type CurrentPoint = { metric: MetricName; series: string; labels: Record<string, string>; value: number };

/** The latest sample (all its points share one time); `at` null before the first sample. */
export async function currentMetrics(svc: ServiceContext) {
  const last = await svc.db.metricPoint.findFirst({
    where: { step: RAW_STEP },
    orderBy: { at: "desc" },
    select: { at: true },
  });
  if (!last) return { at: null, points: [] as CurrentPoint[] };
  const rows = await svc.db.metricPoint.findMany({
    where: { step: RAW_STEP, at: last.at },
    orderBy: [{ metric: "asc" }, { series: "asc" }],
    select: { metric: true, series: true, labels: true, value: true },
  });
  return {
    at: last.at,
    points: rows
      .filter((r) => r.metric in METRICS)
      .map((r) => ({ ...r, metric: r.metric as MetricName, labels: r.labels as Record<string, string> })),
  };
}

export type SeriesView = { series: string; labels: Record<string, string>; points: Array<{ at: Date; value: number }> };

/** One metric's series between `from` and `to`, oldest point first. */
export async function metricSeries(svc: ServiceContext, metric: MetricName, from: Date, to = new Date()) {
  const step =
    to.getTime() - from.getTime() <= RAW_RETENTION_MS && Date.now() - from.getTime() <= RAW_RETENTION_MS
      ? RAW_STEP
      : ROLLUP_STEP;
  const rows = await svc.db.metricPoint.findMany({
    where: { metric, step, at: { gte: from, lte: to } },
    orderBy: [{ series: "asc" }, { at: "asc" }],
    select: { series: true, labels: true, at: true, value: true },
  });
  const bySeries = new Map<string, SeriesView>();
  for (const r of rows) {
    const s = bySeries.get(r.series) ?? { series: r.series, labels: r.labels as Record<string, string>, points: [] };
    s.points.push({ at: r.at, value: r.value });
    bySeries.set(r.series, s);
  }
  return { metric, step, from, to, series: [...bySeries.values()] };
}
