// A tenant's webhook endpoints (subscribe, change, enable/disable, delete), the delivery log
// and replays. Every change is audited; secrets are never in the audit trail.
import { z } from "zod";
import { decryptSecret, encryptSecret } from "@/server/crypto";
import { env } from "@/server/env";
import { conflict, invalid, notFound } from "@/server/errors";
import { enqueueJob } from "@/server/jobs";
import { recordAudit } from "@/server/modules/audit";
import { assertAllowedUrl, OutboundRefused } from "@/server/outbound-http";
import type { ServiceContext } from "@/server/service-context";
import { WEBHOOK_DELIVERY_EVENT, WEBHOOK_EVENT_NAMES, type WebhookEventType } from "./events";
import { newWebhookSecret } from "./signature";

export const endpointInput = z.object({
  url: z.url({ message: "Enter the endpoint's full address, e.g. https://crm.example.net/hooks/fiberops" }).max(2000),
  description: z.string().trim().max(200).default(""),
  events: z
    .array(z.enum(WEBHOOK_EVENT_NAMES as [WebhookEventType, ...WebhookEventType[]]))
    .min(1, "Choose at least one event")
    .max(WEBHOOK_EVENT_NAMES.length),
});
export const endpointUpdate = endpointInput.partial().extend({ enabled: z.boolean().optional() });

/** How long the old secret keeps signing beside the new one after a rotation (0 = not at all). */
export const rotateInput = z.object({
  overlapHours: z.number().int().min(0, "Use 0 to 168 hours").max(168, "At most 7 days (168 hours)").default(24),
});

/** Refuses what the platform will not call: not http(s), a literal private address, http in production. */
function checkUrl(url: string) {
  const parsed = new URL(url);
  try {
    assertAllowedUrl(parsed);
  } catch (error) {
    if (error instanceof OutboundRefused) throw invalid(error.message, { field: "url" });
    throw error;
  }
  if (env().NODE_ENV === "production" && parsed.protocol !== "https:")
    throw invalid("Webhook endpoints must use https", { field: "url" });
}

function visible<T extends { secret: string; previousSecret: string | null }>(
  e: T,
): Omit<T, "secret" | "previousSecret"> {
  const { secret: _, previousSecret: __, ...rest } = e;
  return rest;
}

/** The secrets a delivery is signed with now: the current one, and the old one while it overlaps. */
export function signingSecrets(
  endpoint: { secret: string; previousSecret: string | null; previousSecretExpiresAt: Date | null },
  now = new Date(),
) {
  const overlapping =
    endpoint.previousSecret && endpoint.previousSecretExpiresAt && endpoint.previousSecretExpiresAt > now;
  return [
    decryptSecret(endpoint.secret),
    ...(overlapping && endpoint.previousSecret ? [decryptSecret(endpoint.previousSecret)] : []),
  ];
}

/**
 * A new signing secret. The old one keeps signing beside it for `overlapHours`, so a receiver
 * can switch to the new secret without refusing deliveries meanwhile. Audited (without secrets).
 */
export async function rotateSecret(svc: ServiceContext, id: string, input: z.input<typeof rotateInput>) {
  const { overlapHours } = rotateInput.parse(input);
  const before = await getEndpoint(svc, id);
  const expiresAt = overlapHours ? new Date(Date.now() + overlapHours * 3_600_000) : null;
  return svc.db.$transaction(async (tx) => {
    await tx.webhookEndpoint.update({
      where: { id },
      data: {
        secret: encryptSecret(newWebhookSecret()),
        previousSecret: expiresAt ? before.secret : null,
        previousSecretExpiresAt: expiresAt,
      },
    });
    await recordAudit(tx, {
      tenantId: svc.tenantId,
      actor: svc.actor,
      action: "webhook.endpoint.secret_rotated",
      targetType: "WebhookEndpoint",
      targetId: id,
      after: { overlapHours, previousSecretExpiresAt: expiresAt },
    });
    return { rotatedAt: new Date(), previousSecretExpiresAt: expiresAt };
  });
}

export async function createEndpoint(svc: ServiceContext, input: z.input<typeof endpointInput>) {
  const data = endpointInput.parse(input);
  checkUrl(data.url);
  const secret = newWebhookSecret();
  const endpoint = await svc.db.$transaction(async (tx) => {
    const created = await tx.webhookEndpoint.create({
      data: {
        tenantId: svc.tenantId,
        url: data.url,
        description: data.description,
        events: [...new Set(data.events)],
        secret: encryptSecret(secret),
      },
    });
    await recordAudit(tx, {
      tenantId: svc.tenantId,
      actor: svc.actor,
      action: "webhook.endpoint.create",
      targetType: "WebhookEndpoint",
      targetId: created.id,
      after: visible(created),
    });
    return created;
  });
  return visible(endpoint);
}

/** The signing secret, for the integrator to verify signatures with (audited). */
export async function revealSecret(svc: ServiceContext, id: string) {
  const endpoint = await getEndpoint(svc, id);
  await recordAudit(svc.db, {
    tenantId: svc.tenantId,
    actor: svc.actor,
    action: "webhook.endpoint.secret_revealed",
    targetType: "WebhookEndpoint",
    targetId: id,
  });
  return decryptSecret(endpoint.secret);
}

export async function getEndpoint(svc: ServiceContext, id: string) {
  const endpoint = await svc.db.webhookEndpoint.findFirst({ where: { id } });
  if (!endpoint) throw notFound("Webhook endpoint");
  return endpoint;
}

export async function updateEndpoint(svc: ServiceContext, id: string, input: z.input<typeof endpointUpdate>) {
  const data = endpointUpdate.parse(input);
  const before = await getEndpoint(svc, id);
  if (data.url) checkUrl(data.url);
  return svc.db.$transaction(async (tx) => {
    const after = await tx.webhookEndpoint.update({
      where: { id },
      data: {
        url: data.url,
        description: data.description,
        events: data.events ? [...new Set(data.events)] : undefined,
        ...(data.enabled === true && !before.enabled
          ? { enabled: true, consecutiveFailures: 0, disabledAt: null, disabledReason: null }
          : {}),
        ...(data.enabled === false && before.enabled
          ? { enabled: false, disabledAt: new Date(), disabledReason: "Disabled by a person" }
          : {}),
      },
    });
    await recordAudit(tx, {
      tenantId: svc.tenantId,
      actor: svc.actor,
      action: "webhook.endpoint.update",
      targetType: "WebhookEndpoint",
      targetId: id,
      before: visible(before),
      after: visible(after),
    });
    return after;
  });
}

export async function deleteEndpoint(svc: ServiceContext, id: string) {
  const before = await getEndpoint(svc, id);
  await svc.db.$transaction(async (tx) => {
    await tx.webhookEndpoint.delete({ where: { id } });
    await recordAudit(tx, {
      tenantId: svc.tenantId,
      actor: svc.actor,
      action: "webhook.endpoint.delete",
      targetType: "WebhookEndpoint",
      targetId: id,
      before: visible(before),
    });
  });
}

/** Sends an event to the endpoint again, as a new delivery (the original stays in the log). */
export async function replayDelivery(svc: ServiceContext, deliveryId: string) {
  const original = await svc.db.webhookDelivery.findFirst({ where: { id: deliveryId }, include: { endpoint: true } });
  if (!original) throw notFound("Webhook delivery");
  if (!original.endpoint.enabled) throw conflict("The endpoint is disabled; enable it before replaying");
  return svc.db.$transaction(async (tx) => {
    const replay = await tx.webhookDelivery.create({
      data: {
        tenantId: svc.tenantId,
        endpointId: original.endpointId,
        eventId: original.eventId,
        replayOfId: original.id,
        nextAttemptAt: new Date(),
      },
    });
    await enqueueJob(
      tx,
      WEBHOOK_DELIVERY_EVENT,
      { tenantId: svc.tenantId, deliveryId: replay.id },
      { id: `webhook:${replay.id}` },
    );
    await recordAudit(tx, {
      tenantId: svc.tenantId,
      actor: svc.actor,
      action: "webhook.delivery.replay",
      targetType: "WebhookDelivery",
      targetId: replay.id,
      after: { replayOf: original.id, eventId: original.eventId, endpointId: original.endpointId },
    });
    return replay;
  });
}
