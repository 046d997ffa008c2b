// Delivery status from providers: Twilio's status callbacks (POST /api/webhooks/sms?d=<delivery
// id>, signed with X-Twilio-Signature using the account's auth token) move an SMS delivery to SENT,
// DELIVERED, BOUNCED (undelivered by the carrier) or FAILED. Statuses only move forward, so
// callbacks arriving late or twice change nothing.
import { smsAccountFor, type TenantSmsSettings, verifyTwilioSignature } from "@/server/adapters/sms";
import { db } from "@/server/db";
import type { DeliveryStatus } from "@/server/generated/prisma/enums";
import { loadTenant } from "@/server/modules/tenancy";

const TWILIO_STATUS: Record<string, DeliveryStatus> = {
  queued: "SENT",
  accepted: "SENT",
  sending: "SENT",
  sent: "SENT",
  delivered: "DELIVERED",
  undelivered: "BOUNCED",
  failed: "FAILED",
};

const RANK: Record<DeliveryStatus, number> = {
  QUEUED: 0,
  SENT: 1,
  DELIVERED: 2,
  BOUNCED: 2,
  FAILED: 2,
  SUPPRESSED: 2,
};

export type WebhookOutcome = { status: 200 | 400 | 403 | 404; message: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function recordTwilioStatus(input: {
  url: string;
  /** The `d` query parameter: the delivery the callback URL was made for. */
  deliveryId: string | null;
  params: Record<string, string>;
  signature: string | null;
}): Promise<WebhookOutcome> {
  const sid = input.params.MessageSid ?? input.params.SmsSid;
  const next = TWILIO_STATUS[input.params.MessageStatus ?? input.params.SmsStatus ?? ""];
  if (!sid || !next) return { status: 400, message: "MessageSid and a known MessageStatus are required" };
  const delivery =
    input.deliveryId && UUID.test(input.deliveryId)
      ? await db().notificationDelivery.findFirst({
          where: { id: input.deliveryId, channel: "SMS" },
          select: { id: true, tenantId: true, status: true, providerId: true },
        })
      : null;
  // The provider id is stored after the send returns; a callback may come first.
  if (!delivery || (delivery.providerId && delivery.providerId !== sid))
    return { status: 404, message: "unknown message" };
  const tenant = await loadTenant(db(), delivery.tenantId);
  const account = smsAccountFor(tenant?.settings as TenantSmsSettings);
  if (
    !account ||
    account.accountSid !== input.params.AccountSid ||
    !verifyTwilioSignature(account.authToken, input.url, input.params, input.signature)
  )
    return { status: 403, message: "invalid signature" };
  if (RANK[next] <= RANK[delivery.status]) return { status: 200, message: "unchanged" };
  const code = input.params.ErrorCode;
  const now = new Date();
  await db().notificationDelivery.updateMany({
    // Only if nothing moved it further in the meantime.
    where: { id: delivery.id, status: delivery.status },
    data: {
      status: next,
      providerId: sid,
      ...(next === "DELIVERED" ? { deliveredAt: now } : {}),
      ...(next === "BOUNCED" || next === "FAILED"
        ? { error: `the carrier reported ${input.params.MessageStatus}${code ? ` (Twilio error ${code})` : ""}` }
        : {}),
    },
  });
  return { status: 200, message: next.toLowerCase() };
}
