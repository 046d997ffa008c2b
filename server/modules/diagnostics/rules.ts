// The suggested cause of a slow or broken line, from explicit rules over what a run read. Most
// likely first: no light before low light, low light before anything the light explains.
import { OPTICAL_THRESHOLDS } from "@/server/modules/network";
import type { DiagnosticResults, Finding } from "./schemas";

const ok = <T extends object>(v: T | { error: string } | undefined): T | null =>
  v && !("error" in v) ? (v as T) : null;

/** Overlapping 2.4 GHz channels: only 1, 6 and 11 do not overlap one another. */
const CLEAN_24_CHANNELS = new Set([1, 6, 11]);
/** More clients than this on 2.4 GHz share too little airtime. */
const CROWDED_24_CLIENTS = 8;
/** At least this share of the plan's rate at the CPE: the line delivers it. */
const AT_PLAN = 0.8;
/** Below this share the line itself is slow. */
const BELOW_PLAN = 0.5;
const HIGH_LATENCY_MS = 50;

export function speedMbps(test: DiagnosticResults["speedTest"]) {
  return test?.state === "complete" && typeof test.mbps === "number" ? test.mbps : null;
}

export function findings(r: DiagnosticResults): Finding[] {
  const out: Finding[] = [];
  const optics = ok(r.optics);
  const session = ok(r.session);
  const cpe = ok(r.cpe);
  const alarms = Array.isArray(r.alarms) ? r.alarms : [];
  if (optics?.verdict === "los")
    out.push({
      cause: "los",
      title: "No light at the ONU",
      detail: "Loss of signal: the fibre is cut or disconnected between the splitter and the home.",
    });
  else if (optics?.rxDbm != null && optics.rxDbm < OPTICAL_THRESHOLDS.rx.min)
    out.push({
      cause: "fibre",
      title: "Fibre or connector",
      detail: `Rx ${optics.rxDbm} dBm is below ${OPTICAL_THRESHOLDS.rx.min} dBm: clean or replace the connector, check the drop for bends.`,
    });
  else if (optics?.rxDbm != null && optics.rxDbm < OPTICAL_THRESHOLDS.rx.warnBelow)
    out.push({
      cause: "fibre",
      title: "Marginal light",
      detail: `Rx ${optics.rxDbm} dBm is below ${OPTICAL_THRESHOLDS.rx.warnBelow} dBm: errors under load are likely; inspect the connectors.`,
    });
  if (alarms.length)
    out.push({
      cause: "alarm",
      title: "Open alarms on the line",
      detail: alarms.map((a) => `${a.severity} ${a.problem}`).join("; "),
    });
  if (session && !session.online)
    out.push({
      cause: "session",
      title: "No RADIUS session",
      detail: "The CPE is not authenticated: see the last Access-Rejects for the reason.",
    });
  if (r.cpe && !cpe) out.push({ cause: "cpe", title: "CPE not reachable", detail: (r.cpe as { error: string }).error });
  const mbps = speedMbps(r.speedTest);
  const planMbps = r.subscriber?.downloadKbps ? r.subscriber.downloadKbps / 1000 : null;
  const lightOk = optics ? optics.verdict === "ok" || optics.verdict === "warning" : true;
  if (mbps !== null && planMbps) {
    const share = mbps / planMbps;
    if (share >= AT_PLAN)
      out.push({
        cause: "in-home",
        title: "The line delivers the plan",
        detail: `${mbps} Mbit/s at the CPE of ${planMbps} Mbit/s: the slowness is in the home (WiFi, devices).`,
      });
    else if (share < BELOW_PLAN && lightOk && !out.some((f) => f.cause === "fibre" || f.cause === "los"))
      out.push({
        cause: "line",
        title: "Below the plan's rate with good light",
        detail: `${mbps} Mbit/s at the CPE of ${planMbps} Mbit/s: check the ONU's bandwidth profile (a missed plan change) and the PON port's load.`,
      });
  }
  const ping = r.ping?.state === "complete" ? r.ping : null;
  if (ping && typeof ping.averageMs === "number" && ping.averageMs > HIGH_LATENCY_MS)
    out.push({
      cause: "latency",
      title: "High latency",
      detail: `Ping to ${ping.host} averages ${ping.averageMs} ms.`,
    });
  const radio24 = cpe?.wifi.find((w) => w.band?.startsWith("2.4"));
  if (radio24?.enabled && radio24.channel !== null && !CLEAN_24_CHANNELS.has(radio24.channel))
    out.push({
      cause: "wifi",
      title: "WiFi: overlapping 2.4 GHz channel",
      detail: `The 2.4 GHz radio is on channel ${radio24.channel}; use 1, 6 or 11, or move devices to 5 GHz.`,
    });
  else if (radio24?.enabled && (radio24.clients ?? 0) > CROWDED_24_CLIENTS)
    out.push({
      cause: "wifi",
      title: "WiFi: crowded 2.4 GHz radio",
      detail: `${radio24.clients} clients share the 2.4 GHz radio; move what can to 5 GHz.`,
    });
  return out;
}
