// J2 in the subscriber portal: a subscriber moves one of its own active services to a plan its
// ISP offers for self-service (catalog: portalSwitchable), now (prorated) or from the next
// billing cycle, after a preview of the proration. It runs the same change-plan saga as staff.
import { z } from "zod";
import { invalid, notFound } from "@/server/errors";
import { type BillingPreviewLine, requireCustomer } from "@/server/modules/billing";
import { getPlan, portalSwitchablePlans } from "@/server/modules/catalog";
import { planSaga, startJob } from "@/server/orchestration/runner";
import type { ServiceContext } from "@/server/service-context";
import { changePlanSaga } from "./change-plan";
import { getSubscriber } from "./service";

export const portalPlanChangeInput = z.object({
  subscriberId: z.string().uuid(),
  planId: z.string().uuid(),
  effective: z.enum(["now", "next_cycle"]).default("now"),
});
export type PortalPlanChangeInput = z.input<typeof portalPlanChangeInput>;

type PlanRow = {
  id: string;
  name: string;
  downloadKbps: number;
  uploadKbps: number;
  priceMinor: number;
  currency: string;
};

const planView = (p: PlanRow) => ({
  id: p.id,
  name: p.name,
  downloadKbps: p.downloadKbps,
  uploadKbps: p.uploadKbps,
  priceMinor: p.priceMinor,
  currency: p.currency,
});

/** The signed-in customer's active services and the plans they may switch to. */
export async function portalPlanOptions(svc: ServiceContext, customerId: string | null | undefined) {
  const owner = requireCustomer(customerId);
  const services = await svc.db.subscriber.findMany({
    where: { customerId: owner, status: "ACTIVE" },
    orderBy: { createdAt: "asc" },
    select: { id: true, username: true, planId: true },
  });
  const plans = (await portalSwitchablePlans(svc)).map(planView);
  return {
    services: await Promise.all(
      services.map(async (s) => ({ id: s.id, username: s.username, plan: planView(await getPlan(svc, s.planId)) })),
    ),
    plans,
  };
}

async function checked(svc: ServiceContext, customerId: string | null | undefined, raw: PortalPlanChangeInput) {
  const owner = requireCustomer(customerId);
  const input = portalPlanChangeInput.parse(raw);
  const sub = await getSubscriber(svc, input.subscriberId).catch(() => null);
  if (!sub || sub.customerId !== owner) throw notFound("Service");
  if (sub.status !== "ACTIVE") throw invalid("Only an active service can change its plan here; contact support");
  const plan = await getPlan(svc, input.planId);
  if (!plan.active || !plan.portalSwitchable) throw invalid(`${plan.name} cannot be chosen here; contact support`);
  if (plan.id === sub.planId) throw invalid(`Your service is already on ${plan.name}`);
  return { subscriberId: sub.id, planId: plan.id, effective: input.effective };
}

/** What the change would cost (the proration lines), and whether it can go ahead. */
export async function previewPortalPlanChange(
  svc: ServiceContext,
  customerId: string | null | undefined,
  raw: PortalPlanChangeInput,
) {
  const plan = await planSaga(svc, changePlanSaga, await checked(svc, customerId, raw));
  const billing = plan.steps.find((s) => s.name === "billing")?.details as
    | { currency: string; effectiveOn: string; lines: BillingPreviewLine[]; netMinor: number }
    | undefined;
  const failing = plan.steps.find((s) => s.status === "fails");
  return {
    ok: plan.ok,
    error: failing?.error ?? null,
    effectiveOn: billing?.effectiveOn ?? null,
    currency: billing?.currency ?? null,
    lines: billing?.lines ?? [],
    netMinor: billing?.netMinor ?? 0,
  };
}

/** Starts the change-plan saga for the customer's own service (one job per idempotency key). */
export async function startPortalPlanChange(
  svc: ServiceContext,
  customerId: string | null | undefined,
  raw: PortalPlanChangeInput,
  idempotencyKey: string,
) {
  const input = await checked(svc, customerId, raw);
  const job = await startJob(svc, changePlanSaga, input, `portal:${idempotencyKey}`);
  return { jobId: job.id, effective: input.effective };
}
