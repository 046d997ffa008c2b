// The REST routes of workflows (/api/v1/orchestration): start each saga (provision, suspend,
// restore, change plan, deprovision) or preview it (`dry_run`), follow, retry and cancel a job.
// Answers are the job with its steps (statuses lower-case).
import { z } from "zod";
import { requestCancellation } from "@/server/modules/subscribers";
import { defineRoute } from "@/server/rest";
import type { ServiceContext } from "@/server/service-context";
import type { SagaType } from "./sagas";
import {
  restChangePlanBody,
  restDeprovisionBody,
  restProvisionBody,
  restRestoreBody,
  restSuspendBody,
} from "./schemas";
import { cancel, getJob, type JobView, previewSaga, restJob, restPlan, retry, startSaga } from "./service";

const TAG = "Orchestration";
const timestamp = z.iso.datetime({ offset: true });
const lower = (values: string[]) => z.enum(values.map((v) => v.toLowerCase()) as [string, ...string[]]);

export const jobAnswer = z.object({
  job_id: z.uuid(),
  type: z.string().describe("The workflow, e.g. provision-subscriber"),
  status: lower(["PENDING", "RUNNING", "COMPLETED", "ROLLING_BACK", "ROLLED_BACK", "ROLLBACK_FAILED", "CANCELLED"]),
  subscriber_id: z.uuid().nullable(),
  attempt: z.number().int(),
  error: z.string().nullable(),
  failed_step: z.string().nullable(),
  alert: z.string().nullable().describe("Why the job needs a person, if it does"),
  created_at: timestamp,
  finished_at: timestamp.nullable(),
  steps: z.array(
    z.object({
      name: z.string(),
      status: lower(["PENDING", "RUNNING", "COMPLETED", "FAILED", "UNDOING", "UNDONE", "UNDO_FAILED", "SKIPPED"]),
      attempts: z.number().int(),
      error: z.string().nullable(),
      duration_ms: z.number().int().nullable(),
    }),
  ),
});

const jobParams = z.object({ id: z.uuid().describe("The job's id") });

export const planAnswer = z.object({
  dry_run: z.literal(true),
  type: z.string(),
  ok: z.boolean().describe("false when a step would fail (the job would roll back)"),
  subscriber_id: z.uuid().nullable(),
  steps: z.array(
    z.object({
      name: z.string(),
      title: z.string(),
      status: z.enum(["change", "no_change", "skipped", "fails", "not_reached"]),
      summary: z.string().describe("What the step would do, in a sentence"),
      details: z.unknown().describe("The concrete change: rows, address, profile, amounts"),
      error: z.string().nullable(),
    }),
  ),
});

/** A route that starts one saga (202 with the job) or previews it (`dry_run`: 200 with the plan). */
function sagaRoute<B extends z.ZodType>(def: {
  path: string;
  type: SagaType;
  summary: string;
  description: string;
  permission: Parameters<typeof defineRoute>[0]["permission"];
  body: B;
  input(body: z.output<B>): unknown;
  /** How the job starts, when not by starting the saga directly. */
  start?(svc: ServiceContext, body: z.output<B>, idempotencyKey: string | null): Promise<JobView>;
}) {
  return defineRoute({
    method: "POST",
    path: def.path,
    tag: TAG,
    summary: def.summary,
    description: `${def.description} Answers at once with the job; follow it with GET /orchestration/jobs/{id}. With dry_run, answers each step's intended change and starts nothing.`,
    permission: def.permission,
    body: def.body,
    status: 202,
    response: jobAnswer,
    handler: async ({ svc, body, idempotencyKey }) =>
      restJob(
        await (def.start
          ? def.start(svc, body, idempotencyKey)
          : startSaga(svc, def.type, def.input(body), idempotencyKey)),
      ),
    dryRun: {
      response: planAnswer,
      handler: async ({ svc, body }) => restPlan(await previewSaga(svc, def.type, def.input(body))),
    },
  });
}

export const orchestrationRoutes = [
  sagaRoute({
    path: "/orchestration/provision-subscriber",
    type: "provision-subscriber",
    summary: "Provision a subscriber's service",
    description: "A new subscriber (customer_id, service_plan_id, …) or an existing pending one (subscriber_id).",
    permission: "subscriber.provision",
    body: restProvisionBody,
    input: (b) => ({
      subscriberId: b.subscriber_id,
      customerId: b.customer_id,
      planId: b.service_plan_id,
      serviceAddressId: b.service_address_id,
      accessType: b.access_type,
      onuSerial: b.onu_serial,
      cpeMac: b.cpe_mac,
      username: b.username,
      password: b.password,
      staticIpv4: b.static_ipv4,
      nasId: b.nas_id,
      vlan: b.vlan,
      poolId: b.pool_id,
      wifi: b.wifi,
    }),
  }),
  sagaRoute({
    path: "/orchestration/suspend",
    type: "suspend-subscriber",
    summary: "Suspend a subscriber",
    description: "RADIUS suspension group, live sessions disconnected, optionally the ONU disabled, a notice.",
    permission: "subscriber.suspend",
    body: restSuspendBody,
    input: (b) => ({ subscriberId: b.subscriber_id, reason: b.reason, disableOnu: b.disable_onu }),
  }),
  sagaRoute({
    path: "/orchestration/restore",
    type: "restore-subscriber",
    summary: "Restore a suspended subscriber",
    description: "RADIUS plan groups back, walled-garden sessions disconnected, optionally the ONU enabled, a notice.",
    permission: "subscriber.suspend",
    body: restRestoreBody,
    input: (b) => ({ subscriberId: b.subscriber_id, enableOnu: b.enable_onu }),
  }),
  sagaRoute({
    path: "/orchestration/change-plan",
    type: "change-plan",
    summary: "Change a subscriber's plan",
    description:
      "now: RADIUS, CoA on live sessions (NAK → Disconnect), ONU bandwidth profile, prorated billing, a notice; next_cycle: billing from the next cycle.",
    permission: "subscriber.provision",
    body: restChangePlanBody,
    input: (b) => ({ subscriberId: b.subscriber_id, planId: b.service_plan_id, effective: b.effective }),
  }),
  // The teardown now is today's cancellation (one open cancellation per subscriber, one job).
  sagaRoute({
    path: "/orchestration/deprovision",
    type: "deprovision-subscriber",
    summary: "Tear a subscriber's service down",
    description:
      "Sessions disconnected, RADIUS rows removed, address released, ONU disabled, CPE reset, billing ended with the final invoice, terminated. Today only: a later day is POST /subscribers/{id}/cancellation.",
    permission: "subscriber.terminate",
    body: restDeprovisionBody,
    input: (b) => ({ subscriberId: b.subscriber_id, reason: b.reason, endBillingOn: b.end_billing_on }),
    start: async (svc, b, idempotencyKey) => {
      const c = await requestCancellation(
        svc,
        { subscriberId: b.subscriber_id, reason: b.reason, effectiveOn: b.end_billing_on },
        idempotencyKey,
        { today: true },
      );
      return getJob(svc, c.jobId as string);
    },
  }),
  defineRoute({
    method: "GET",
    path: "/orchestration/jobs/{id}",
    tag: TAG,
    summary: "A job with its steps",
    permission: "job.read",
    params: jobParams,
    response: jobAnswer,
    handler: async ({ svc, params }) => restJob(await getJob(svc, params.id)),
  }),
  defineRoute({
    method: "POST",
    path: "/orchestration/jobs/{id}/cancel",
    tag: TAG,
    summary: "Stop a pending or running job (completed steps are undone)",
    permission: "job.manage",
    params: jobParams,
    response: jobAnswer,
    handler: async ({ svc, params }) => restJob(await cancel(svc, params.id)),
  }),
  defineRoute({
    method: "POST",
    path: "/orchestration/jobs/{id}/retry",
    tag: TAG,
    summary: "Run a rolled-back, failed or cancelled job again",
    permission: "job.manage",
    params: jobParams,
    response: jobAnswer,
    handler: async ({ svc, params }) => restJob(await retry(svc, params.id)),
  }),
];
