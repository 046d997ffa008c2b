// The REST routes of notifications (/api/v1/notifications): snake_case bodies in, the same
// service calls as tRPC, snake_case answers out.
import { z } from "zod";
import { withIdempotency } from "@/server/idempotency";
import { defineRoute } from "@/server/rest";
import type { ServiceContext } from "@/server/service-context";
import { bulkFilterSchema, createBulkJob, getBulkJob } from "./bulk";
import { sendNotification } from "./manage";
import type { NotifyResult } from "./service";

const channels = z.array(z.enum(["EMAIL", "SMS", "PUSH", "INBOX"])).min(1);

const restSendBody = z.object({
  subscriber_id: z.uuid(),
  template: z.string().min(1).max(64),
  channels: channels.optional(),
  data: z.record(z.string(), z.unknown()).default({}),
});

const restBulkBody = z
  .object({
    name: z.string().trim().max(120).optional(),
    subscriber_ids: z.array(z.uuid()).min(1).max(200_000).optional(),
    filter: z
      .object({
        statuses: bulkFilterSchema.shape.statuses,
        plan_ids: bulkFilterSchema.shape.planIds,
        search: bulkFilterSchema.shape.search,
        postcode: bulkFilterSchema.shape.postcode,
        olt_ids: bulkFilterSchema.shape.oltIds,
        pon_port_ids: bulkFilterSchema.shape.ponPortIds,
      })
      .optional(),
    template: z.string().min(1).max(64),
    channels,
    data: z.record(z.string(), z.unknown()).default({}),
    schedule_at: z.iso.datetime({ offset: true }).optional(),
  })
  .refine((b) => Boolean(b.subscriber_ids) !== Boolean(b.filter), {
    message: "Give either subscriber_ids or filter",
    path: ["subscriber_ids"],
  });

function restNotification(r: NotifyResult) {
  return {
    notification_id: r.notificationId,
    deduplicated: r.deduplicated,
    deliveries: r.deliveries.map((d) => ({
      id: d.id,
      channel: d.channel,
      status: d.status,
      recipient: d.recipient,
      not_before: d.notBefore,
      error: d.error,
    })),
  };
}

async function restSend(svc: ServiceContext, body: z.infer<typeof restSendBody>, idempotencyKey: string | null) {
  const result = await sendNotification(svc, {
    subscriberId: body.subscriber_id,
    template: body.template,
    channels: body.channels,
    data: body.data,
    idempotencyKey: idempotencyKey ?? undefined,
  });
  return restNotification(result);
}

async function restBulkJob(svc: ServiceContext, jobId: string) {
  const j = await getBulkJob(svc, jobId);
  return {
    job_id: j.id,
    name: j.name,
    status: j.status,
    template: j.template,
    channels: j.channels,
    schedule_at: j.scheduleAt,
    started_at: j.startedAt,
    finished_at: j.finishedAt,
    total: j.total,
    sent: j.sent,
    failed: j.failed,
    suppressed: j.suppressed,
    progress: j.progress,
  };
}

/** Creates (or, with the same Idempotency-Key, returns) a scheduled bulk send. */
async function restBulk(svc: ServiceContext, body: z.infer<typeof restBulkBody>, idempotencyKey: string | null) {
  const f = body.filter;
  const jobId = await withIdempotency(svc, "notification.bulk", idempotencyKey, body, async () => {
    const job = await createBulkJob(svc, {
      name: body.name,
      template: body.template,
      channels: body.channels,
      data: body.data,
      subscriberIds: body.subscriber_ids,
      filter: f && {
        statuses: f.statuses,
        planIds: f.plan_ids,
        search: f.search,
        postcode: f.postcode,
        oltIds: f.olt_ids,
        ponPortIds: f.pon_port_ids,
      },
      scheduleAt: body.schedule_at ? new Date(body.schedule_at) : undefined,
    });
    return job.id;
  });
  return restBulkJob(svc, jobId);
}

const timestamp = z.iso.datetime({ offset: true });

const sendAnswer = z.object({
  notification_id: z.uuid(),
  deduplicated: z.boolean(),
  deliveries: z.array(
    z.object({
      id: z.uuid(),
      channel: z.enum(["EMAIL", "SMS", "PUSH", "INBOX"]),
      status: z.enum(["QUEUED", "SENT", "DELIVERED", "BOUNCED", "FAILED", "SUPPRESSED"]),
      recipient: z.string().nullable(),
      not_before: timestamp.nullable().describe("Held by quiet hours until then"),
      error: z.string().nullable(),
    }),
  ),
});

const bulkJob = z.object({
  job_id: z.uuid(),
  name: z.string().nullable(),
  status: z.enum(["SCHEDULED", "RUNNING", "COMPLETED", "CANCELLED", "FAILED"]),
  template: z.string(),
  channels: z.array(z.enum(["EMAIL", "SMS", "PUSH", "INBOX"])),
  schedule_at: timestamp.nullable(),
  started_at: timestamp.nullable(),
  finished_at: timestamp.nullable(),
  total: z.number().int(),
  sent: z.number().int(),
  failed: z.number().int(),
  suppressed: z.number().int(),
  progress: z.number().int().min(0).max(100).describe("Percent done"),
});

export const notificationRoutes = [
  defineRoute({
    method: "POST",
    path: "/notifications/send",
    tag: "Notifications",
    summary: "Send one notification now",
    description: "The subscriber's preferences and quiet hours apply.",
    permission: "notification.send",
    body: restSendBody,
    response: sendAnswer,
    handler: ({ svc, body, idempotencyKey }) => restSend(svc, body, idempotencyKey),
  }),
  defineRoute({
    method: "POST",
    path: "/notifications/bulk",
    tag: "Notifications",
    summary: "Schedule a bulk send",
    description:
      "To subscriber_ids or a filter; sent at schedule_at within the tenant's rate per channel. " +
      "Poll GET /notifications/bulk/{job_id} for progress.",
    permission: "notification.bulk",
    body: restBulkBody,
    status: 202,
    response: bulkJob,
    handler: ({ svc, body, idempotencyKey }) => restBulk(svc, body, idempotencyKey),
  }),
  defineRoute({
    method: "GET",
    path: "/notifications/bulk/{job_id}",
    tag: "Notifications",
    summary: "A bulk send's status and progress",
    permission: "notification.read",
    params: z.object({ job_id: z.uuid() }),
    response: bulkJob,
    handler: ({ svc, params }) => restBulkJob(svc, params.job_id),
  }),
];
