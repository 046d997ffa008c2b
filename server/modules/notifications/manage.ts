// What the pages and the API do besides notify(): the delivery log, template previews and
// tenant overrides, preferences and quiet hours, the inboxes, push subscriptions, and sending
// one notification by hand.
import { z } from "zod";
import { TEMPLATE_KEYS, TEMPLATES, type TemplateKey } from "@/emails/catalog";
import type { ChannelKey, NotificationCategoryKey } from "@/emails/kit";
import { emailBrand } from "@/emails/layout";
import { renderEmailHtml, renderNotification } from "@/emails/render";
import { pushSender } from "@/server/adapters/push";
import { invalid, notFound } from "@/server/errors";
import type { Prisma } from "@/server/generated/prisma/client";
import type { DeliveryStatus, NotificationChannel } from "@/server/generated/prisma/enums";
import { withIdempotency } from "@/server/idempotency";
import { type ListInput, listInput, orderBy, pageArgs } from "@/server/list";
import { recordAudit } from "@/server/modules/audit";
import { assertAllowedUrl, OutboundRefused } from "@/server/outbound-http";
import type { ServiceContext } from "@/server/service-context";
import { appUrl, type ChannelDeps } from "./channels";
import { subscriberDirectory } from "./directory";
import { subscriberIdsOfCustomer, tenantOf } from "./recipients";
import { CATEGORIES, CATEGORY_LABELS, CHANNELS, defaultEnabled, formatClock, isLocked, parseClock } from "./rules";
import { notify } from "./service";

// ---------- delivery log ----------

export const deliveryListInput = listInput.extend({
  subscriberId: z.uuid().optional(),
  status: z.enum(["QUEUED", "SENT", "DELIVERED", "BOUNCED", "FAILED", "SUPPRESSED"]).optional(),
  channel: z.enum(["EMAIL", "SMS", "PUSH", "INBOX"]).optional(),
  template: z.string().max(64).optional(),
  bulkJobId: z.uuid().optional(),
});

export async function listDeliveries(svc: ServiceContext, input: z.infer<typeof deliveryListInput>) {
  const where: Prisma.NotificationDeliveryWhereInput = {};
  if (input.subscriberId) where.subscriberId = input.subscriberId;
  if (input.status) where.status = input.status as DeliveryStatus;
  if (input.channel) where.channel = input.channel as NotificationChannel;
  if (input.template) where.template = input.template;
  if (input.bulkJobId) where.notification = { bulkJobId: input.bulkJobId };
  if (input.search) {
    where.OR = [
      { recipient: { contains: input.search, mode: "insensitive" } },
      { subject: { contains: input.search, mode: "insensitive" } },
      { providerId: input.search },
    ];
  }
  const [rows, total] = await Promise.all([
    svc.db.notificationDelivery.findMany({
      where,
      orderBy: orderBy(input, ["createdAt", "status", "channel", "template"] as const, { createdAt: "desc" }),
      ...pageArgs(input),
    }),
    svc.db.notificationDelivery.count({ where }),
  ]);
  return { rows, total };
}

// ---------- templates ----------

export async function listTemplates(svc: ServiceContext) {
  const overrides = await svc.db.notificationTemplateOverride.findMany();
  return TEMPLATE_KEYS.map((key) => {
    const t = TEMPLATES[key];
    const o = overrides.find((x) => x.template === key);
    return {
      key,
      name: t.name,
      category: t.category,
      urgent: Boolean((t as { urgent?: boolean }).urgent),
      defaultChannels: t.defaultChannels,
      sample: t.sample as Record<string, unknown>,
      override: o ? { subject: o.subject, text: o.text, updatedAt: o.updatedAt } : null,
    };
  });
}

export const previewInput = z.object({
  template: z.string(),
  data: z.record(z.string(), z.unknown()).optional(),
  /** Proposed wording (not saved); without it the saved override is used. */
  subject: z.string().max(300).nullish(),
  text: z.string().max(2000).nullish(),
});

export async function previewTemplate(svc: ServiceContext, input: z.infer<typeof previewInput>) {
  const t = (TEMPLATES as Record<string, (typeof TEMPLATES)[TemplateKey]>)[input.template];
  if (!t) throw invalid(`There is no notification template "${input.template}"`);
  const { tenant } = await tenantOf(svc);
  const saved = await svc.db.notificationTemplateOverride.findFirst({ where: { template: input.template } });
  const override =
    input.subject !== undefined || input.text !== undefined
      ? { subject: input.subject ?? null, text: input.text ?? null }
      : saved;
  const parsed = t.schema.safeParse(input.data ?? t.sample);
  if (!parsed.success)
    throw invalid(`The sample data is not valid: ${parsed.error.issues.map((i) => i.message).join("; ")}`);
  const r = renderNotification(
    t,
    parsed.data,
    { brand: emailBrand(tenant), timeZone: tenant.timezone, appUrl: appUrl(), recipientName: "Ana Silva" },
    override,
  );
  const { html, text } = await renderEmailHtml(r.email);
  return { subject: r.subject, text: r.text, sms: r.sms, push: r.push, inbox: r.inbox, html, plainText: text };
}

export const overrideInput = z.object({
  template: z.string(),
  subject: z.string().trim().max(300).nullish(),
  text: z.string().trim().max(2000).nullish(),
});

export async function setTemplateOverride(svc: ServiceContext, input: z.infer<typeof overrideInput>) {
  if (!(input.template in TEMPLATES)) throw invalid(`There is no notification template "${input.template}"`);
  const subject = input.subject || null;
  const text = input.text || null;
  return svc.db.$transaction(async (tx) => {
    const before = await tx.notificationTemplateOverride.findFirst({ where: { template: input.template } });
    let after = null;
    if (!subject && !text) {
      if (before) await tx.notificationTemplateOverride.delete({ where: { id: before.id } });
    } else {
      after = await tx.notificationTemplateOverride.upsert({
        where: { tenantId_template: { tenantId: svc.tenantId, template: input.template } },
        create: { tenantId: svc.tenantId, template: input.template, subject, text, updatedById: svc.actor.userId },
        update: { subject, text, updatedById: svc.actor.userId },
      });
    }
    await recordAudit(tx, {
      tenantId: svc.tenantId,
      actor: svc.actor,
      action: "notification.template.override",
      targetType: "NotificationTemplate",
      targetId: input.template,
      before: before ? { subject: before.subject, text: before.text } : null,
      after: after ? { subject: after.subject, text: after.text } : null,
    });
    return after;
  });
}

// ---------- sending one by hand (tRPC, REST) ----------

export const sendInput = z.object({
  subscriberId: z.uuid(),
  template: z.string(),
  data: z.record(z.string(), z.unknown()).default({}),
  channels: z.array(z.enum(["EMAIL", "SMS", "PUSH", "INBOX"])).optional(),
  idempotencyKey: z.string().max(200).optional(),
});

export async function sendNotification(svc: ServiceContext, input: z.input<typeof sendInput>, deps: ChannelDeps = {}) {
  const parsed = sendInput.parse(input);
  return withIdempotency(svc, "notification.send", parsed.idempotencyKey, parsed, async () => {
    if (!(parsed.template in TEMPLATES)) throw invalid(`There is no notification template "${parsed.template}"`);
    const result = await notify(
      svc,
      {
        subscriberId: parsed.subscriberId,
        template: parsed.template as TemplateKey,
        data: parsed.data as never,
        channels: parsed.channels as ChannelKey[] | undefined,
      },
      deps,
    );
    await recordAudit(svc.db, {
      tenantId: svc.tenantId,
      actor: svc.actor,
      action: "notification.send",
      targetType: "Subscriber",
      targetId: parsed.subscriberId,
      after: { template: parsed.template, notificationId: result.notificationId, channels: parsed.channels },
    });
    return result;
  });
}

// ---------- preferences ----------

export type PreferenceRow = {
  category: NotificationCategoryKey;
  label: string;
  channels: Array<{ channel: ChannelKey; enabled: boolean; locked: boolean }>;
};

export async function getPreferences(svc: ServiceContext, subscriberId: string) {
  const [sub] = await subscriberDirectory().contacts(svc, [subscriberId]);
  if (!sub) throw notFound("Subscriber");
  const [rows, settings, { tenant, quietHours }] = await Promise.all([
    svc.db.notificationPreference.findMany({ where: { subscriberId } }),
    svc.db.notificationSettings.findFirst({ where: { subscriberId } }),
    tenantOf(svc),
  ]);
  const categories: PreferenceRow[] = CATEGORIES.map((category) => ({
    category,
    label: CATEGORY_LABELS[category],
    channels: CHANNELS.map((channel) => {
      const locked = isLocked(category, channel);
      const row = rows.find((r) => r.category === category && r.channel === channel);
      return { channel, enabled: locked || (row?.enabled ?? defaultEnabled(category)), locked };
    }),
  }));
  const own = settings?.quietHoursStart != null && settings.quietHoursEnd != null;
  return {
    subscriberId,
    username: sub.username,
    categories,
    quietHours: own
      ? { start: formatClock(settings!.quietHoursStart!), end: formatClock(settings!.quietHoursEnd!), custom: true }
      : quietHours
        ? { start: formatClock(quietHours.start), end: formatClock(quietHours.end), custom: false }
        : null,
    timezone: settings?.timezone ?? null,
    tenantTimezone: tenant.timezone,
  };
}

export const preferencesInput = z.object({
  subscriberId: z.uuid(),
  preferences: z
    .array(
      z.object({
        category: z.enum(["TRANSACTIONAL", "BILLING", "OUTAGES", "MAINTENANCE", "SUPPORT", "MARKETING"]),
        channel: z.enum(["EMAIL", "SMS", "PUSH", "INBOX"]),
        enabled: z.boolean(),
      }),
    )
    .max(64)
    .default([]),
  quietHours: z.object({ start: z.string(), end: z.string() }).nullish(),
  timezone: z.string().max(64).nullish(),
});

export async function setPreferences(svc: ServiceContext, input: z.input<typeof preferencesInput>) {
  const p = preferencesInput.parse(input);
  const [sub] = await subscriberDirectory().contacts(svc, [p.subscriberId]);
  if (!sub) throw notFound("Subscriber");
  let quiet: { start: number; end: number } | null | undefined;
  try {
    quiet =
      p.quietHours === undefined
        ? undefined
        : p.quietHours
          ? { start: parseClock(p.quietHours.start), end: parseClock(p.quietHours.end) }
          : null;
  } catch (error) {
    throw invalid(`Quiet hours: ${(error as Error).message}`);
  }
  if (p.timezone) {
    try {
      new Intl.DateTimeFormat("en", { timeZone: p.timezone });
    } catch {
      throw invalid(`"${p.timezone}" is not a timezone (use a name like Europe/Lisbon)`);
    }
  }
  const before = await getPreferences(svc, p.subscriberId);
  await svc.db.$transaction(async (tx) => {
    for (const pref of p.preferences) {
      if (isLocked(pref.category, pref.channel)) continue;
      await tx.notificationPreference.upsert({
        where: {
          tenantId_subscriberId_channel_category: {
            tenantId: svc.tenantId,
            subscriberId: p.subscriberId,
            channel: pref.channel,
            category: pref.category,
          },
        },
        create: {
          tenantId: svc.tenantId,
          subscriberId: p.subscriberId,
          channel: pref.channel,
          category: pref.category,
          enabled: pref.enabled,
        },
        update: { enabled: pref.enabled },
      });
    }
    if (quiet !== undefined || p.timezone !== undefined) {
      const data = {
        ...(quiet !== undefined ? { quietHoursStart: quiet?.start ?? null, quietHoursEnd: quiet?.end ?? null } : {}),
        ...(p.timezone !== undefined ? { timezone: p.timezone || null } : {}),
      };
      await tx.notificationSettings.upsert({
        where: { tenantId_subscriberId: { tenantId: svc.tenantId, subscriberId: p.subscriberId } },
        create: { tenantId: svc.tenantId, subscriberId: p.subscriberId, ...data },
        update: data,
      });
    }
    await recordAudit(tx, {
      tenantId: svc.tenantId,
      actor: svc.actor,
      action: "notification.preferences.update",
      targetType: "Subscriber",
      targetId: p.subscriberId,
      before: { quietHours: before.quietHours, timezone: before.timezone },
      after: { preferences: p.preferences, quietHours: p.quietHours, timezone: p.timezone },
    });
  });
  return getPreferences(svc, p.subscriberId);
}

// ---------- inboxes ----------

export type InboxOwner = { subscriberIds: string[] } | { userId: string };

/** The portal user's inbox covers every service of their customer. */
export async function portalOwner(svc: ServiceContext, customerId: string | null): Promise<InboxOwner> {
  if (!customerId) throw invalid("This account is not linked to a customer");
  return { subscriberIds: await subscriberIdsOfCustomer(svc, customerId) };
}

function ownerWhere(owner: InboxOwner): Prisma.InboxItemWhereInput {
  return "userId" in owner ? { userId: owner.userId } : { subscriberId: { in: owner.subscriberIds } };
}

export const inboxListInput = listInput.extend({ unread: z.boolean().optional() });

export async function listInbox(svc: ServiceContext, owner: InboxOwner, input: z.infer<typeof inboxListInput>) {
  const where: Prisma.InboxItemWhereInput = { ...ownerWhere(owner), archivedAt: null };
  if (input.unread) where.readAt = null;
  if (input.search)
    where.OR = [
      { title: { contains: input.search, mode: "insensitive" } },
      { body: { contains: input.search, mode: "insensitive" } },
    ];
  const [rows, total, unread] = await Promise.all([
    svc.db.inboxItem.findMany({ where, orderBy: { createdAt: "desc" }, ...pageArgs(input as ListInput) }),
    svc.db.inboxItem.count({ where }),
    svc.db.inboxItem.count({ where: { ...ownerWhere(owner), archivedAt: null, readAt: null } }),
  ]);
  return { rows, total, unread };
}

export async function markInboxRead(svc: ServiceContext, owner: InboxOwner, ids: string[] | "all") {
  const where: Prisma.InboxItemWhereInput = { ...ownerWhere(owner), readAt: null };
  if (ids !== "all") where.id = { in: ids };
  const r = await svc.db.inboxItem.updateMany({ where, data: { readAt: new Date() } });
  return { updated: r.count };
}

export async function archiveInboxItem(svc: ServiceContext, owner: InboxOwner, id: string) {
  const r = await svc.db.inboxItem.updateMany({
    where: { ...ownerWhere(owner), id },
    data: { archivedAt: new Date() },
  });
  if (r.count === 0) throw notFound("Message");
  return { archived: true };
}

// ---------- web push subscriptions ----------

export const pushSubscriptionInput = z.object({
  endpoint: z.url().max(1000),
  keys: z.object({ p256dh: z.string().min(20).max(200), auth: z.string().min(8).max(100) }),
  userAgent: z.string().max(300).optional(),
});

export function vapidPublicKey() {
  return { publicKey: pushSender()?.publicKey ?? null };
}

export async function registerPushSubscription(
  svc: ServiceContext,
  who: { userId: string; customerId: string | null },
  input: z.infer<typeof pushSubscriptionInput>,
) {
  if (!input.endpoint.startsWith("https://")) throw invalid("A push endpoint must be an https:// URL");
  try {
    assertAllowedUrl(new URL(input.endpoint));
  } catch (error) {
    if (error instanceof OutboundRefused) throw invalid(error.message, { field: "endpoint" });
    throw error;
  }
  const existing = await svc.db.pushSubscription.findFirst({ where: { endpoint: input.endpoint } });
  const data = {
    userId: who.userId,
    customerId: who.customerId,
    p256dh: input.keys.p256dh,
    auth: input.keys.auth,
    userAgent: input.userAgent ?? null,
    expiredAt: null,
  };
  if (existing) return svc.db.pushSubscription.update({ where: { id: existing.id }, data });
  return svc.db.pushSubscription.create({ data: { tenantId: svc.tenantId, endpoint: input.endpoint, ...data } });
}

export async function removePushSubscription(svc: ServiceContext, userId: string, endpoint: string) {
  const r = await svc.db.pushSubscription.deleteMany({ where: { endpoint, userId } });
  return { removed: r.count };
}
