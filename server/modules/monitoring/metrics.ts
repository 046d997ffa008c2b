// Sampling constants and the shape of one sample (the catalogue of names is in schemas.ts,
// which the pages share).
import type { MetricName } from "./schemas";

/** Sample every minute; raw samples kept 48 h, 15-minute averages 90 days. */
export const RAW_STEP = 60;
export const ROLLUP_STEP = 900;
export const RAW_RETENTION_MS = 48 * 3600_000;
export const ROLLUP_RETENTION_MS = 90 * 24 * 3600_000;
/** The window of the per-minute counters (auth replies, failed jobs). */
export const WINDOW_MS = 60_000;

export type Sample = { metric: MetricName; series: string; labels: Record<string, string>; value: number };
