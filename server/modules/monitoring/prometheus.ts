// The Prometheus text exposition format 0.0.4 of the latest sample: per metric a HELP and a
// TYPE line, then one line per series with its labels. Label values escape \, " and newline;
// HELP text escapes \ and newline (https://prometheus.io/docs/instrumenting/exposition_formats/).

export const PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
const PREFIX = "fiberops_";

type Metric = { name: string; help: string; series: Array<{ labels: Record<string, string>; value: number }> };

const escapeHelp = (s: string) => s.replaceAll("\\", "\\\\").replaceAll("\n", "\\n");
const escapeLabel = (s: string) => s.replaceAll("\\", "\\\\").replaceAll('"', '\\"').replaceAll("\n", "\\n");

function sampleValue(v: number) {
  if (Number.isNaN(v)) return "NaN";
  if (v === Number.POSITIVE_INFINITY) return "+Inf";
  if (v === Number.NEGATIVE_INFINITY) return "-Inf";
  return String(v);
}

export function renderPrometheus(answer: { sampled_at: string | null; metrics: Metric[] }) {
  const lines: string[] = [];
  const gauge = (name: string, help: string, series: Metric["series"]) => {
    lines.push(`# HELP ${PREFIX}${name} ${escapeHelp(help)}`, `# TYPE ${PREFIX}${name} gauge`);
    for (const s of series) {
      const labels = Object.entries(s.labels)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => `${k}="${escapeLabel(v)}"`)
        .join(",");
      lines.push(`${PREFIX}${name}${labels ? `{${labels}}` : ""} ${sampleValue(s.value)}`);
    }
  };
  for (const m of answer.metrics) gauge(m.name, m.help, m.series);
  if (answer.sampled_at)
    gauge("metrics_sampled_timestamp_seconds", "When the figures above were sampled (Unix time)", [
      { labels: {}, value: Date.parse(answer.sampled_at) / 1000 },
    ]);
  return `${lines.join("\n")}\n`;
}
