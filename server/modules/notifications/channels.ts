// Sending queued deliveries through their channel: email (the email adapter: outbox + resend),
// SMS (Twilio-compatible or simulated), web push (VAPID) and the in-portal inbox. A delivery is
// claimed before it is sent (claimedAt), so two workers never send the same one; the outcome
// (provider id, status, error) is written back. Provider failures never throw.
import type { ReactElement } from "react";
import { findTemplate } from "@/emails/catalog";
import type { ChannelKey, TemplateContext } from "@/emails/kit";
import { emailBrand } from "@/emails/layout";
import { type RenderedNotification, renderNotification } from "@/emails/render";
import { smsSender } from "@/server/adapters/compose";
import { type EmailSender, sendEmail } from "@/server/adapters/email";
import { type PushSender, pushSender } from "@/server/adapters/push";
import type { SmsSender, TenantSmsSettings } from "@/server/adapters/sms";
import { notFound } from "@/server/errors";
import type { DeliveryStatus } from "@/server/generated/prisma/enums";
import { loadTenant } from "@/server/modules/tenancy";
import type { ServiceContext } from "@/server/service-context";
import { tenantSql } from "@/server/sql";
import { wearing, whiteLabelsFor } from "@/server/white-label";
import { type Clock, systemClock } from "./rate-limit";
import { loadRecipients, type Recipient } from "./recipients";

export type EmailSend = (input: {
  tenant: EmailSender;
  to: string;
  subject: string;
  template: string;
  react: ReactElement;
  replyTo?: string;
}) => Promise<{ id: string; status: string; provider: string; providerId: string | null; error: string | null }>;

/** The edges a delivery goes through; tests swap them, production uses the defaults. */
export type ChannelDeps = {
  email?: EmailSend;
  sms?: SmsSender;
  push?: PushSender | null;
  clock?: Clock;
};

export function appUrl() {
  return process.env.APP_URL || "http://localhost:3000";
}

type Outcome = {
  status: DeliveryStatus;
  provider?: string | null;
  providerId?: string | null;
  error?: string | null;
  subject?: string | null;
  body?: string | null;
};

type DeliveryRow = {
  id: string;
  notificationId: string;
  subscriberId: string | null;
  channel: ChannelKey;
  recipient: string;
  bulkRecipientId: string | null;
};

/** Claims and sends deliveries (already QUEUED and due). Returns the final status of each. */
export async function sendDeliveries(
  svc: ServiceContext,
  deliveryIds: string[],
  deps: ChannelDeps = {},
  opts: { concurrency?: number } = {},
): Promise<Map<string, DeliveryStatus>> {
  const clock = deps.clock ?? systemClock;
  const result = new Map<string, DeliveryStatus>();
  if (deliveryIds.length === 0) return result;
  const now = clock.now();
  // Claim: only QUEUED, unclaimed rows; another worker's claim makes us skip them.
  const claimed = await tenantSql(svc.db, svc.tenantId).query<DeliveryRow[]>`
    UPDATE "NotificationDelivery" SET "claimedAt" = ${now}, attempts = attempts + 1, "updatedAt" = ${now}
    WHERE id = ANY(${deliveryIds}::uuid[]) AND "tenantId" = ${svc.tenantId}::uuid
      AND status = 'QUEUED' AND "claimedAt" IS NULL
    RETURNING id, "notificationId", "subscriberId", channel::text AS channel, recipient, "bulkRecipientId"`;
  if (claimed.length === 0) return result;

  const notifications = await svc.db.notification.findMany({
    where: { id: { in: [...new Set(claimed.map((d) => d.notificationId))] } },
  });
  const byNotification = new Map(notifications.map((n) => [n.id, n]));
  const recipients = await loadRecipients(
    svc,
    claimed.map((d) => d.subscriberId).filter((x): x is string => Boolean(x)),
  );
  const tenant = await loadTenant(svc.db, svc.tenantId);
  if (!tenant) throw notFound("The tenant");
  const brand = emailBrand(tenant);
  const customerOf = (data: unknown, recipient: Recipient | undefined) => {
    const about = (data as { __customerId?: unknown }).__customerId;
    return recipient?.customerId ?? (typeof about === "string" ? about : undefined);
  };
  const whiteLabels = await whiteLabelsFor(svc, [
    ...[...recipients.values()].map((r) => r.customerId),
    ...notifications.map((n) => customerOf(n.data, undefined)).filter((id): id is string => Boolean(id)),
  ]);
  const overrides = new Map(
    (
      await svc.db.notificationTemplateOverride.findMany({
        where: { template: { in: [...new Set(notifications.map((n) => n.template))] } },
      })
    ).map((o) => [o.template, o]),
  );
  const sms = deps.sms ?? smsSender(tenant.settings as TenantSmsSettings);
  const push = deps.push === undefined ? pushSender() : deps.push;
  const email: EmailSend = deps.email ?? sendEmail;
  const rendered = new Map<string, RenderedNotification>();

  // A reseller's message (a quote it sends, or anything to one of its customers) wears its name,
  // colours and contacts; the rest of the frame is the tenant's.
  const brandOf = (data: unknown, recipient: Recipient | undefined) => {
    const sender = (data as { __sender?: { name?: unknown; primaryColor?: unknown } }).__sender;
    const label =
      sender && typeof sender.name === "string"
        ? {
            name: sender.name,
            primaryColor: typeof sender.primaryColor === "string" ? sender.primaryColor : null,
            accentColor: null,
            logoUrl: null,
            supportEmail: null,
            supportPhone: null,
          }
        : whiteLabels.get(customerOf(data, recipient) ?? "");
    return label ? emailBrand(wearing(tenant, label)) : brand;
  };

  const renderFor = (d: DeliveryRow): { r: RenderedNotification; recipient?: Recipient } => {
    const n = byNotification.get(d.notificationId)!;
    const recipient = d.subscriberId ? recipients.get(d.subscriberId) : undefined;
    const key = `${n.id}`;
    let r = rendered.get(key);
    if (!r) {
      const template = findTemplate(n.template);
      if (!template) throw new Error(`unknown template ${n.template}`);
      const data = n.data as Record<string, unknown>;
      const ctx: TemplateContext = {
        brand: brandOf(n.data, recipient),
        timeZone: recipient?.timeZone ?? tenant.timezone,
        appUrl: appUrl(),
        recipientName: recipient?.name ?? (typeof data.__name === "string" ? data.__name : "there"),
      };
      r = renderNotification(template, data, ctx, overrides.get(n.template));
      rendered.set(key, r);
    }
    return { r, recipient };
  };

  const sendOne = async (d: DeliveryRow): Promise<Outcome> => {
    const n = byNotification.get(d.notificationId)!;
    let r: RenderedNotification;
    let recipient: Recipient | undefined;
    try {
      ({ r, recipient } = renderFor(d));
    } catch (error) {
      return { status: "FAILED", error: `the message could not be rendered: ${(error as Error).message}` };
    }
    switch (d.channel) {
      case "EMAIL": {
        const worn = brandOf(n.data, recipient);
        const sent = await email({
          // The sender's display name and reply-to are the brand's the message wears.
          tenant: { ...tenant, brandName: worn.name, supportEmail: worn.supportEmail ?? null },
          to: d.recipient,
          subject: r.subject,
          template: n.template,
          react: r.email,
          replyTo:
            typeof (n.data as { __replyTo?: unknown }).__replyTo === "string"
              ? (n.data as { __replyTo: string }).__replyTo
              : undefined,
        });
        return {
          status: sent.status === "FAILED" ? "FAILED" : "SENT",
          provider: sent.provider,
          providerId: sent.providerId ?? sent.id,
          error: sent.error,
          subject: r.subject,
          body: r.text,
        };
      }
      case "SMS": {
        const sent = await sms.send({
          to: d.recipient,
          body: r.sms,
          // The delivery id in the URL: a callback may arrive before the provider id is stored.
          statusCallback: `${appUrl()}/api/webhooks/sms?d=${d.id}`,
          idempotencyKey: d.id,
        });
        return sent.ok
          ? { status: "SENT", provider: sms.name, providerId: sent.providerId, body: r.sms }
          : { status: "FAILED", provider: sms.name, error: sent.error, body: r.sms };
      }
      case "PUSH": {
        if (!push) return { status: "SUPPRESSED", error: "web push is not configured (VAPID keys)" };
        const customerId = recipient?.customerId;
        const targets = customerId
          ? await svc.db.pushSubscription.findMany({ where: { customerId, expiredAt: null } })
          : n.userId
            ? await svc.db.pushSubscription.findMany({ where: { userId: n.userId, expiredAt: null } })
            : [];
        if (targets.length === 0)
          return { status: "SUPPRESSED", error: "no browser is subscribed to push notifications" };
        const errors: string[] = [];
        let providerId: string | null = null;
        let ok = 0;
        for (const target of targets) {
          const res = await push.send(
            { endpoint: target.endpoint, keys: { p256dh: target.p256dh, auth: target.auth } },
            { title: r.push.title, body: r.push.body, url: r.push.url, tag: n.template },
            { ttl: n.urgent ? 3600 : 86_400, urgency: n.urgent ? "high" : "normal" },
          );
          if (res.ok) {
            ok++;
            providerId ??= res.providerId;
          } else {
            errors.push(res.error);
            if (res.gone)
              await svc.db.pushSubscription.update({ where: { id: target.id }, data: { expiredAt: clock.now() } });
          }
        }
        return ok > 0
          ? {
              status: "SENT",
              provider: push.name,
              providerId,
              subject: r.push.title,
              body: r.push.body,
              error: errors[0] ?? null,
            }
          : {
              status: "FAILED",
              provider: push.name,
              error: errors.join("; "),
              subject: r.push.title,
              body: r.push.body,
            };
      }
      case "INBOX":
        // Written together with the delivery's outcome (one transaction, below).
        return { status: "DELIVERED", provider: "inbox", subject: r.inbox.title, body: r.inbox.body };
    }
  };

  // Outcomes are written in chunks (one transaction per chunk, with the inbox items), so a
  // batch of thousands costs a few statements, not thousands of transactions.
  type Done = { d: DeliveryRow; outcome: Outcome; at: Date };
  let buffer: Done[] = [];
  const flush = async () => {
    const chunk = buffer;
    buffer = [];
    if (chunk.length === 0) return;
    const rows = chunk.map(({ d, outcome, at }) => ({
      id: d.id,
      status: outcome.status,
      provider: outcome.provider ?? null,
      providerId: outcome.providerId ?? null,
      error: outcome.error ?? null,
      subject: outcome.subject ?? null,
      body: outcome.body ?? null,
      at: at.toISOString(),
      sent: outcome.status === "SENT" || outcome.status === "DELIVERED",
      delivered: outcome.status === "DELIVERED",
    }));
    const bulk = chunk
      .filter(({ d }) => d.bulkRecipientId)
      .map(({ d, outcome, at }) => ({
        id: d.bulkRecipientId,
        status:
          outcome.status === "SENT" || outcome.status === "DELIVERED"
            ? "SENT"
            : outcome.status === "SUPPRESSED"
              ? "SUPPRESSED"
              : "FAILED",
        error: outcome.error ?? null,
        at: at.toISOString(),
      }));
    const inbox = chunk
      .filter(({ d, outcome }) => d.channel === "INBOX" && outcome.status === "DELIVERED")
      .map(({ d }) => {
        const n = byNotification.get(d.notificationId)!;
        const { r } = renderFor(d);
        return {
          tenantId: svc.tenantId,
          subscriberId: d.subscriberId,
          userId: n.userId,
          notificationId: n.id,
          category: n.category,
          title: r.inbox.title,
          body: r.inbox.body,
          url: r.inbox.url ?? null,
        };
      });
    await svc.db.$transaction(
      async (tx) => {
        if (inbox.length) await tx.inboxItem.createMany({ data: inbox });
        await tenantSql(tx, svc.tenantId).execute`
        UPDATE "NotificationDelivery" AS d SET
          -- A delivery webhook may already have reported the outcome (DELIVERED, BOUNCED, FAILED).
          status = CASE WHEN v.status = 'SENT' AND d.status IN ('DELIVERED', 'BOUNCED', 'FAILED') THEN d.status
                        ELSE v.status::"DeliveryStatus" END, provider = v.provider, "providerId" = v."providerId",
          error = v.error, subject = v.subject, body = v.body, "claimedAt" = NULL, "updatedAt" = v.at,
          "sentAt" = CASE WHEN v.sent THEN v.at ELSE d."sentAt" END,
          "deliveredAt" = CASE WHEN v.delivered THEN v.at ELSE d."deliveredAt" END
        FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS v(
          id uuid, status text, provider text, "providerId" text, error text, subject text, body text,
          at timestamp(3), sent boolean, delivered boolean)
        WHERE d.id = v.id AND d."tenantId" = ${svc.tenantId}::uuid`;
        if (bulk.length)
          await tenantSql(tx, svc.tenantId).execute`
          UPDATE "BulkNotificationRecipient" AS r SET
            status = v.status::"BulkRecipientStatus", error = v.error, "doneAt" = v.at
          FROM jsonb_to_recordset(${JSON.stringify(bulk)}::jsonb) AS v(id uuid, status text, error text, at timestamp(3))
          WHERE r.id = v.id AND r."tenantId" = ${svc.tenantId}::uuid`;
      },
      { timeout: 60_000 },
    );
    for (const { d, outcome } of chunk) result.set(d.id, outcome.status);
  };

  const queue = [...claimed];
  let flushing: Promise<void> = Promise.resolve();
  const workers = Array.from({ length: Math.min(opts.concurrency ?? 8, queue.length) }, async () => {
    for (let d = queue.shift(); d; d = queue.shift()) {
      const outcome = await sendOne(d).catch(
        (error: Error): Outcome => ({ status: "FAILED", error: `sending failed: ${error.message}` }),
      );
      buffer.push({ d, outcome, at: clock.now() });
      if (buffer.length >= 100) {
        flushing = flushing.then(flush);
        await flushing;
      }
    }
  });
  await Promise.all(workers);
  flushing = flushing.then(flush);
  await flushing;
  return result;
}
