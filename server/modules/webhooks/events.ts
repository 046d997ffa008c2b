// The events a tenant can subscribe to, and publishing one: an event row, a delivery per
// enabled endpoint that wants it, and a delivery job each — all in the caller's transaction, so
// an event goes out if and only if the change that caused it commits.
import type { Prisma } from "@/server/generated/prisma/client";
import { enqueueJob, type OutboxClient } from "@/server/jobs";

export const WEBHOOK_EVENT_TYPES = {
  "subscriber.activated": "A subscriber's service became active (provisioned or restored)",
  "subscriber.suspended": "A subscriber's service was suspended",
  "subscriber.terminated": "A subscriber's service was terminated",
  "invoice.issued": "An invoice was issued",
  "payment.succeeded": "A payment was received",
  "job.failed": "A provisioning or other workflow failed and was rolled back",
  "ticket.updated": "A support ticket changed (status, assignee, reply)",
  "incident.opened": "The NOC opened an incident",
  "alert.firing": "A monitoring alert rule fired (its condition held for its duration)",
  "alert.resolved": "A monitoring alert resolved (the metric recovered, or a person resolved it)",
} as const;

export type WebhookEventType = keyof typeof WEBHOOK_EVENT_TYPES;
export const WEBHOOK_EVENT_NAMES = Object.keys(WEBHOOK_EVENT_TYPES) as WebhookEventType[];

export const WEBHOOK_DELIVERY_EVENT = "webhooks/delivery.requested";

/** Any transaction (tenant-scoped or not): only these calls are made with it. */
type WebhookWriter = OutboxClient & {
  webhookEndpoint: {
    findMany(args: { where: Prisma.WebhookEndpointWhereInput; select: { id: true } }): Promise<{ id: string }[]>;
  };
  webhookEvent: {
    createManyAndReturn(args: {
      data: Prisma.WebhookEventCreateManyInput[];
      select: { id: true };
    }): Promise<{ id: string }[]>;
  };
  webhookDelivery: {
    createManyAndReturn(args: {
      data: Prisma.WebhookDeliveryCreateManyInput[];
      select: { id: true };
    }): Promise<{ id: string }[]>;
  };
};

/**
 * Publishes `type` with `data` (snake_case, JSON) to the tenant's endpoints. Pass the
 * transaction that makes the change.
 */
export async function publishWebhookEvent(
  tx: WebhookWriter,
  tenantId: string,
  type: WebhookEventType,
  data: Record<string, unknown>,
) {
  const [id] = await publishWebhookEvents(tx, tenantId, type, [data]);
  return id ?? null;
}

/** Publishes one event per item of `data` (a billing run's invoices): one query when nobody listens. */
export async function publishWebhookEvents(
  tx: WebhookWriter,
  tenantId: string,
  type: WebhookEventType,
  data: Record<string, unknown>[],
) {
  if (!data.length) return [];
  const endpoints = await tx.webhookEndpoint.findMany({
    where: { tenantId, enabled: true, events: { has: type } },
    select: { id: true },
  });
  if (!endpoints.length) return [];
  const events = await tx.webhookEvent.createManyAndReturn({
    data: data.map((d) => ({ tenantId, type, data: JSON.parse(JSON.stringify(d)) })),
    select: { id: true },
  });
  const deliveries = await tx.webhookDelivery.createManyAndReturn({
    data: events.flatMap((e) =>
      endpoints.map((endpoint) => ({ tenantId, endpointId: endpoint.id, eventId: e.id, nextAttemptAt: new Date() })),
    ),
    select: { id: true },
  });
  for (const d of deliveries)
    await enqueueJob(tx, WEBHOOK_DELIVERY_EVENT, { tenantId, deliveryId: d.id }, { id: `webhook:${d.id}` });
  return events.map((e) => e.id);
}
