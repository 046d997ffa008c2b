"use client";
// A line chart of one metric's series drawn as SVG (one line per series), with its latest value
// in the accessible name and the same numbers as a table for screen readers and keyboards.
import { useFormat } from "@/components/ui";
import styles from "./dashboard.module.css";

export type ChartSeries = { name: string; points: Array<{ at: string | Date; value: number }> };

const LINE_CLASSES = [styles.line0, styles.line1, styles.line2, styles.line3];

/** The smallest 1/2/5 × 10ⁿ at or above `v` (a round top for the axis). */
function niceCeil(v: number) {
  if (v <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(v));
  for (const step of [1, 2, 5, 10]) if (step * power >= v) return step * power;
  return 10 * power;
}

export function MetricChart({ title, series, hours }: { title: string; series: ChartSeries[]; hours: number }) {
  const { locale, timeZone } = useFormat();
  const to = Date.now();
  const from = to - hours * 3600_000;
  const top = niceCeil(Math.max(0, ...series.flatMap((s) => s.points.map((p) => p.value))));
  const x = (at: string | Date) => ((new Date(at).getTime() - from) / (to - from)) * 300;
  const y = (v: number) => 100 - (v / top) * 100;
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 3 });
  const time = new Intl.DateTimeFormat(locale, { timeStyle: "short", timeZone });
  const shown = series.slice(0, LINE_CLASSES.length);
  const latest = shown
    .map((s) => (s.points.length ? `${s.name} ${number.format(s.points[s.points.length - 1]!.value)}` : null))
    .filter(Boolean)
    .join(", ");
  const times = [...new Set(shown.flatMap((s) => s.points.map((p) => new Date(p.at).getTime())))]
    .sort((a, b) => b - a)
    .slice(0, 30);

  return (
    <figure className="stack-sm mt-0 mb-0">
      <figcaption className="row-between">
        <strong>{title}</strong>
        <span className="small muted">last {hours} h</span>
      </figcaption>
      {shown.every((s) => s.points.length === 0) ? (
        <p className="muted small">No samples in this period yet.</p>
      ) : (
        <>
          <div className={styles.chart}>
            <div className={styles.axis} aria-hidden="true">
              <span>{number.format(top)}</span>
              <span>{number.format(top / 2)}</span>
              <span>0</span>
            </div>
            <svg
              className={styles.plot}
              viewBox="0 0 300 100"
              preserveAspectRatio="none"
              role="img"
              aria-label={`${title} over the last ${hours} hours; latest: ${latest || "no data"}`}
            >
              {shown.map((s, i) => (
                <polyline
                  key={s.name}
                  className={LINE_CLASSES[i]}
                  vectorEffect="non-scaling-stroke"
                  points={s.points.map((p) => `${x(p.at).toFixed(2)},${y(p.value).toFixed(2)}`).join(" ")}
                />
              ))}
            </svg>
          </div>
          {shown.length > 1 ? (
            <ul className={styles.legend}>
              {shown.map((s, i) => (
                <li key={s.name}>
                  <span className={`${styles.swatch} ${LINE_CLASSES[i]}`} aria-hidden="true" />
                  {s.name}
                </li>
              ))}
            </ul>
          ) : null}
          <details>
            <summary className="small">Show as a table</summary>
            {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region is focusable on purpose */}
            <section className="table-scroll mt-1" tabIndex={0} aria-label={`${title} as a table`}>
              <table className="table">
                <caption className="sr-only">{title}, newest first</caption>
                <thead>
                  <tr>
                    <th scope="col">Time</th>
                    {shown.map((s) => (
                      <th key={s.name} scope="col" className="num">
                        {s.name}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {times.map((at) => (
                    <tr key={at}>
                      <th scope="row">{time.format(at)}</th>
                      {shown.map((s) => {
                        const p = s.points.find((q) => new Date(q.at).getTime() === at);
                        return (
                          <td key={s.name} className="num">
                            {p ? number.format(p.value) : "—"}
                          </td>
                        );
                      })}
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          </details>
        </>
      )}
    </figure>
  );
}
