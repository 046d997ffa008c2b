// Bulk sends: one template to many subscribers, scheduled, rate limited per channel,
// resumable and exactly-once.
//
// 1. createBulkJob stores the job and schedules the notifications/bulk.scheduled event.
// 2. materializeBulkJob resolves the recipients ONCE into BulkNotificationRecipient rows,
//    unique per (job, subscriber, channel) — a second call finds materializedAt set.
// 3. runBulkBatch takes tokens from the channel's bucket, claims that many PENDING recipients
//    (FOR UPDATE SKIP LOCKED, so parallel workers never share one), creates at most one
//    delivery per recipient (unique bulkRecipientId) and sends it. A worker that dies leaves
//    claimed rows behind; the next run recovers them from the delivery rows (see recover()).
import { z } from "zod";
import { TEMPLATES } from "@/emails/catalog";
import type { ChannelKey } from "@/emails/kit";
import { smsSender } from "@/server/adapters/compose";
import type { TenantSmsSettings } from "@/server/adapters/sms";
import { invalid, notFound } from "@/server/errors";
import type { BulkJobStatus, NotificationChannel } from "@/server/generated/prisma/enums";
import { enqueueJob } from "@/server/jobs";
import { listInput, orderBy, pageArgs } from "@/server/list";
import { recordAudit } from "@/server/modules/audit";
import { loadTenant } from "@/server/modules/tenancy";
import type { ServiceContext } from "@/server/service-context";
import { tenantSql } from "@/server/sql";
import { type ChannelDeps, sendDeliveries } from "./channels";
import { type SubscriberFilter, subscriberDirectory } from "./directory";
import { channelRate, type Rate, systemClock, takeTokens } from "./rate-limit";
import { findSubscriberIds, loadRecipients } from "./recipients";
import { parseTemplateData, planChannels, preferenceMap, recoverStaleDeliveries } from "./service";

export const BULK_EVENT = "notifications/bulk.scheduled";

export const bulkFilterSchema = z.object({
  statuses: z
    .array(z.enum(["PENDING", "PROVISIONING", "PROVISIONING_FAILED", "ACTIVE", "SUSPENDED", "TERMINATED"]))
    .optional(),
  planIds: z.array(z.uuid()).optional(),
  search: z.string().trim().max(100).optional(),
  postcode: z.string().trim().max(20).optional(),
  /** Subscribers behind these OLTs or PON ports (from the network topology). */
  oltIds: z.array(z.uuid()).max(100).optional(),
  ponPortIds: z.array(z.uuid()).max(500).optional(),
});
export type BulkFilter = z.infer<typeof bulkFilterSchema>;

export const createBulkInput = z
  .object({
    name: z.string().trim().max(120).optional(),
    template: z.string(),
    data: z.record(z.string(), z.unknown()).default({}),
    channels: z.array(z.enum(["EMAIL", "SMS", "PUSH", "INBOX"])).min(1),
    subscriberIds: z.array(z.uuid()).max(200_000).optional(),
    filter: bulkFilterSchema.optional(),
    scheduleAt: z.coerce.date().optional(),
  })
  .refine((v) => (v.subscriberIds?.length ?? 0) > 0 || v.filter, {
    message: "Give subscriber ids or a filter",
    path: ["subscriberIds"],
  });
export type CreateBulkInput = z.input<typeof createBulkInput>;

export type BulkDeps = ChannelDeps & {
  rates?: Partial<Record<NotificationChannel, Rate>>;
  /** Largest number of messages per channel in one batch. */
  batchSize?: number;
  /** A claim older than this belongs to a worker that died. */
  staleAfterMs?: number;
};

export async function createBulkJob(svc: ServiceContext, raw: CreateBulkInput, deps: BulkDeps = {}) {
  const input = createBulkInput.parse(raw);
  if (!(input.template in TEMPLATES)) throw invalid(`There is no notification template "${input.template}"`);
  const data = parseTemplateData(input.template, input.data);
  const scheduleAt = input.scheduleAt ?? new Date();
  if (input.subscriberIds?.length) {
    const found = (await subscriberDirectory().contacts(svc, [...new Set(input.subscriberIds)])).length;
    if (found !== new Set(input.subscriberIds).size)
      throw invalid(`${new Set(input.subscriberIds).size - found} of the subscriber ids were not found in this tenant`);
  }
  const template = TEMPLATES[input.template as keyof typeof TEMPLATES];
  return svc.db.$transaction(async (tx) => {
    const job = await tx.bulkNotificationJob.create({
      data: {
        tenantId: svc.tenantId,
        name: input.name || `${template.name} — ${scheduleAt.toISOString().slice(0, 16).replace("T", " ")}`,
        template: input.template,
        data: data as object,
        channels: [...new Set(input.channels)],
        subscriberIds: input.subscriberIds ?? [],
        filter: input.filter ?? undefined,
        scheduleAt,
        createdById: svc.actor.userId,
      },
    });
    await recordAudit(tx, {
      tenantId: svc.tenantId,
      actor: svc.actor,
      action: "notification.bulk.create",
      targetType: "BulkNotificationJob",
      targetId: job.id,
      after: {
        name: job.name,
        template: job.template,
        channels: job.channels,
        scheduleAt,
        filter: input.filter,
        count: input.subscriberIds?.length,
      },
    });
    // The run starts at the scheduled time, and exists if and only if the job does.
    await enqueueJob(
      tx,
      BULK_EVENT,
      { tenantId: svc.tenantId, jobId: job.id },
      { id: `notifications-bulk-${job.id}`, at: scheduleAt },
    );
    return job;
  });
}

async function jobOrThrow(svc: ServiceContext, jobId: string) {
  const job = await svc.db.bulkNotificationJob.findFirst({ where: { id: jobId } });
  if (!job) throw notFound("Bulk notification");
  return job;
}

/** Resolves the recipients once; later calls change nothing. */
export async function materializeBulkJob(svc: ServiceContext, jobId: string, deps: BulkDeps = {}) {
  const job = await jobOrThrow(svc, jobId);
  if (job.materializedAt || job.status === "CANCELLED") return { total: job.total, created: false };
  const ids = job.subscriberIds.length
    ? job.subscriberIds
    : await findSubscriberIds(svc, (job.filter ?? {}) as SubscriberFilter);
  const template = TEMPLATES[job.template as keyof typeof TEMPLATES];
  const recipients = await loadRecipients(svc, ids);
  const prefs = await preferenceMap(svc, ids);
  const now = (deps.clock ?? systemClock).now();
  const rows: Array<{
    subscriberId: string;
    channel: NotificationChannel;
    status: "PENDING" | "SUPPRESSED";
    error: string | null;
  }> = [];
  for (const id of ids) {
    const r = recipients.get(id);
    if (!r) continue;
    // Opt-outs are checked again at send time (preferences may change until then).
    for (const p of planChannels(
      r,
      template.category,
      false,
      job.channels as ChannelKey[],
      prefs.get(id) ?? new Map(),
      now,
    ))
      rows.push({
        subscriberId: id,
        channel: p.channel,
        status: p.status === "SUPPRESSED" ? "SUPPRESSED" : "PENDING",
        error: p.error,
      });
  }
  return svc.db.$transaction(
    async (tx) => {
      // Whoever sets materializedAt first materialises; a concurrent call waits on the row lock and stops here.
      const claim = await tx.bulkNotificationJob.updateMany({
        where: { id: jobId, materializedAt: null },
        data: { materializedAt: now, status: "RUNNING", startedAt: now },
      });
      if (claim.count === 0) return { total: job.total, created: false };
      for (let i = 0; i < rows.length; i += 2000) {
        await tx.bulkNotificationRecipient.createMany({
          data: rows.slice(i, i + 2000).map((r) => ({
            tenantId: svc.tenantId,
            jobId,
            subscriberId: r.subscriberId,
            channel: r.channel,
            status: r.status,
            error: r.error,
            doneAt: r.status === "SUPPRESSED" ? now : null,
          })),
          skipDuplicates: true,
        });
      }
      const suppressed = rows.filter((r) => r.status === "SUPPRESSED").length;
      await tx.bulkNotificationJob.update({ where: { id: jobId }, data: { total: rows.length, suppressed } });
      return { total: rows.length, created: true };
    },
    { timeout: 60_000 },
  );
}

type Claimed = { id: string; subscriberId: string; channel: NotificationChannel };

/** Claimed recipients of a dead worker: back to PENDING if nothing was created for them, else finish their delivery. */
async function recover(svc: ServiceContext, jobId: string, deps: BulkDeps, sms: { idempotent: boolean } | undefined) {
  const now = (deps.clock ?? systemClock).now();
  const staleAfterMs = deps.staleAfterMs ?? 5 * 60_000;
  const cutoff = new Date(now.getTime() - staleAfterMs);
  const stale = await tenantSql(svc.db, svc.tenantId).query<Array<{ id: string; deliveryId: string | null }>>`
    SELECT r.id, d.id AS "deliveryId" FROM "BulkNotificationRecipient" r
    LEFT JOIN "NotificationDelivery" d ON d."bulkRecipientId" = r.id
    WHERE r."jobId" = ${jobId}::uuid AND r."tenantId" = ${svc.tenantId}::uuid
      AND r.status = 'CLAIMED' AND r."claimedAt" < ${cutoff}
      AND (d.id IS NULL OR (d.status = 'QUEUED' AND d."notBefore" IS NULL))`;
  if (stale.length === 0) return [];
  const orphans = stale.filter((s) => !s.deliveryId).map((s) => s.id);
  if (orphans.length)
    await svc.db.bulkNotificationRecipient.updateMany({
      where: { id: { in: orphans }, status: "CLAIMED" },
      data: { status: "PENDING", claimedAt: null },
    });
  await recoverStaleDeliveries(svc, {
    clock: deps.clock,
    staleAfterMs,
    idempotentChannels: sms?.idempotent ? ["SMS"] : [],
  });
  // Deliveries now unclaimed and still queued are sent again (same delivery, same idempotency key).
  const again = await svc.db.notificationDelivery.findMany({
    where: {
      id: { in: stale.map((s) => s.deliveryId).filter((x): x is string => Boolean(x)) },
      status: "QUEUED",
      claimedAt: null,
    },
    select: { id: true },
  });
  return again.map((d) => d.id);
}

export type BatchResult = { done: boolean; processed: number; waitMs: number; status: BulkJobStatus };

/** One round: for each channel, as many messages as its bucket allows (at most batchSize). */
export async function runBulkBatch(svc: ServiceContext, jobId: string, deps: BulkDeps = {}): Promise<BatchResult> {
  const clock = deps.clock ?? systemClock;
  let job = await jobOrThrow(svc, jobId);
  if (job.status === "CANCELLED" || job.status === "COMPLETED" || job.status === "FAILED")
    return { done: true, processed: 0, waitMs: 0, status: job.status };
  if (!job.materializedAt) {
    await materializeBulkJob(svc, jobId, deps);
    job = await jobOrThrow(svc, jobId);
  }
  const template = TEMPLATES[job.template as keyof typeof TEMPLATES];
  const tenant = await loadTenant(svc.db, svc.tenantId);
  const resend = await recover(svc, jobId, deps, deps.sms ?? smsSender(tenant?.settings as TenantSmsSettings));

  let processed = 0;
  let waitMs = Number.POSITIVE_INFINITY;
  // Deliveries of a dead worker go first, within the same rate limit.
  if (resend.length) {
    const rows = await svc.db.notificationDelivery.findMany({
      where: { id: { in: resend } },
      select: { id: true, channel: true },
    });
    for (const channel of new Set(rows.map((r) => r.channel))) {
      const ids = rows.filter((r) => r.channel === channel).map((r) => r.id);
      const rate = deps.rates?.[channel] ?? channelRate(channel);
      const tokens = await takeTokens(
        svc.tenantId,
        channel,
        Math.min(ids.length, deps.batchSize ?? rate.burst),
        rate,
        clock,
      );
      if (tokens.granted === 0) waitMs = Math.min(waitMs, tokens.waitMs);
      await sendDeliveries(svc, ids.slice(0, tokens.granted), deps, { concurrency: 16 });
      processed += tokens.granted;
    }
  }
  for (const channel of job.channels) {
    const pending = await svc.db.bulkNotificationRecipient.count({ where: { jobId, channel, status: "PENDING" } });
    if (pending === 0) continue;
    const rate = deps.rates?.[channel] ?? channelRate(channel);
    const wanted = Math.min(pending, deps.batchSize ?? rate.burst);
    const tokens = await takeTokens(svc.tenantId, channel, wanted, rate, clock);
    if (tokens.granted === 0) {
      waitMs = Math.min(waitMs, tokens.waitMs);
      continue;
    }
    const now = clock.now();
    const claimed = await tenantSql(svc.db, svc.tenantId).query<Claimed[]>`
      UPDATE "BulkNotificationRecipient" SET status = 'CLAIMED', "claimedAt" = ${now}
      WHERE id IN (
        SELECT id FROM "BulkNotificationRecipient"
        WHERE "jobId" = ${jobId}::uuid AND "tenantId" = ${svc.tenantId}::uuid
          AND channel = ${channel}::"NotificationChannel" AND status = 'PENDING'
        ORDER BY id LIMIT ${tokens.granted} FOR UPDATE SKIP LOCKED)
      RETURNING id, "subscriberId", channel`;
    if (claimed.length === 0) continue;
    const subIds = claimed.map((c) => c.subscriberId);
    const recipients = await loadRecipients(svc, subIds);
    const prefs = await preferenceMap(svc, subIds);
    const deliveryIds = await svc.db.$transaction(
      async (tx) => {
        await tx.notification.createMany({
          data: subIds.map((s) => ({
            tenantId: svc.tenantId,
            subscriberId: s,
            template: job.template,
            category: template.category,
            data: job.data as object,
            bulkJobId: jobId,
            dedupeKey: `bulk:${jobId}:${s}`,
            createdById: job.createdById,
          })),
          skipDuplicates: true,
        });
        const notes = await tx.notification.findMany({
          where: { dedupeKey: { in: subIds.map((s) => `bulk:${jobId}:${s}`) } },
          select: { id: true, subscriberId: true },
        });
        const noteOf = new Map(notes.map((n) => [n.subscriberId, n.id]));
        const rows = claimed.map((c) => {
          const r = recipients.get(c.subscriberId);
          const plan = r
            ? planChannels(
                r,
                template.category,
                false,
                [c.channel as ChannelKey],
                prefs.get(c.subscriberId) ?? new Map(),
                now,
              )[0]
            : {
                status: "SUPPRESSED" as const,
                recipient: "-",
                notBefore: null,
                error: "the subscriber no longer exists",
              };
          return {
            tenantId: svc.tenantId,
            notificationId: noteOf.get(c.subscriberId)!,
            subscriberId: c.subscriberId,
            channel: c.channel,
            template: job.template,
            recipient: plan.recipient,
            status: plan.status,
            notBefore: plan.notBefore,
            error: plan.error,
            bulkRecipientId: c.id,
          };
        });
        await tx.notificationDelivery.createMany({ data: rows, skipDuplicates: true });
        const suppressed = rows.filter((r) => r.status === "SUPPRESSED");
        for (const s of suppressed)
          await tx.bulkNotificationRecipient.update({
            where: { id: s.bulkRecipientId },
            data: { status: "SUPPRESSED", error: s.error, doneAt: now },
          });
        const created = await tx.notificationDelivery.findMany({
          where: {
            bulkRecipientId: { in: claimed.map((c) => c.id) },
            status: "QUEUED",
            notBefore: null,
            claimedAt: null,
          },
          select: { id: true },
        });
        return created.map((d) => d.id);
      },
      { timeout: 60_000 },
    );
    await sendDeliveries(svc, deliveryIds, deps, { concurrency: 16 });
    processed += claimed.length;
  }
  const status = await refreshProgress(svc, jobId, clock.now());
  const done = status !== "RUNNING";
  return { done, processed, waitMs: done || processed > 0 || waitMs === Number.POSITIVE_INFINITY ? 0 : waitMs, status };
}

/** Recounts the job's recipients; completes the job when none is pending or in flight. */
async function refreshProgress(svc: ServiceContext, jobId: string, now: Date): Promise<BulkJobStatus> {
  const counts = await svc.db.bulkNotificationRecipient.groupBy({ by: ["status"], where: { jobId }, _count: true });
  const n = (s: string) => counts.find((c) => c.status === s)?._count ?? 0;
  const open = n("PENDING") + n("CLAIMED");
  const job = await svc.db.bulkNotificationJob.update({
    where: { id: jobId },
    data: {
      sent: n("SENT"),
      failed: n("FAILED"),
      suppressed: n("SUPPRESSED"),
      ...(open === 0 ? { status: "COMPLETED", finishedAt: now } : {}),
    },
  });
  return job.status;
}

/**
 * Runs batches for up to `budgetMs` (one Inngest step), waiting between them as the rate
 * limit asks. Returns whether the job is done.
 */
export async function runBulkFor(
  svc: ServiceContext,
  jobId: string,
  deps: BulkDeps & { budgetMs?: number; sleep?: (ms: number) => Promise<void> } = {},
) {
  const clock = deps.clock ?? systemClock;
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const deadline = clock.now().getTime() + (deps.budgetMs ?? 30_000);
  let processed = 0;
  for (;;) {
    const r = await runBulkBatch(svc, jobId, deps);
    processed += r.processed;
    if (r.done) return { done: true, processed, status: r.status };
    if (clock.now().getTime() >= deadline) return { done: false, processed, status: r.status };
    // Nothing sendable (e.g. deliveries waiting for quiet hours): let the next step look again.
    if (r.processed === 0 && r.waitMs === 0) return { done: false, processed, status: r.status };
    if (r.waitMs > 0) await sleep(r.waitMs);
  }
}

export async function cancelBulkJob(svc: ServiceContext, jobId: string) {
  const job = await jobOrThrow(svc, jobId);
  if (job.status === "COMPLETED" || job.status === "CANCELLED") return job;
  return svc.db.$transaction(async (tx) => {
    const updated = await tx.bulkNotificationJob.update({
      where: { id: jobId },
      data: { status: "CANCELLED", finishedAt: new Date() },
    });
    await tx.bulkNotificationRecipient.updateMany({
      where: { jobId, status: "PENDING" },
      data: { status: "SUPPRESSED", error: "the bulk send was cancelled" },
    });
    await recordAudit(tx, {
      tenantId: svc.tenantId,
      actor: svc.actor,
      action: "notification.bulk.cancel",
      targetType: "BulkNotificationJob",
      targetId: jobId,
      before: { status: job.status },
      after: { status: "CANCELLED" },
    });
    return updated;
  });
}

export async function getBulkJob(svc: ServiceContext, jobId: string) {
  const job = await jobOrThrow(svc, jobId);
  const byChannel = await svc.db.bulkNotificationRecipient.groupBy({
    by: ["channel", "status"],
    where: { jobId },
    _count: true,
  });
  return {
    ...job,
    progress: job.total ? Math.round(((job.sent + job.failed + job.suppressed) / job.total) * 100) : 0,
    byChannel: byChannel.map((c) => ({ channel: c.channel, status: c.status, count: c._count })),
  };
}

export const bulkListInput = listInput;
const BULK_STATUSES = ["SCHEDULED", "RUNNING", "COMPLETED", "CANCELLED", "FAILED"] as const;

export async function listBulkJobs(svc: ServiceContext, input: z.infer<typeof listInput>) {
  const status = BULK_STATUSES.find((s) => s === input.filters?.status);
  const where = {
    ...(input.search ? { name: { contains: input.search, mode: "insensitive" as const } } : {}),
    ...(status ? { status } : {}),
  };
  const [rows, total] = await Promise.all([
    svc.db.bulkNotificationJob.findMany({
      where,
      orderBy: orderBy(input, ["createdAt", "scheduleAt", "name", "status"] as const, { createdAt: "desc" }),
      ...pageArgs(input),
    }),
    svc.db.bulkNotificationJob.count({ where }),
  ]);
  return { rows, total };
}

export const bulkPreviewInput = z
  .object({
    template: z.string(),
    channels: z.array(z.enum(["EMAIL", "SMS", "PUSH", "INBOX"])).min(1),
    subscriberIds: z.array(z.uuid()).max(200_000).optional(),
    filter: bulkFilterSchema.optional(),
  })
  .refine((v) => (v.subscriberIds?.length ?? 0) > 0 || v.filter, {
    message: "Give subscriber ids or a filter",
    path: ["subscriberIds"],
  });

/**
 * Who a bulk send would reach now: the matching subscribers and, per channel, how many
 * messages would go out and how many are suppressed (opted out, no address).
 */
export async function previewBulkRecipients(svc: ServiceContext, input: z.infer<typeof bulkPreviewInput>) {
  const template = (TEMPLATES as Record<string, (typeof TEMPLATES)[keyof typeof TEMPLATES]>)[input.template];
  if (!template) throw invalid(`There is no notification template "${input.template}"`);
  const ids = input.subscriberIds?.length
    ? [...new Set(input.subscriberIds)]
    : await findSubscriberIds(svc, (input.filter ?? {}) as SubscriberFilter);
  const recipients = await loadRecipients(svc, ids);
  if (input.subscriberIds?.length && recipients.size !== ids.length)
    throw invalid(`${ids.length - recipients.size} of the subscriber ids were not found in this tenant`);
  const prefs = await preferenceMap(svc, ids);
  const channels = [...new Set(input.channels)] as ChannelKey[];
  const counts = new Map(channels.map((c) => [c, { channel: c, send: 0, suppressed: 0 }]));
  const now = new Date();
  for (const r of recipients.values())
    for (const p of planChannels(r, template.category, false, channels, prefs.get(r.subscriberId) ?? new Map(), now))
      counts.get(p.channel)![p.status === "SUPPRESSED" ? "suppressed" : "send"]++;
  return { subscribers: recipients.size, category: template.category, channels: [...counts.values()] };
}
