// /api/v1/diagnostics: start a line check, a speed test, a ping or a trace route on a subscriber's CPE, and read
// the result (TR-143: the CPE answers later; the run is "running" until it has).
import { z } from "zod";
import { withIdempotency } from "@/server/idempotency";
import { defineRoute } from "@/server/rest";
import { getDiagnostic, runDiagnostics } from "./run-diagnostics";
import { FINDING_CAUSES } from "./schemas";

const TAG = "Diagnostics";
const timestamp = z.iso.datetime({ offset: true });
const host = z
  .string()
  .max(253)
  .regex(/^[A-Za-z0-9.:-]+$/)
  .optional()
  .describe("What the CPE pings or traces the route to (default 8.8.8.8)");

const runAnswer = z.object({
  job_id: z.uuid(),
  kind: z.enum(["check", "speed_test", "ping", "traceroute"]),
  status: z.enum(["running", "complete", "failed"]),
  subscriber_id: z.uuid(),
  ticket_id: z.uuid().nullable(),
  created_at: timestamp,
  completed_at: timestamp.nullable(),
  suggested_cause: z
    .object({ cause: z.enum(FINDING_CAUSES), title: z.string(), detail: z.string() })
    .nullable()
    .describe("The rules' most likely cause, once complete"),
  findings: z.array(z.object({ cause: z.enum(FINDING_CAUSES), title: z.string(), detail: z.string() })),
  results: z
    .record(z.string(), z.unknown())
    .describe("What each check read: subscriber, optics, session, cpe, alarms, usage, speedTest, ping, traceroute"),
});

type Run = Awaited<ReturnType<typeof getDiagnostic>>;
const answer = (r: Run) => ({
  job_id: r.id,
  kind: r.kind.toLowerCase() as "check" | "speed_test" | "ping" | "traceroute",
  status: r.status.toLowerCase() as "running" | "complete" | "failed",
  subscriber_id: r.subscriberId,
  ticket_id: r.ticketId,
  created_at: r.createdAt,
  completed_at: r.completedAt,
  suggested_cause: r.suggestedCause,
  findings: r.findings,
  results: r.results as Record<string, unknown>,
});

const subscriberParams = z.object({ subscriber_id: z.uuid() });
const jobParams = z.object({ job_id: z.uuid() });

export const diagnosticsRoutes = [
  defineRoute({
    method: "POST",
    path: "/diagnostics/check/{subscriber_id}",
    tag: TAG,
    summary: "Check a subscriber's line: optics, session, CPE and WiFi, alarms, usage, speed test and ping",
    description:
      "Reads what the platform can now and requests the CPE's tests; the answer is running until the CPE " +
      "has answered them (GET the result). With ticket_id the result is attached to that ticket.",
    permission: "diagnostic.run",
    params: subscriberParams,
    body: z.object({ ticket_id: z.uuid().optional(), host }),
    status: 202,
    response: runAnswer,
    async handler({ svc, params, body, idempotencyKey }) {
      const id = await withIdempotency(svc, "diagnostics.check", idempotencyKey, { params, body }, async () => {
        const run = await runDiagnostics(svc, {
          subscriberId: params.subscriber_id,
          ticketId: body.ticket_id,
          host: body.host,
          kind: "CHECK",
        });
        return run.id;
      });
      return answer(await getDiagnostic(svc, id));
    },
  }),
  defineRoute({
    method: "POST",
    path: "/diagnostics/speed-test/{subscriber_id}",
    tag: TAG,
    summary: "Run a download speed test on the subscriber's CPE (TR-143 DownloadDiagnostics)",
    permission: "diagnostic.run",
    params: subscriberParams,
    body: z.object({ ticket_id: z.uuid().optional() }),
    status: 202,
    response: runAnswer,
    async handler({ svc, params, body, idempotencyKey }) {
      const id = await withIdempotency(svc, "diagnostics.speed-test", idempotencyKey, { params, body }, async () => {
        const run = await runDiagnostics(svc, {
          subscriberId: params.subscriber_id,
          ticketId: body.ticket_id,
          kind: "SPEED_TEST",
        });
        return run.id;
      });
      return answer(await getDiagnostic(svc, id));
    },
  }),
  defineRoute({
    method: "GET",
    path: "/diagnostics/speed-test/{job_id}/result",
    tag: TAG,
    summary: "A diagnostic run's result (speed test, ping, trace route or check); running until the CPE has answered",
    permission: "diagnostic.run",
    params: jobParams,
    response: runAnswer,
    handler: async ({ svc, params }) => answer(await getDiagnostic(svc, params.job_id)),
  }),
  hostTestRoute({
    path: "/diagnostics/ping-test",
    kind: "PING",
    summary: "Ping from the subscriber's CPE (TR-143 IPPing)",
  }),
  hostTestRoute({
    path: "/diagnostics/traceroute",
    kind: "TRACEROUTE",
    summary: "Trace the route from the subscriber's CPE (TR-143 TraceRoute)",
    description:
      "The hops the CPE's probes pass (host, address, each try's round trip; 0 = no answer) and the rules' " +
      "reading of them: loss from the first hop is the access line or the CPE, loss further on is upstream.",
  }),
];

/** A test the CPE runs towards a host (ping, trace route): started, answered with its job. */
function hostTestRoute(test: { path: string; kind: "PING" | "TRACEROUTE"; summary: string; description?: string }) {
  return defineRoute({
    method: "POST",
    path: test.path,
    tag: TAG,
    summary: test.summary,
    description: test.description,
    permission: "diagnostic.run",
    body: z.object({ subscriber_id: z.uuid(), host, ticket_id: z.uuid().optional() }),
    status: 202,
    response: runAnswer,
    async handler({ svc, body, idempotencyKey }) {
      const id = await withIdempotency(
        svc,
        `diagnostics.${test.kind.toLowerCase()}`,
        idempotencyKey,
        body,
        async () => {
          const run = await runDiagnostics(svc, {
            subscriberId: body.subscriber_id,
            ticketId: body.ticket_id,
            host: body.host,
            kind: test.kind,
          });
          return run.id;
        },
      );
      return answer(await getDiagnostic(svc, id));
    },
  });
}
