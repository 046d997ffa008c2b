// "Now" for billing, payments and dunning. Real time plus a per-tenant offset that tests and
// demos can advance (BillingClock), so a dunning sequence of 30 days runs without sleeping.
// Advancing is refused in production unless FIBEROPS_TEST_CLOCK=1.
import { invalid } from "@/server/errors";
import { recordAudit } from "@/server/modules/audit";
import type { ServiceContext } from "@/server/service-context";
import { utcDate } from "./money";

export function testClockAllowed(): boolean {
  return process.env.NODE_ENV !== "production" || process.env.FIBEROPS_TEST_CLOCK === "1";
}

export async function billingNow(svc: ServiceContext): Promise<Date> {
  const clock = await svc.db.billingClock.findFirst({});
  return new Date(Date.now() + (clock?.offsetSeconds ?? 0) * 1000);
}

export async function billingToday(svc: ServiceContext): Promise<Date> {
  return utcDate(await billingNow(svc));
}

/** Moves this tenant's billing clock forward (tests and demos only). */
export async function advanceBillingClock(svc: ServiceContext, days: number) {
  if (!testClockAllowed())
    throw invalid("The test clock is disabled in production (set FIBEROPS_TEST_CLOCK=1 to allow it)");
  if (!Number.isInteger(days) || days < 0 || days > 400) throw invalid("Advance the clock by 0 to 400 whole days");
  const current = await svc.db.billingClock.findFirst({});
  const offsetSeconds = (current?.offsetSeconds ?? 0) + days * 86_400;
  await svc.db.$transaction(async (tx) => {
    await tx.billingClock.upsert({
      where: { tenantId: svc.tenantId },
      create: { tenantId: svc.tenantId, offsetSeconds },
      update: { offsetSeconds },
    });
    await recordAudit(tx, {
      tenantId: svc.tenantId,
      actor: svc.actor,
      action: "billing.clock.advance",
      targetType: "BillingClock",
      targetId: svc.tenantId,
      before: { offsetSeconds: current?.offsetSeconds ?? 0 },
      after: { offsetSeconds },
    });
  });
  return { offsetDays: offsetSeconds / 86_400, now: new Date(Date.now() + offsetSeconds * 1000) };
}

export async function resetBillingClock(svc: ServiceContext) {
  if (!testClockAllowed()) throw invalid("The test clock is disabled in production");
  await svc.db.billingClock.deleteMany({});
}
