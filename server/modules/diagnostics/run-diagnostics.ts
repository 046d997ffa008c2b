// A diagnostic run: what the platform reads now (ONU optics through the network module, the live
// RADIUS session and usage through radius, the CPE, its WiFi and each WiFi client's signal through
// the ACS, open alarms), then the TR-143 tests requested on the CPE (download speed test, ping,
// trace route). The CPE answers them
// later: a run stays RUNNING until reading it finds them complete, then the rules' findings are
// stored and attached to the ticket as an internal note.

import { invalid, notFound } from "@/server/errors";
import type { Prisma, DiagnosticRun as Run } from "@/server/generated/prisma/client";
import { listAlarms } from "@/server/modules/alarms";
import { recordAudit } from "@/server/modules/audit";
import {
  findSubscriberCpe,
  getCpe,
  readCpeDiagnostic,
  readOnuOptics,
  startCpeDiagnostic,
} from "@/server/modules/network";
import { subscriberLiveSessions, usagePerDay } from "@/server/modules/radius";
import { subscriberForNetwork } from "@/server/modules/subscribers";
import { replyToTicket, ticketLinks } from "@/server/modules/tickets";
import type { ServiceContext } from "@/server/service-context";
import { findings, speedMbps, traceSummary } from "./rules";
import {
  type CpeTest,
  type DiagnosticResults,
  type RunDiagnosticsInput,
  runDiagnosticsInput,
  type TraceHop,
} from "./schemas";

const DEFAULT_PING_HOST = "8.8.8.8";
/** A CPE that has not completed its tests by then will not: the run fails. */
export const CPE_TEST_TIMEOUT_MS = 2 * 60_000;
const USAGE_DAYS = 7;
/** The CPE's tests, by their key in the results and their TR-143 diagnostic. */
const CPE_TESTS = { speedTest: "download", ping: "ping", traceroute: "traceroute" } as const;
type CpeTestKey = keyof typeof CPE_TESTS;
const TEST_KEYS = Object.keys(CPE_TESTS) as CpeTestKey[];

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

async function attempt<T>(read: () => Promise<T>): Promise<T | { error: string }> {
  try {
    return await read();
  } catch (e) {
    return { error: message(e) };
  }
}

export async function runDiagnostics(svc: ServiceContext, raw: RunDiagnosticsInput, opts: { now?: Date } = {}) {
  const input = runDiagnosticsInput.parse(raw);
  const now = opts.now ?? new Date();
  const sub = await subscriberForNetwork(svc, input.subscriberId);
  if (input.ticketId) {
    if (!(await ticketLinks(svc, input.ticketId))) throw notFound("The ticket");
  }
  const full = input.kind === "CHECK";
  const results: DiagnosticResults = {
    subscriber: {
      username: sub.username,
      planCode: sub.planCode,
      downloadKbps: sub.downloadKbps,
      uploadKbps: sub.uploadKbps,
    },
  };
  if (full) {
    const [optics, session, alarms, usage] = await Promise.all([
      sub.onuSerial
        ? attempt(async () => {
            const o = await readOnuOptics(svc, sub.onuSerial as string);
            return {
              serialNumber: o.serialNumber,
              rxDbm: o.rxDbm,
              txDbm: o.txDbm,
              temperatureC: o.temperatureC,
              verdict: o.verdict,
            };
          })
        : undefined,
      attempt(async () => {
        const live = (await subscriberLiveSessions(svc, sub.id))[0];
        return {
          online: Boolean(live),
          framedIp: live?.framedIp ?? null,
          nasIp: live?.nasIp ?? null,
          startedAt: live?.startedAt?.toISOString() ?? null,
        };
      }),
      sub.onuSerial
        ? attempt(async () => {
            const raised = await listAlarms(svc, {
              page: 1,
              pageSize: 5,
              search: sub.onuSerial as string,
              filters: { state: "RAISED" },
            });
            return raised.rows.map((a) => ({
              problem: a.specificProblem || a.probableCause,
              severity: a.perceivedSeverity,
              raisedAt: a.raisedAt.toISOString(),
            }));
          })
        : undefined,
      attempt(async () => {
        const days = await usagePerDay(svc, sub.id, USAGE_DAYS);
        return {
          days: USAGE_DAYS,
          downloadBytes: days.reduce((n, d) => n + d.downloadBytes, 0),
          uploadBytes: days.reduce((n, d) => n + d.uploadBytes, 0),
        };
      }),
    ]);
    Object.assign(results, { optics, session, alarms, usage });
  }
  const cpeRow = await findSubscriberCpe(svc, sub).catch(() => null);
  if (!cpeRow && !full) throw invalid("The subscriber has no CPE known to the ACS: tests run on the CPE");
  if (cpeRow) {
    if (full)
      results.cpe = await attempt(async () => {
        const cpe = await getCpe(svc, cpeRow.id);
        return {
          serialNumber: cpe.serialNumber,
          firmware: cpe.firmware === null ? null : String(cpe.firmware),
          lastInform: cpe.lastInform?.toISOString() ?? null,
          wifi: cpe.wifi.map((w) => ({
            band: w.band === null ? null : String(w.band),
            channel: w.channel === null ? null : Number(w.channel),
            clients: w.clients === null ? null : Number(w.clients),
            enabled: w.enabled === true || w.enabled === "true",
            associatedDevices: w.associatedDevices.map((d) => ({
              macAddress: d.macAddress,
              signalDbm: d.signalDbm,
              downlinkKbps: d.downlinkKbps,
            })),
          })),
          faults: cpe.faults.length,
        };
      });
    const requested = (): CpeTest => ({ state: "requested", requestedAt: now.toISOString() });
    const start = async (kind: "download" | "ping" | "traceroute") => {
      try {
        await startCpeDiagnostic(
          svc,
          cpeRow.id,
          kind === "download" ? { kind } : { kind, host: input.host ?? DEFAULT_PING_HOST },
        );
        return requested();
      } catch (e) {
        return { state: "failed", error: message(e) } as CpeTest;
      }
    };
    if (full || input.kind === "SPEED_TEST") results.speedTest = await start("download");
    if (full || input.kind === "PING") results.ping = await start("ping");
    if (full || input.kind === "TRACEROUTE") results.traceroute = await start("traceroute");
  } else if (full) {
    results.cpe = { error: "No CPE known to the ACS for this subscriber" };
  }
  const run = await svc.db.$transaction(async (tx) => {
    const created = await tx.diagnosticRun.create({
      data: {
        tenantId: svc.tenantId,
        subscriberId: sub.id,
        ticketId: input.ticketId ?? null,
        kind: input.kind,
        host: input.kind === "SPEED_TEST" ? null : (input.host ?? DEFAULT_PING_HOST),
        results: results as Prisma.InputJsonValue,
        requestedById: svc.actor.userId,
        requestedBy: svc.actor.label,
        createdAt: now,
      },
    });
    await recordAudit(tx, {
      tenantId: svc.tenantId,
      actor: svc.actor,
      action: "diagnostics.run",
      targetType: "Subscriber",
      targetId: sub.id,
      after: { runId: created.id, kind: input.kind, ticketId: input.ticketId ?? null },
    });
    return created;
  });
  return settle(svc, run, now);
}

/** The run; a RUNNING one first reads the CPE's tests and completes when they have. */
export async function getDiagnostic(svc: ServiceContext, runId: string, opts: { now?: Date } = {}) {
  const run = await svc.db.diagnosticRun.findFirst({ where: { id: runId } });
  if (!run) throw notFound("The diagnostic run");
  return settle(svc, run, opts.now ?? new Date());
}

export async function listDiagnostics(svc: ServiceContext, filter: { subscriberId?: string; ticketId?: string }) {
  const runs = await svc.db.diagnosticRun.findMany({
    where: {
      ...(filter.subscriberId ? { subscriberId: filter.subscriberId } : {}),
      ...(filter.ticketId ? { ticketId: filter.ticketId } : {}),
    },
    orderBy: { createdAt: "desc" },
    take: 20,
  });
  return runs.map(present);
}

async function readTest(
  svc: ServiceContext,
  cpeId: string,
  kind: "download" | "ping" | "traceroute",
  host: string | null,
) {
  const r = await readCpeDiagnostic(svc, cpeId, kind);
  // A route that never reaches its target is a result too (where it stops), not a failed test.
  const unreached = kind === "traceroute" && r.state === "Error_MaxHopCountExceeded";
  if (r.failed && !unreached) return { state: "failed", error: `The CPE reported ${r.state}` } as CpeTest;
  if (!r.complete && !unreached) return null;
  const n = (k: string) => Number(r.results[k] ?? 0);
  if (kind === "traceroute") {
    const hops: TraceHop[] = Array.from({ length: n("RouteHopsNumberOfEntries") }, (_, i) => {
      const rttMs = String(r.results[`RouteHops.${i + 1}.RTTimes`] ?? "")
        .split(",")
        .filter((x) => x.trim() !== "")
        .map(Number);
      return {
        host: String(r.results[`RouteHops.${i + 1}.Host`] ?? ""),
        address: String(r.results[`RouteHops.${i + 1}.HostAddress`] ?? ""),
        rttMs,
        lost: rttMs.filter((ms) => ms === 0).length || (rttMs.length ? 0 : 1),
      };
    });
    // The silent hops after the last one that answered say only "no answer": keep their count.
    const answered = hops.findLastIndex((h) => h.rttMs.some((ms) => ms > 0)) + 1;
    return {
      state: "complete",
      host,
      reached: !unreached,
      responseMs: n("ResponseTime"),
      hopCount: hops.length,
      hops: hops.slice(0, answered),
    } as CpeTest;
  }
  if (kind === "ping")
    return {
      state: "complete",
      host,
      succeeded: n("SuccessCount"),
      failed: n("FailureCount"),
      averageMs: n("AverageResponseTime"),
      maximumMs: n("MaximumResponseTime"),
    } as CpeTest;
  const bytes = n("TestBytesReceived");
  const seconds =
    (Date.parse(String(r.results.EOMTime ?? "")) - Date.parse(String(r.results.BOMTime ?? ""))) / 1000 || 0;
  return {
    state: "complete",
    bytes,
    seconds,
    mbps: seconds > 0 ? Math.round((bytes * 8) / seconds / 10_000) / 100 : 0,
  } as CpeTest;
}

async function settle(svc: ServiceContext, run: Run, now: Date) {
  if (run.status !== "RUNNING") return present(run);
  const results = run.results as DiagnosticResults;
  const pending = TEST_KEYS.filter((k) => results[k]?.state === "requested");
  if (pending.length) {
    const cpe = await findSubscriberCpe(svc, await subscriberForNetwork(svc, run.subscriberId)).catch(() => null);
    for (const key of pending) {
      const read = cpe
        ? await readTest(svc, cpe.id, CPE_TESTS[key], run.host).catch(
            (e): CpeTest => ({ state: "failed", error: message(e) }),
          )
        : ({ state: "failed", error: "The CPE is no longer known to the ACS" } as CpeTest);
      if (read) results[key] = read;
      else if (now.getTime() - run.createdAt.getTime() > CPE_TEST_TIMEOUT_MS)
        results[key] = { state: "failed", error: "The CPE did not complete the test in time" };
    }
  }
  const waiting = TEST_KEYS.some((k) => results[k]?.state === "requested");
  if (waiting) {
    // Keep what was read so far; the next read continues.
    await svc.db.diagnosticRun.updateMany({
      where: { id: run.id, status: "RUNNING" },
      data: { results: results as Prisma.InputJsonValue },
    });
    return present({ ...run, results: results as Prisma.JsonValue });
  }
  const found = findings(results);
  const onlyFailures = run.kind !== "CHECK" && TEST_KEYS.every((k) => !results[k] || results[k]?.state === "failed");
  const status = onlyFailures ? "FAILED" : "COMPLETE";
  // Only the first reader to complete the run writes the note (two tabs polling the same run).
  const done = await svc.db.diagnosticRun.updateMany({
    where: { id: run.id, status: "RUNNING" },
    data: { status, results: results as Prisma.InputJsonValue, findings: found, completedAt: now },
  });
  if (done.count && run.ticketId)
    await replyToTicket(svc, { ticketId: run.ticketId, internal: true, body: note(results, found) });
  return present(await svc.db.diagnosticRun.findFirstOrThrow({ where: { id: run.id } }));
}

function note(r: DiagnosticResults, found: ReturnType<typeof findings>) {
  const lines = ["Diagnostics"];
  lines.push(found.length ? `Suggested cause: ${found[0]?.title}. ${found[0]?.detail}` : "Nothing abnormal found.");
  for (const f of found.slice(1)) lines.push(`Also: ${f.title}. ${f.detail}`);
  const optics = r.optics && !("error" in r.optics) ? r.optics : null;
  if (optics) lines.push(`Optics: Rx ${optics.rxDbm ?? "LOS"} dBm, Tx ${optics.txDbm} dBm (${optics.verdict}).`);
  const mbps = speedMbps(r.speedTest);
  if (mbps !== null)
    lines.push(
      `Speed test at the CPE: ${mbps} Mbit/s${r.subscriber?.downloadKbps ? ` of ${r.subscriber.downloadKbps / 1000} Mbit/s` : ""}.`,
    );
  if (r.ping?.state === "complete")
    lines.push(`Ping ${r.ping.host}: ${r.ping.succeeded} replies, average ${r.ping.averageMs} ms.`);
  const route = traceSummary(r.traceroute);
  if (route) lines.push(`Trace route to ${route}.`);
  return lines.join("\n");
}

function present(run: Run) {
  const results = run.results as DiagnosticResults;
  const found = (run.findings ?? []) as ReturnType<typeof findings>;
  return {
    id: run.id,
    subscriberId: run.subscriberId,
    ticketId: run.ticketId,
    kind: run.kind,
    status: run.status,
    host: run.host,
    requestedBy: run.requestedBy,
    createdAt: run.createdAt,
    completedAt: run.completedAt,
    results,
    findings: found,
    suggestedCause: found[0] ?? null,
  };
}
