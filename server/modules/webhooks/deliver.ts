// Delivering one event to one endpoint: a signed POST, retried with backoff (the job's durable
// sleeps), every attempt logged; 2xx is success. A delivery that fails for good counts against
// its endpoint, which is disabled after DISABLE_AFTER such deliveries in a row.
import { defineJob } from "@/server/jobs";
import { recordAudit } from "@/server/modules/audit";
import { guardedFetch, OutboundRefused } from "@/server/outbound-http";
import type { ServiceContext } from "@/server/service-context";
import { signingSecrets } from "./endpoints";
import { WEBHOOK_DELIVERY_EVENT } from "./events";
import { SIGNATURE_HEADER, signPayload } from "./signature";

/** Waits before attempts 2, 3, …: the last attempt is ~21 hours after the first. */
export const RETRY_SCHEDULE = ["1m", "5m", "30m", "2h", "6h", "12h"] as const;
export const MAX_ATTEMPTS = RETRY_SCHEDULE.length + 1;
export const DISABLE_AFTER = 5;

const WAIT_MS: Record<(typeof RETRY_SCHEDULE)[number], number> = {
  "1m": 60_000,
  "5m": 300_000,
  "30m": 1_800_000,
  "2h": 7_200_000,
  "6h": 21_600_000,
  "12h": 43_200_000,
};

/** The body every endpoint receives. */
export function envelope(event: { id: string; type: string; createdAt: Date; data: unknown }) {
  return JSON.stringify({
    id: event.id,
    type: event.type,
    created_at: event.createdAt.toISOString(),
    data: event.data,
  });
}

export async function attemptDelivery(svc: ServiceContext, deliveryId: string, attempt: number) {
  const d = await svc.db.webhookDelivery.findFirst({
    where: { id: deliveryId },
    include: { endpoint: true, event: true },
  });
  if (d?.status !== "PENDING") return { done: true, status: d?.status ?? null };
  let statusCode: number | null = null;
  let error: string | null = null;
  let final = attempt >= MAX_ATTEMPTS;
  const started = Date.now();
  if (!d.endpoint.enabled) {
    error = "The endpoint is disabled";
    final = true;
  } else {
    const body = envelope(d.event);
    try {
      const res = await guardedFetch(d.endpoint.url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "user-agent": "FiberOps-Webhooks/1",
          [SIGNATURE_HEADER]: signPayload(signingSecrets(d.endpoint), body, Math.floor(Date.now() / 1000)),
          "FiberOps-Event-Id": d.event.id,
          "FiberOps-Delivery-Id": d.id,
        },
        body,
        timeoutMs: 10_000,
      });
      statusCode = res.status;
      await res.body?.cancel();
      if (!res.ok) error = `The endpoint answered HTTP ${res.status}`;
    } catch (e) {
      // A refused destination (private address, redirect) will not get better by retrying.
      if (e instanceof OutboundRefused) final = true;
      error = e instanceof OutboundRefused ? e.message : `Could not reach the endpoint: ${(e as Error).message}`;
    }
  }
  const ok = error === null;
  const done = ok || final;
  const wait = RETRY_SCHEDULE[attempt - 1];
  await svc.db.$transaction(async (tx) => {
    await tx.webhookAttempt.create({
      data: { tenantId: svc.tenantId, deliveryId: d.id, attempt, statusCode, error, durationMs: Date.now() - started },
    });
    await tx.webhookDelivery.update({
      where: { id: d.id },
      data: {
        attempts: attempt,
        lastStatusCode: statusCode,
        lastError: error,
        status: ok ? "SUCCEEDED" : final ? "FAILED" : "PENDING",
        deliveredAt: ok ? new Date() : null,
        nextAttemptAt: done || !wait ? null : new Date(Date.now() + WAIT_MS[wait]),
      },
    });
    if (ok && d.endpoint.consecutiveFailures)
      await tx.webhookEndpoint.update({ where: { id: d.endpointId }, data: { consecutiveFailures: 0 } });
    if (!ok && final && d.endpoint.enabled) {
      const failures = d.endpoint.consecutiveFailures + 1;
      const disable = failures >= DISABLE_AFTER;
      const reason = `${failures} deliveries in a row failed after every retry (last: ${error})`;
      await tx.webhookEndpoint.update({
        where: { id: d.endpointId },
        data: {
          consecutiveFailures: failures,
          ...(disable ? { enabled: false, disabledAt: new Date(), disabledReason: reason } : {}),
        },
      });
      if (disable)
        await recordAudit(tx, {
          tenantId: svc.tenantId,
          actor: svc.actor,
          action: "webhook.endpoint.disabled",
          targetType: "WebhookEndpoint",
          targetId: d.endpointId,
          before: { enabled: true },
          after: { enabled: false, reason },
        });
    }
  });
  return { done, status: ok ? "SUCCEEDED" : final ? "FAILED" : "PENDING" };
}

const deliverWebhook = defineJob({
  id: "webhook-deliver",
  name: "Webhooks: deliver an event to an endpoint",
  trigger: { event: WEBHOOK_DELIVERY_EVENT },
  concurrency: { key: "event.data.deliveryId", limit: 1 },
  async run({ event, step, tenant }) {
    const { tenantId, deliveryId } = event.data as { tenantId: string; deliveryId: string };
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const result = await step.run(`attempt-${attempt}`, () => attemptDelivery(tenant(tenantId), deliveryId, attempt));
      if (result.done) return result;
      await step.sleep(`wait-${attempt}`, RETRY_SCHEDULE[attempt - 1]!);
    }
    return null;
  },
});

export const webhooksJobs = [deliverWebhook];
