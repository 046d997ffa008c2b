// The suggested cause of a slow or broken line, from explicit rules over what a run read. Most
// likely first: no light before low light, low light before anything the light explains.
import { OPTICAL_THRESHOLDS } from "@/server/modules/network";
import type { DiagnosticResults, Finding, TraceHop } from "./schemas";

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
/** Below this a WiFi client hears the router too weakly for a steady rate (−67 dBm is the usual target). */
export const WEAK_SIGNAL_DBM = -75;

export function speedMbps(test: DiagnosticResults["speedTest"]) {
  return test?.state === "complete" && typeof test.mbps === "number" ? test.mbps : null;
}

type Trace = { host: string; reached: boolean; responseMs: number; hopCount: number; hops: TraceHop[] };
const traceOf = (test: DiagnosticResults["traceroute"]) =>
  test?.state === "complete" && Array.isArray(test.hops) ? (test as unknown as Trace) : null;
const hopName = (h: TraceHop) => h.host || h.address || "no answer";

/** "8.8.8.8: reached in 4 hops, 12 ms" (or where it stopped); null until the test completed. */
export function traceSummary(test: DiagnosticResults["traceroute"]) {
  const t = traceOf(test);
  if (!t) return null;
  const last = t.hops[t.hops.length - 1];
  return t.reached
    ? `${t.host}: reached in ${t.hopCount} hops, ${t.responseMs} ms`
    : `${t.host}: not reached, no answer after hop ${t.hops.length}${last ? ` (${hopName(last)})` : ""}`;
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
  const trace = traceOf(r.traceroute);
  const first = trace?.hops[0];
  if (trace && first && first.lost > 0)
    out.push({
      cause: "line",
      title: "Packet loss from the first hop",
      detail: `${first.lost} of ${first.rttMs.length} probes to ${hopName(first)}, the first hop after the CPE, went unanswered: the loss is on the access line or the CPE, not beyond our network.`,
    });
  else if (trace && !trace.reached)
    out.push({
      cause: "route",
      title: "Destination not reached",
      detail: `The route to ${trace.host} ends after hop ${trace.hops.length} (${trace.hops.length ? hopName(trace.hops[trace.hops.length - 1] as TraceHop) : "none"}): the destination or a network beyond ours does not answer; the line itself is fine.`,
    });
  else if (trace && (trace.hops[trace.hops.length - 1]?.lost ?? 0) > 0) {
    // Loss that carries on to the destination; a router that only rate-limits its own ICMP replies is not it.
    const from = trace.hops.findIndex((h) => h.lost > 0);
    out.push({
      cause: "route",
      title: "Packet loss beyond the access network",
      detail: `The route is clean up to hop ${from} and loses probes from hop ${from + 1} (${hopName(trace.hops[from] as TraceHop)}) to ${trace.host}: upstream of the subscriber's line.`,
    });
  }
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
  const clients = (cpe?.wifi ?? []).flatMap((w) => w.associatedDevices ?? []);
  const weak = clients.filter((c) => c.signalDbm !== null && c.signalDbm < WEAK_SIGNAL_DBM);
  if (weak.length)
    out.push({
      cause: "wifi",
      title: "WiFi: weak signal at some devices",
      detail: `${weak.length} of ${clients.length} WiFi clients hear the router below ${WEAK_SIGNAL_DBM} dBm (weakest ${Math.min(...weak.map((c) => c.signalDbm as number))} dBm): place the router centrally and in the open, or add a mesh point near them.`,
    });
  return out;
}
