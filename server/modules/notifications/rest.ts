// The REST shape of notifications (/api/v1/notifications): snake_case bodies in, the same
// service calls as tRPC, snake_case answers out.
import { z } from "zod";
import { withIdempotency } from "@/server/idempotency";
import type { ServiceContext } from "@/server/service-context";
import { bulkFilterSchema, createBulkJob, getBulkJob } from "./bulk";
import { sendNotification } from "./manage";
import type { NotifyResult } from "./service";

const channels = z.array(z.enum(["EMAIL", "SMS", "PUSH", "INBOX"])).min(1);

export const restSendBody = z.object({
  subscriber_id: z.uuid(),
  template: z.string().min(1).max(64),
  channels: channels.optional(),
  data: z.record(z.string(), z.unknown()).default({}),
});

export const restBulkBody = z
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

export async function restSend(svc: ServiceContext, body: z.infer<typeof restSendBody>, idempotencyKey: string | null) {
  const result = await sendNotification(svc, {
    subscriberId: body.subscriber_id,
    template: body.template,
    channels: body.channels,
    data: body.data,
    idempotencyKey: idempotencyKey ?? undefined,
  });
  return restNotification(result);
}

export async function restBulkJob(svc: ServiceContext, jobId: string) {
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
export async function restBulk(svc: ServiceContext, body: z.infer<typeof restBulkBody>, idempotencyKey: string | null) {
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
