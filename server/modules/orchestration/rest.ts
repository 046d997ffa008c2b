// The REST routes of workflows (/api/v1/orchestration): start provisioning, follow, retry and
// cancel a job. Answers are the job with its steps (statuses lower-case).
import { z } from "zod";
import { defineRoute } from "@/server/rest";
import { restProvisionBody } from "./schemas";
import { cancel, getJob, restJob, retry, startSaga } from "./service";

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

export const orchestrationRoutes = [
  defineRoute({
    method: "POST",
    path: "/orchestration/provision-subscriber",
    tag: TAG,
    summary: "Start provisioning a subscriber's service",
    description: "Answers at once with the job; follow it with GET /orchestration/jobs/{id}.",
    permission: "subscriber.provision",
    body: restProvisionBody,
    status: 202,
    response: jobAnswer,
    async handler({ svc, body: b, idempotencyKey }) {
      const job = await startSaga(
        svc,
        "provision-subscriber",
        {
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
        },
        idempotencyKey,
      );
      return restJob(job);
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
