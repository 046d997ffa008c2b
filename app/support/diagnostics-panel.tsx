"use client";
// One-click diagnostics (J11) beside a ticket or a subscriber: runs the line check, follows the
// CPE's tests (speed test, ping, trace route) until they complete, and shows what each check read
// — each WiFi client's signal included — with the suggested cause. On
// a ticket the result is also attached to the thread as an internal note.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { useToast } from "@/components/toast";
import { useTRPC } from "@/components/trpc";
import { Alert, Badge, Button, Card, DateTime, DescriptionList, Spinner } from "@/components/ui";

type WifiClient = { macAddress: string; signalDbm: number | null };
type Hop = { host: string; address: string; rttMs: number[]; lost: number };

type Results = {
  subscriber?: { downloadKbps: number | null };
  optics?: { rxDbm: number | null; txDbm: number; verdict: string } | { error: string };
  session?: { online: boolean; framedIp: string | null } | { error: string };
  cpe?:
    | {
        serialNumber: string;
        wifi: Array<{
          band: string | null;
          channel: number | null;
          clients: number | null;
          associatedDevices?: WifiClient[];
        }>;
      }
    | { error: string };
  alarms?: Array<{ problem: string; severity: string }> | { error: string };
  usage?: { days: number; downloadBytes: number; uploadBytes: number } | { error: string };
  speedTest?: { state: string; mbps?: number; error?: string };
  ping?: { state: string; host?: string; averageMs?: number; succeeded?: number; failed?: number; error?: string };
  traceroute?: {
    state: string;
    host?: string;
    reached?: boolean;
    responseMs?: number;
    hopCount?: number;
    hops?: Hop[];
    error?: string;
  };
};

/** Below this a client hears the router too weakly (the diagnostics rules' threshold). */
const WEAK_SIGNAL_DBM = -75;

const VERDICT_TONE: Record<string, "success" | "warning" | "danger" | "neutral"> = {
  ok: "success",
  warning: "warning",
  critical: "danger",
  los: "danger",
};

const failed = (v: unknown): v is { error: string } => typeof v === "object" && v !== null && "error" in v;
const gb = (bytes: number) => `${(bytes / 1e9).toFixed(1)} GB`;

function testText<T extends { state: string; error?: string }>(t: T | undefined, done: (t: T) => React.ReactNode) {
  if (!t) return "Not run";
  if (t.state === "requested") return "Running on the CPE…";
  if (t.state === "failed") return `Failed: ${t.error}`;
  return done(t);
}

function WifiClients({ wifi }: { wifi: NonNullable<Exclude<Results["cpe"], { error: string }>>["wifi"] }) {
  const clients = wifi.flatMap((w) => (w.associatedDevices ?? []).map((c) => ({ ...c, band: w.band })));
  if (!clients.length) return "None connected";
  return (
    <ul className="list-plain small">
      {clients.map((c) => (
        <li key={c.macAddress} className="row">
          <span className="mono">{c.macAddress}</span> {c.band}: {c.signalDbm ?? "—"} dBm
          {c.signalDbm !== null && c.signalDbm < WEAK_SIGNAL_DBM ? <Badge tone="warning">weak</Badge> : null}
        </li>
      ))}
    </ul>
  );
}

function TraceRoute({ t }: { t: NonNullable<Results["traceroute"]> }) {
  const summary = t.reached
    ? `${t.host}: reached in ${t.hopCount} hops, ${t.responseMs} ms`
    : `${t.host}: not reached (no answer after hop ${t.hops?.length ?? 0})`;
  return (
    <div>
      {summary}
      <ol className="list-plain small">
        {(t.hops ?? []).map((h, i) => (
          <li key={`${i}-${h.address}`}>
            {i + 1}. {h.host || h.address || "*"}{" "}
            <span className="mono">{h.rttMs.map((ms) => (ms ? `${ms} ms` : "*")).join(" ")}</span>
            {h.lost ? <Badge tone="warning">{`${h.lost} lost`}</Badge> : null}
          </li>
        ))}
      </ol>
    </div>
  );
}

export function DiagnosticsPanel({
  subscriberId,
  ticketId,
  canRun,
}: {
  subscriberId: string;
  ticketId?: string;
  canRun: boolean;
}) {
  const trpc = useTRPC();
  const toast = useToast();
  const queryClient = useQueryClient();
  const runs = useQuery(
    trpc.diagnostics.list.queryOptions(ticketId ? { ticketId } : { subscriberId }, { enabled: canRun, retry: false }),
  );
  const latestId = runs.data?.[0]?.id;
  const latest = useQuery(
    trpc.diagnostics.get.queryOptions(
      { id: latestId ?? "" },
      {
        enabled: Boolean(latestId),
        // The CPE answers its tests after a few seconds: read again until it has.
        refetchInterval: (q) => (q.state.data?.status === "RUNNING" ? 1500 : false),
      },
    ),
  );
  const status = latest.data?.status;
  useEffect(() => {
    // The completed run wrote its note on the ticket.
    if (status && status !== "RUNNING") queryClient.invalidateQueries({ queryKey: trpc.tickets.pathKey() });
  }, [status, queryClient, trpc]);
  const run = useMutation(
    trpc.diagnostics.run.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.diagnostics.list.queryKey() }),
      onError: toast.error,
    }),
  );
  if (!canRun) return null;
  const d = latest.data;
  const r = (d?.results ?? {}) as Results;
  const planMbps = r.subscriber?.downloadKbps ? r.subscriber.downloadKbps / 1000 : null;
  return (
    <Card
      title="Diagnostics"
      aria-label="Diagnostics"
      aria-live="polite"
      actions={
        <Button
          size="sm"
          loading={run.isPending || status === "RUNNING"}
          onClick={() => run.mutate({ subscriberId, ticketId })}
        >
          {status === "RUNNING" ? "Running…" : "Run diagnostics"}
        </Button>
      }
    >
      {runs.isLoading ? <Spinner label="Loading diagnostics" /> : null}
      {!runs.isLoading && !latestId ? (
        <p className="muted">
          Checks the ONU's light, the session, the CPE and its WiFi clients, and runs a speed test, a ping and a trace
          route on the CPE.
        </p>
      ) : null}
      {d ? (
        <div className="stack-sm">
          {d.status === "RUNNING" ? <Spinner label="Waiting for the CPE's tests" /> : null}
          {d.status !== "RUNNING" && d.suggestedCause ? (
            <Alert tone="warning" title={`Suggested cause: ${d.suggestedCause.title}`}>
              {d.suggestedCause.detail}
            </Alert>
          ) : null}
          {d.status === "COMPLETE" && !d.suggestedCause ? <Alert tone="success">Nothing abnormal found.</Alert> : null}
          {d.status === "FAILED" ? <Alert tone="danger">The CPE could not run the tests.</Alert> : null}
          {d.findings.length > 1 ? (
            <ul className="list-plain small">
              {d.findings.slice(1).map((f) => (
                <li key={f.title}>
                  <strong>{f.title}.</strong> {f.detail}
                </li>
              ))}
            </ul>
          ) : null}
          <DescriptionList
            items={[
              {
                label: "ONU optics",
                value: !r.optics ? (
                  "No ONU"
                ) : failed(r.optics) ? (
                  r.optics.error
                ) : (
                  <span className="row">
                    Rx {r.optics.rxDbm ?? "—"} dBm, Tx {r.optics.txDbm} dBm
                    <Badge tone={VERDICT_TONE[r.optics.verdict] ?? "neutral"}>{r.optics.verdict}</Badge>
                  </span>
                ),
              },
              {
                label: "Session",
                value: !r.session
                  ? "—"
                  : failed(r.session)
                    ? r.session.error
                    : r.session.online
                      ? `Online (${r.session.framedIp ?? "no address"})`
                      : "Offline",
              },
              {
                label: "CPE WiFi",
                value: !r.cpe
                  ? "—"
                  : failed(r.cpe)
                    ? r.cpe.error
                    : r.cpe.wifi.map((w) => `${w.band}: channel ${w.channel}, ${w.clients ?? 0} clients`).join("; "),
              },
              {
                label: "WiFi clients",
                value: !r.cpe || failed(r.cpe) ? "—" : <WifiClients wifi={r.cpe.wifi} />,
              },
              {
                label: "Speed test",
                value: testText(
                  r.speedTest,
                  (t) => `${t.mbps} Mbit/s at the CPE${planMbps ? ` (plan ${planMbps} Mbit/s)` : ""}`,
                ),
              },
              {
                label: "Ping",
                value: testText(r.ping, (t) => `${t.host}: ${t.succeeded} replies, average ${t.averageMs} ms`),
              },
              {
                label: "Trace route",
                value: testText(r.traceroute, (t) => <TraceRoute t={t} />),
              },
              {
                label: "Open alarms",
                value: !r.alarms
                  ? "—"
                  : failed(r.alarms)
                    ? r.alarms.error
                    : r.alarms.length
                      ? r.alarms.map((a) => `${a.severity} ${a.problem}`).join("; ")
                      : "None",
              },
              {
                label: "Usage",
                value:
                  !r.usage || failed(r.usage)
                    ? "—"
                    : `${gb(r.usage.downloadBytes)} down, ${gb(r.usage.uploadBytes)} up in ${r.usage.days} days`,
              },
            ]}
          />
          <p className="muted small">
            Run by {d.requestedBy} <DateTime value={d.createdAt} />
          </p>
        </div>
      ) : null}
    </Card>
  );
}
