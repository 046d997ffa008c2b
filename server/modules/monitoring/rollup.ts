// Downsampling: every finished 15-minute bucket of raw samples becomes one averaged point per
// series, and points past their retention are deleted (raw after 48 h, averages after 90 days).
import type { ServiceContext } from "@/server/service-context";
import { RAW_RETENTION_MS, RAW_STEP, ROLLUP_RETENTION_MS, ROLLUP_STEP } from "./metrics";

const BUCKET_MS = ROLLUP_STEP * 1000;
const bucketOf = (t: Date) => Math.floor(t.getTime() / BUCKET_MS) * BUCKET_MS;

export async function rollupAndClean(svc: ServiceContext, now = new Date()) {
  const end = bucketOf(now); // the bucket in progress is left for the next run
  const [lastRollup, firstRaw] = await Promise.all([
    svc.db.metricPoint.findFirst({ where: { step: ROLLUP_STEP }, orderBy: { at: "desc" }, select: { at: true } }),
    svc.db.metricPoint.findFirst({ where: { step: RAW_STEP }, orderBy: { at: "asc" }, select: { at: true } }),
  ]);
  // From the bucket after the last average, skipping buckets before the oldest raw sample.
  const start = firstRaw ? Math.max(bucketOf(firstRaw.at), lastRollup ? lastRollup.at.getTime() + BUCKET_MS : 0) : end;
  let rolled = 0;
  for (let from = start; from < end; from += BUCKET_MS) {
    const points = await svc.db.metricPoint.findMany({
      where: { step: RAW_STEP, at: { gte: new Date(from), lt: new Date(from + BUCKET_MS) } },
      select: { metric: true, series: true, labels: true, value: true },
    });
    const bySeries = new Map<string, { metric: string; series: string; labels: object; sum: number; n: number }>();
    for (const p of points) {
      const key = `${p.metric}|${p.series}`;
      const s = bySeries.get(key) ?? { metric: p.metric, series: p.series, labels: p.labels as object, sum: 0, n: 0 };
      s.sum += p.value;
      s.n += 1;
      bySeries.set(key, s);
    }
    const created = await svc.db.metricPoint.createMany({
      data: [...bySeries.values()].map((s) => ({
        tenantId: svc.tenantId,
        metric: s.metric,
        series: s.series,
        labels: s.labels,
        step: ROLLUP_STEP,
        at: new Date(from),
        value: s.sum / s.n,
      })),
      skipDuplicates: true,
    });
    rolled += created.count;
  }
  const [raw, averages] = await Promise.all([
    svc.db.metricPoint.deleteMany({
      where: { step: RAW_STEP, at: { lt: new Date(now.getTime() - RAW_RETENTION_MS) } },
    }),
    svc.db.metricPoint.deleteMany({
      where: { step: ROLLUP_STEP, at: { lt: new Date(now.getTime() - ROLLUP_RETENTION_MS) } },
    }),
  ]);
  return { rolled, deleted: raw.count + averages.count };
}
