// Notifications: the one call other modules use — notify(svc, { subscriberId, template, data,
// channels? }) — and what the delivery log, preferences, overrides and inboxes need.
//
//   await notify(svc, { subscriberId, template: "plan_changed", data: { oldPlan, newPlan, … } });
//
// notify() validates the template's typed data, decides per channel (the subscriber's
// preferences per category, missing addresses, quiet hours for non-urgent SMS/push), records
// one Notification with a delivery row per channel, and sends what is due now. Provider
// failures are recorded on the delivery, never thrown. A `dedupeKey` makes it idempotent.
import type { z } from "zod";
import { TEMPLATES, type TemplateKey } from "@/emails/catalog";
import type { ChannelKey, NotificationCategoryKey } from "@/emails/kit";
import { db } from "@/server/db";
import { invalid, isUniqueViolation, notFound } from "@/server/errors";
import type { DeliveryStatus, NotificationChannel } from "@/server/generated/prisma/enums";
import { staffUserIds } from "@/server/modules/identity";
import type { ServiceContext } from "@/server/service-context";
import { type ChannelDeps, sendDeliveries } from "./channels";
import { systemClock } from "./rate-limit";
import { loadRecipients, type Recipient } from "./recipients";
import { CHANNELS, channelAllowed, quietHoursEnd } from "./rules";

export type TemplateData<K extends TemplateKey> = z.input<(typeof TEMPLATES)[K]["schema"]>;

export type NotifyInput<K extends TemplateKey = TemplateKey> = {
  subscriberId: string;
  template: K;
  data: TemplateData<K>;
  /** Channels to use; default: the template's default channels. */
  channels?: ChannelKey[];
  /** Same key twice → the first notification is returned, nothing is sent again. */
  dedupeKey?: string;
  /** Override the template's urgency (urgent ignores quiet hours). */
  urgent?: boolean;
  /** Reply-To of the email (e.g. a support ticket's threading address). */
  replyTo?: string;
};

export type DeliverySummary = {
  id: string;
  channel: ChannelKey;
  status: DeliveryStatus;
  recipient: string;
  notBefore: Date | null;
  error: string | null;
};

export type NotifyResult = { notificationId: string; deduplicated: boolean; deliveries: DeliverySummary[] };

function templateOrThrow(key: string) {
  const t = (TEMPLATES as Record<string, (typeof TEMPLATES)[TemplateKey]>)[key];
  if (!t) throw invalid(`There is no notification template "${key}"`, { template: key });
  return t;
}

export function parseTemplateData(key: string, data: unknown): Record<string, unknown> {
  const t = templateOrThrow(key);
  const parsed = t.schema.safeParse(data ?? {});
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join(".") || "data"}: ${i.message}`).join("; ");
    throw invalid(`The data for template "${key}" is not valid: ${issues}`, { issues: parsed.error.issues });
  }
  return parsed.data as Record<string, unknown>;
}

export type ChannelPlan = {
  channel: ChannelKey;
  status: "QUEUED" | "SUPPRESSED";
  recipient: string;
  notBefore: Date | null;
  error: string | null;
};

/** What each channel will do for one recipient: queue (now or after quiet hours) or suppress. */
export function planChannels(
  recipient: Recipient,
  category: NotificationCategoryKey,
  urgent: boolean,
  channels: ChannelKey[],
  prefs: Map<string, boolean>,
  now: Date,
): ChannelPlan[] {
  return [...new Set(channels)].map((channel) => {
    const address =
      channel === "EMAIL"
        ? recipient.email
        : channel === "SMS"
          ? recipient.phone
          : channel === "PUSH"
            ? `customer:${recipient.customerId}`
            : "portal inbox";
    if (!channelAllowed(category, channel, prefs.get(`${channel}:${category}`)))
      return {
        channel,
        status: "SUPPRESSED",
        recipient: address ?? "-",
        notBefore: null,
        error: `opted out of ${category.toLowerCase()} messages by ${channel.toLowerCase()}`,
      };
    if (!address)
      return {
        channel,
        status: "SUPPRESSED",
        recipient: "-",
        notBefore: null,
        error: channel === "EMAIL" ? "the customer has no email address" : "the customer has no phone number",
      };
    const delayed =
      !urgent && (channel === "SMS" || channel === "PUSH")
        ? quietHoursEnd(now, recipient.timeZone, recipient.quietHours)
        : null;
    return { channel, status: "QUEUED", recipient: address, notBefore: delayed, error: null };
  });
}

export async function preferenceMap(svc: ServiceContext, subscriberIds: string[]) {
  const rows = await svc.db.notificationPreference.findMany({ where: { subscriberId: { in: subscriberIds } } });
  const out = new Map<string, Map<string, boolean>>();
  for (const r of rows) {
    if (!out.has(r.subscriberId)) out.set(r.subscriberId, new Map());
    out.get(r.subscriberId)!.set(`${r.channel}:${r.category}`, r.enabled);
  }
  return out;
}

async function summary(svc: ServiceContext, notificationId: string, deduplicated: boolean): Promise<NotifyResult> {
  const deliveries = await svc.db.notificationDelivery.findMany({
    where: { notificationId },
    orderBy: { channel: "asc" },
  });
  return {
    notificationId,
    deduplicated,
    deliveries: deliveries.map((d) => ({
      id: d.id,
      channel: d.channel,
      status: d.status,
      recipient: d.recipient,
      notBefore: d.notBefore,
      error: d.error,
    })),
  };
}

export async function notify<K extends TemplateKey>(
  svc: ServiceContext,
  input: NotifyInput<K>,
  deps: ChannelDeps = {},
): Promise<NotifyResult> {
  const template = templateOrThrow(input.template);
  const data = parseTemplateData(input.template, input.data);
  if (input.dedupeKey) {
    const existing = await svc.db.notification.findFirst({ where: { dedupeKey: input.dedupeKey } });
    if (existing) return summary(svc, existing.id, true);
  }
  const recipient = (await loadRecipients(svc, [input.subscriberId])).get(input.subscriberId);
  if (!recipient) throw notFound("Subscriber");
  const prefs = (await preferenceMap(svc, [input.subscriberId])).get(input.subscriberId) ?? new Map();
  const urgent = input.urgent ?? template.urgent ?? false;
  const channels = input.channels?.length ? input.channels : template.defaultChannels;
  const now = (deps.clock ?? systemClock).now();
  const plans = planChannels(recipient, template.category, urgent, channels, prefs, now);

  let notificationId: string;
  try {
    notificationId = await svc.db.$transaction(async (tx) => {
      const n = await tx.notification.create({
        data: {
          tenantId: svc.tenantId,
          subscriberId: input.subscriberId,
          template: input.template,
          category: template.category,
          // The Reply-To rides along for the email channel (templates ignore unknown keys).
          data: (input.replyTo ? { ...data, __replyTo: input.replyTo } : data) as object,
          urgent,
          dedupeKey: input.dedupeKey ?? null,
          createdById: svc.actor.userId,
        },
      });
      await tx.notificationDelivery.createMany({
        data: plans.map((p) => ({
          tenantId: svc.tenantId,
          notificationId: n.id,
          subscriberId: input.subscriberId,
          channel: p.channel,
          template: input.template,
          recipient: p.recipient,
          status: p.status,
          notBefore: p.notBefore,
          error: p.error,
        })),
      });
      return n.id;
    });
  } catch (error) {
    // A concurrent call with the same dedupe key won.
    if (input.dedupeKey && isUniqueViolation(error)) {
      const existing = await svc.db.notification.findFirstOrThrow({ where: { dedupeKey: input.dedupeKey } });
      return summary(svc, existing.id, true);
    }
    throw error;
  }
  const due = await svc.db.notificationDelivery.findMany({
    where: { notificationId, status: "QUEUED", notBefore: null },
    select: { id: true },
  });
  await sendDeliveries(
    svc,
    due.map((d) => d.id),
    deps,
  );
  return summary(svc, notificationId, false);
}

/**
 * A notification to someone who is not (yet) a subscriber, e.g. a lead's quote or a NOC alert:
 * one email or one SMS, logged like any other.
 */
export async function notifyContact<K extends TemplateKey>(
  svc: ServiceContext,
  input: {
    /** An email address, or a phone number for an SMS (Twilio-compatible, E.164). */
    to: { email?: string; phone?: string; name: string };
    template: K;
    data: TemplateData<K>;
    dedupeKey?: string;
    replyTo?: string;
    /** Who the message comes from when not the tenant itself (a reseller selling under its own name). */
    sender?: { name: string; primaryColor: string | null };
    /** The customer it is about, whose white label (a reseller's) the message wears. */
    customerId?: string | null;
  },
  deps: ChannelDeps = {},
): Promise<NotifyResult> {
  const template = templateOrThrow(input.template);
  const data = parseTemplateData(input.template, input.data);
  const phone = input.to.phone?.replace(/[\s()-]/g, "") ?? "";
  if (!input.to.email && !/^\+[1-9]\d{6,14}$/.test(phone))
    throw invalid("Give an email address or a phone number in international format (+351912345678)");
  if (input.dedupeKey) {
    const existing = await svc.db.notification.findFirst({ where: { dedupeKey: input.dedupeKey } });
    if (existing) return summary(svc, existing.id, true);
  }
  const n = await svc.db.notification.create({
    data: {
      tenantId: svc.tenantId,
      template: input.template,
      category: template.category,
      // The recipient's name rides along for rendering (templates ignore unknown keys).
      data: {
        ...data,
        __name: input.to.name,
        ...(input.replyTo ? { __replyTo: input.replyTo } : {}),
        ...(input.sender ? { __sender: input.sender } : {}),
        ...(input.customerId ? { __customerId: input.customerId } : {}),
      },
      urgent: false,
      dedupeKey: input.dedupeKey ?? null,
      createdById: svc.actor.userId,
      deliveries: {
        create: {
          tenantId: svc.tenantId,
          channel: input.to.email ? "EMAIL" : "SMS",
          template: input.template,
          recipient: input.to.email ? input.to.email.trim().toLowerCase() : phone,
        },
      },
    },
    include: { deliveries: true },
  });
  await sendDeliveries(
    svc,
    n.deliveries.map((d) => d.id),
    deps,
  );
  return summary(svc, n.id, false);
}

/** Items in staff members' inboxes (NOC inbox), e.g. "work order assigned to you". */
export async function notifyStaff(
  svc: ServiceContext,
  input: {
    userIds: string[];
    title: string;
    body: string;
    url?: string;
    category?: NotificationCategoryKey;
  },
) {
  if (input.userIds.length === 0) return { count: 0 };
  const users = await staffUserIds(svc, input.userIds);
  const created = await svc.db.inboxItem.createMany({
    data: users.map((userId) => ({
      tenantId: svc.tenantId,
      userId,
      category: input.category ?? "TRANSACTIONAL",
      title: input.title,
      body: input.body,
      url: input.url ?? null,
    })),
  });
  return { count: created.count };
}

/**
 * Sends deliveries whose quiet hours are over, for every tenant (run every minute by the
 * notifications-dispatch function).
 */
/** Sends the deliveries whose quiet hours ended, with `contextOf` each tenant's context. */
export async function dispatchDueDeliveries(
  contextOf: (tenantId: string) => ServiceContext,
  deps: ChannelDeps = {},
  limit = 500,
) {
  const now = (deps.clock ?? systemClock).now();
  const due = await db().notificationDelivery.findMany({
    where: { status: "QUEUED", claimedAt: null, notBefore: { lte: now } },
    select: { id: true, tenantId: true },
    orderBy: { notBefore: "asc" },
    take: limit,
  });
  const byTenant = new Map<string, string[]>();
  for (const d of due) byTenant.set(d.tenantId, [...(byTenant.get(d.tenantId) ?? []), d.id]);
  let sent = 0;
  for (const [tenantId, ids] of byTenant) {
    sent += (await sendDeliveries(contextOf(tenantId), ids, deps)).size;
  }
  return { sent };
}

/**
 * Deliveries a worker claimed and never finished (it died mid-send). The in-portal inbox
 * writes its item and the outcome in one transaction, so an unfinished one was not delivered:
 * it is released. An SMS through an idempotent sender is released too (the retry carries the
 * same idempotency key). Anything else may or may not have gone out: it is marked FAILED
 * rather than risking a duplicate; an operator can resend it from the delivery log.
 */
export async function recoverStaleDeliveries(
  svc: ServiceContext,
  opts: { staleAfterMs?: number; idempotentChannels?: NotificationChannel[] } & ChannelDeps = {},
) {
  const now = (opts.clock ?? systemClock).now();
  const cutoff = new Date(now.getTime() - (opts.staleAfterMs ?? 5 * 60_000));
  const safe: NotificationChannel[] = ["INBOX", ...(opts.idempotentChannels ?? [])];
  const released = await svc.db.notificationDelivery.updateMany({
    where: { status: "QUEUED", claimedAt: { lt: cutoff }, channel: { in: safe } },
    data: { claimedAt: null },
  });
  const stale = await svc.db.notificationDelivery.findMany({
    where: { status: "QUEUED", claimedAt: { lt: cutoff }, channel: { notIn: safe } },
    select: { id: true, bulkRecipientId: true },
  });
  const error = "interrupted while sending: it may or may not have gone out, so it was not sent again";
  for (const d of stale) {
    await svc.db.$transaction(async (tx) => {
      await tx.notificationDelivery.update({ where: { id: d.id }, data: { status: "FAILED", error, claimedAt: null } });
      if (d.bulkRecipientId)
        await tx.bulkNotificationRecipient.update({
          where: { id: d.bulkRecipientId },
          data: { status: "FAILED", error, doneAt: now },
        });
    });
  }
  return { released: released.count, failed: stale.length };
}

export { CHANNELS };
