"use client";
// A stacked bar chart of usage (download below, upload on top) drawn as SVG, with a readable
// y-axis, an optional allowance line, a tooltip per bar and the same numbers as a table.
import { useFormat } from "@/components/ui";
import styles from "../portal.module.css";
import { formatGb } from "../portal-ui";

export type UsageBar = { key: string; label: string; downloadBytes: number; uploadBytes: number };

/** The smallest 1/2/5 × 10ⁿ GB at or above `gb` (a round top for the axis). */
function niceCeilGb(gb: number) {
  if (gb <= 1) return 1;
  const power = 10 ** Math.floor(Math.log10(gb));
  for (const step of [1, 2, 5, 10]) if (step * power >= gb) return step * power;
  return 10 * power;
}

export function UsageChart({
  title,
  bars,
  capBytes,
  capLabel,
}: {
  title: string;
  bars: UsageBar[];
  capBytes?: number | null;
  capLabel?: string;
}) {
  const { locale } = useFormat();
  const peak = Math.max(0, ...bars.map((b) => b.downloadBytes + b.uploadBytes), capBytes ?? 0);
  const topGb = niceCeilGb(peak / 1e9);
  const top = topGb * 1e9;
  const slot = 10;
  const width = Math.max(bars.length, 1) * slot;
  const h = (bytes: number) => (bytes / top) * 100;
  const ticks = [topGb, (topGb * 3) / 4, topGb / 2, topGb / 4, 0];
  const xLabels = bars.length > 2 ? [bars[0], bars[Math.floor(bars.length / 2)], bars[bars.length - 1]] : bars;
  const total = bars.reduce((s, b) => s + b.downloadBytes + b.uploadBytes, 0);

  return (
    <figure className="stack-sm mt-0 mb-0">
      <div className={styles.chart}>
        <div className={styles.axis} aria-hidden="true">
          {ticks.map((t) => (
            <span key={t}>{new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(t)} GB</span>
          ))}
        </div>
        <div
          className={styles.plot}
          role="img"
          aria-label={`${title}: ${formatGb(total, locale)} in total over ${bars.length} ${bars.length === 1 ? "period" : "periods"}`}
        >
          <svg viewBox={`0 0 ${width} 100`} preserveAspectRatio="none" aria-hidden="true">
            {bars.map((b, i) => {
              const down = h(b.downloadBytes);
              const up = h(b.uploadBytes);
              return (
                <g key={b.key} className={styles.bar}>
                  <title>{`${b.label}: ${formatGb(b.downloadBytes, locale)} down, ${formatGb(b.uploadBytes, locale)} up`}</title>
                  {/* A full-height transparent hit area so small bars still show their tooltip. */}
                  <rect x={i * slot} y={0} width={slot} height={100} fill="transparent" />
                  <rect className={styles.down} x={i * slot + 1.5} y={100 - down} width={slot - 3} height={down} />
                  <rect className={styles.up} x={i * slot + 1.5} y={100 - down - up} width={slot - 3} height={up} />
                </g>
              );
            })}
          </svg>
          {capBytes ? (
            <div className={styles.cap} style={{ top: `${100 - h(capBytes)}%` }}>
              <span className={styles.capLabel}>{capLabel ?? "Allowance"}</span>
            </div>
          ) : null}
        </div>
        <div className={styles.xLabels} aria-hidden="true">
          {xLabels.map((b) => (
            <span key={b.key}>{b.label}</span>
          ))}
        </div>
      </div>
      <figcaption className={styles.legend}>
        <span>
          <span className={styles.swatchDown} aria-hidden="true" />
          Download
        </span>
        <span>
          <span className={styles.swatchUp} aria-hidden="true" />
          Upload
        </span>
      </figcaption>
      <details>
        <summary className="small">Show as a table</summary>
        {/* A scrolling table without links must take focus so the keyboard can scroll it (WCAG 2.1.1). */}
        {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region is focusable on purpose */}
        <section className="table-scroll mt-1" tabIndex={0} aria-label={title}>
          <table className="table">
            <caption className="sr-only">{title}</caption>
            <thead>
              <tr>
                <th scope="col">Period</th>
                <th scope="col" className="num">
                  Download
                </th>
                <th scope="col" className="num">
                  Upload
                </th>
                <th scope="col" className="num">
                  Total
                </th>
              </tr>
            </thead>
            <tbody>
              {bars.map((b) => (
                <tr key={b.key}>
                  <th scope="row">{b.label}</th>
                  <td className="num">{formatGb(b.downloadBytes, locale)}</td>
                  <td className="num">{formatGb(b.uploadBytes, locale)}</td>
                  <td className="num">{formatGb(b.downloadBytes + b.uploadBytes, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </details>
    </figure>
  );
}
