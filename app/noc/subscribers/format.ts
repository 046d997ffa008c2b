// Small formatting helpers shared by the subscriber, session and auth-log pages.
export function formatBytes(n: number) {
  if (!n) return "0 B";
  const units = ["B", "kB", "MB", "GB", "TB"];
  const i = Math.min(units.length - 1, Math.floor(Math.log10(Math.abs(n)) / 3));
  return `${(n / 1000 ** i).toFixed(i ? 1 : 0)} ${units[i]}`;
}

export function formatDuration(seconds: number | null | undefined) {
  if (seconds === null || seconds === undefined) return "—";
  const d = Math.floor(seconds / 86400);
  const h = Math.floor((seconds % 86400) / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  if (d) return `${d}d ${h}h`;
  if (h) return `${h}h ${m}m`;
  return `${m}m ${seconds % 60}s`;
}

export function formatRate(kbps: number) {
  if (kbps % 1_000_000 === 0) return `${kbps / 1_000_000} Gbit/s`;
  if (kbps % 1000 === 0) return `${kbps / 1000} Mbit/s`;
  return `${kbps} kbit/s`;
}

export const STATUS_OPTIONS = [
  { value: "PENDING", label: "Pending" },
  { value: "PROVISIONING", label: "Provisioning" },
  { value: "PROVISIONING_FAILED", label: "Provisioning failed" },
  { value: "ACTIVE", label: "Active" },
  { value: "SUSPENDED", label: "Suspended" },
  { value: "TERMINATED", label: "Terminated" },
];

export type DaeOutcome = {
  action: string;
  outcome: string;
  nasName: string | null;
  nasIp: string;
  message: string;
  errorCause: number | null;
  fallback?: DaeOutcome;
};

/** One line per session for a toast / panel: "CoA ACK (bng-sim-1)", "Disconnect NAK 503 …". */
export function describeDae(results: DaeOutcome[]): string {
  if (!results.length) return "No live session: nothing to send to the NAS.";
  return results.map((r) => `${r.message}${r.fallback ? ` → fallback: ${r.fallback.message}` : ""}`).join("; ");
}
