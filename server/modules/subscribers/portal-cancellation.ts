// J4 in the subscriber portal: a subscriber cancels one of its own services on a later day,
// after a preview of the final prorated invoice, and may withdraw it before that day. It is the
// staff's cancellation (./cancellation.ts): same request, same teardown when the day comes.
import { z } from "zod";
import { invalid, notFound } from "@/server/errors";
import { type BillingPreviewLine, requireCustomer } from "@/server/modules/billing";
import type { ServiceContext } from "@/server/service-context";
import { cancellationState, previewCancellation, requestCancellation, withdrawCancellation } from "./cancellation";
import { getSubscriber } from "./service";

export const portalCancellationInput = z.object({
  subscriberId: z.string().uuid(),
  effectiveOn: z.string().date("Give the day the service ends as YYYY-MM-DD"),
  reason: z.string().trim().max(500).default(""),
});
export type PortalCancellationInput = z.input<typeof portalCancellationInput>;

/** The customer's own service, or not found (another customer's looks like none). */
async function ownService(svc: ServiceContext, customerId: string | null | undefined, subscriberId: string) {
  const owner = requireCustomer(customerId);
  const sub = await getSubscriber(svc, subscriberId).catch(() => null);
  if (!sub || sub.customerId !== owner) throw notFound("Service");
  return sub;
}

/** The customer's services that can be cancelled, each with its open cancellation, and today. */
export async function portalCancellations(svc: ServiceContext, customerId: string | null | undefined) {
  const owner = requireCustomer(customerId);
  const services = await svc.db.subscriber.findMany({
    where: { customerId: owner, status: { in: ["ACTIVE", "SUSPENDED"] } },
    orderBy: { createdAt: "asc" },
    select: { id: true, username: true },
  });
  const states = await Promise.all(services.map((s) => cancellationState(svc, s.id)));
  return {
    today: states[0]?.today ?? null,
    services: services.map((s, i) => ({ ...s, cancellation: states[i]?.cancellation ?? null })),
  };
}

/** The portal takes a later day only: the day before it the subscriber can still withdraw. */
async function checked(svc: ServiceContext, customerId: string | null | undefined, raw: PortalCancellationInput) {
  const input = portalCancellationInput.parse(raw);
  const sub = await ownService(svc, customerId, input.subscriberId);
  if (sub.status !== "ACTIVE" && sub.status !== "SUSPENDED")
    throw invalid("Only a service in use can be cancelled here; contact support");
  const { today } = await cancellationState(svc, sub.id);
  if (input.effectiveOn <= today) throw invalid(`Pick a day after today (${today})`);
  return input;
}

/** The final invoice for that day (prorated), from the teardown's own plan; nothing written. */
export async function previewPortalCancellation(
  svc: ServiceContext,
  customerId: string | null | undefined,
  raw: PortalCancellationInput,
) {
  const preview = await previewCancellation(svc, await checked(svc, customerId, raw));
  const billing = preview.plan.steps.find((s) => s.name === "billing")?.details as
    | { currency: string; endsOn: string; lines: BillingPreviewLine[]; netMinor: number }
    | undefined;
  const failing = preview.plan.steps.find((s) => s.status === "fails");
  return {
    effectiveOn: preview.effectiveOn,
    ok: preview.plan.ok,
    error: failing?.error ?? null,
    currency: billing?.currency ?? null,
    lines: billing?.lines ?? [],
    netMinor: billing?.netMinor ?? 0,
  };
}

/** Requests the cancellation of the customer's own service (the same request as staff make). */
export async function requestPortalCancellation(
  svc: ServiceContext,
  customerId: string | null | undefined,
  raw: PortalCancellationInput,
  idempotencyKey: string,
) {
  return requestCancellation(svc, await checked(svc, customerId, raw), `portal:${idempotencyKey}`);
}

/** Withdraws the customer's own cancellation before its day. */
export async function withdrawPortalCancellation(
  svc: ServiceContext,
  customerId: string | null | undefined,
  cancellationId: string,
) {
  const c = await svc.db.subscriberCancellation.findFirst({ where: { id: cancellationId } });
  if (!c) throw notFound("Cancellation");
  await ownService(svc, customerId, c.subscriberId);
  return withdrawCancellation(svc, c.id);
}
