// J4 cancellation: scheduled on the billing clock, withdrawn before its day, started once
// however often it is asked for, the final invoice prorated to the day, tenants kept apart;
// the same from the subscriber portal, for the customer's own service only.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { EmbeddedExecutor } from "@/inngest/executor/worker";
import { functions } from "@/inngest/functions";
import { startBillingSubscription } from "@/server/modules/billing";
import type { ServiceContext } from "@/server/service-context";
import { advanceBillingClock, billingTenant, createBilledSubscriber } from "@/server/testing/billing-fixtures";
import { type TestDatabase, testDatabase } from "@/server/testing/db";
import { callerAs, createUser } from "@/server/testing/fixtures";
import { requestCancellation, startDueCancellations, subscriberCancellation, withdrawCancellation } from ".";

vi.mock("@/server/auth", () => ({ auth: async () => null, sessionUser: async () => null }));

let t: TestDatabase;
let svc: ServiceContext;
let world: Awaited<ReturnType<typeof billingTenant>>;
const executor = new EmbeddedExecutor({
  functions,
  workerId: "cancellation-test",
  backoffMs: () => 10,
  leaseMs: 20_000,
});

/** Puts the tenant's billing clock at 01:00 UTC of `day`. */
async function setToday(s: ServiceContext, day: string) {
  const offsetSeconds = Math.floor((Date.parse(`${day}T01:00:00Z`) - Date.now()) / 1000);
  await s.db.billingClock.upsert({
    where: { tenantId: s.tenantId },
    create: { tenantId: s.tenantId, offsetSeconds },
    update: { offsetSeconds },
  });
}

async function billedSubscriber() {
  const { subscriber } = await createBilledSubscriber(t.prisma, world.tenant.id, world.fast.id);
  await startBillingSubscription(svc, subscriber, { at: new Date("2027-03-01T00:00:00Z") });
  return subscriber;
}

beforeAll(async () => {
  t = await testDatabase();
  world = await billingTenant(t.prisma);
  svc = world.svc;
});
beforeEach(() => setToday(svc, "2027-03-11"));
afterAll(async () => {
  await executor.stop();
  await t.drop();
});

describe("a cancellation", () => {
  it("on a later day waits for it (billing clock), then tears down with a final invoice prorated to the day", async () => {
    const sub = await billedSubscriber();
    const c = await requestCancellation(svc, { subscriberId: sub.id, effectiveOn: "2027-03-21", reason: "Moving" });
    expect(c).toMatchObject({ status: "SCHEDULED", effectiveOn: "2027-03-21", jobId: null });
    expect(await startDueCancellations(svc)).toEqual({ started: 0 });
    expect(await t.prisma.orchestrationJob.count({ where: { subscriberId: sub.id } })).toBe(0);

    await advanceBillingClock(svc, 10);
    expect(await startDueCancellations(svc)).toEqual({ started: 1 });
    const started = await subscriberCancellation(svc, sub.id);
    expect(started).toMatchObject({ status: "STARTED", jobId: expect.any(String) });
    await executor.runUntilIdle({ advanceClock: true });
    const job = await t.prisma.orchestrationJob.findUniqueOrThrow({ where: { id: started?.jobId as string } });
    expect(job.error).toBeNull();
    expect(job.status).toBe("COMPLETED");

    const billing = await t.prisma.billingSubscription.findFirstOrThrow({ where: { subscriberId: sub.id } });
    expect(billing).toMatchObject({ status: "ENDED", endedOn: new Date("2027-03-21T00:00:00Z") });
    const invoice = await t.prisma.invoice.findFirstOrThrow({
      where: { subscriptionId: billing.id, kind: "final" },
      include: { lines: true },
    });
    // March was billed from the 1st (31 of 31 days, 60.00); the 11 days from the 21st are
    // credited: 6000 × 11 / 31 = 2129.03 → 2129. VAT 20% on the rest.
    const credit = invoice.lines.find((l) => l.kind === "CREDIT");
    expect(credit).toMatchObject({ netMinor: -2129, description: "Unused Fiber 500, 11 of 31 days from 2027-03-21" });
    expect(invoice.subtotalMinor).toBe(6000 - 2129);
    expect(invoice.taxMinor).toBe(Math.round((6000 - 2129) * 0.2));
    expect((await t.prisma.subscriber.findUniqueOrThrow({ where: { id: sub.id } })).status).toBe("TERMINATED");
  });

  it("asked for twice (and by two entries at once) starts one teardown", async () => {
    const sub = await billedSubscriber();
    const ask = () => requestCancellation(svc, { subscriberId: sub.id });
    const [a, b] = await Promise.all([ask(), ask()]);
    const c = await ask();
    expect(new Set([a.id, b.id, c.id]).size).toBe(1);
    expect(c).toMatchObject({ status: "STARTED", effectiveOn: "2027-03-11" });
    expect(await t.prisma.orchestrationJob.count({ where: { subscriberId: sub.id } })).toBe(1);
    // Another day while one is open: refused, nothing changed.
    await expect(requestCancellation(svc, { subscriberId: sub.id, effectiveOn: "2027-04-01" })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    await expect(withdrawCancellation(svc, c.id)).rejects.toMatchObject({ code: "CONFLICT" });
    await executor.runUntilIdle({ advanceClock: true });
    expect(await t.prisma.orchestrationJob.count({ where: { subscriberId: sub.id, status: "COMPLETED" } })).toBe(1);
  });

  it("can be withdrawn before its day: nothing starts, and a new one may be asked for", async () => {
    const sub = await billedSubscriber();
    const c = await requestCancellation(svc, { subscriberId: sub.id, effectiveOn: "2027-03-15" });
    const withdrawn = await withdrawCancellation(svc, c.id);
    expect(withdrawn).toMatchObject({ status: "WITHDRAWN" });
    expect(await subscriberCancellation(svc, sub.id)).toBeNull();
    await advanceBillingClock(svc, 10);
    expect(await startDueCancellations(svc)).toEqual({ started: 0 });
    expect(await t.prisma.orchestrationJob.count({ where: { subscriberId: sub.id } })).toBe(0);
    const audit = await t.prisma.auditLog.findMany({
      where: { targetId: sub.id, action: { startsWith: "subscriber.cancellation" } },
      orderBy: { createdAt: "asc" },
    });
    expect(audit.map((a) => a.action)).toEqual(["subscriber.cancellation.request", "subscriber.cancellation.withdraw"]);
    await setToday(svc, "2027-03-11");
    const again = await requestCancellation(svc, { subscriberId: sub.id, effectiveOn: "2027-03-31" });
    expect(again.id).not.toBe(c.id);
  });

  it("from the portal: the customer's own service on a later day, previewed, requested and withdrawn, told each time", async () => {
    const sub = await billedSubscriber();
    const me = await callerAs(
      t.prisma,
      (await createUser(t.prisma, { roleKey: "subscriber", tenantId: world.tenant.id, customerId: sub.customerId })).id,
    );
    const stranger = await callerAs(
      t.prisma,
      (
        await createUser(t.prisma, {
          roleKey: "subscriber",
          tenantId: world.tenant.id,
          customerId: (await billedSubscriber()).customerId,
        })
      ).id,
    );
    const ask = { subscriberId: sub.id, effectiveOn: "2027-03-21" };
    expect((await me.subscribers.portal.cancellations()).services.map((s) => s.id)).toContain(sub.id);
    await expect(me.subscribers.portal.previewCancellation({ ...ask, effectiveOn: "2027-03-11" })).rejects.toThrow(
      /after today \(2027-03-11\)/,
    );
    await expect(stranger.subscribers.portal.previewCancellation(ask)).rejects.toThrow(/not found/i);
    // The final invoice prorated to the day: 11 of March's 31 days credited (see above).
    expect(await me.subscribers.portal.previewCancellation(ask)).toMatchObject({
      ok: true,
      effectiveOn: "2027-03-21",
      netMinor: -2129,
    });
    expect(await t.prisma.subscriberCancellation.count({ where: { subscriberId: sub.id } })).toBe(0);
    // The preview's equipment to give back (none fitted here), for the customer's own service only.
    expect(await me.inventory.returns.portalToReturn({ subscriberId: sub.id })).toMatchObject({
      dueDays: 14,
      items: [],
    });
    await expect(stranger.inventory.returns.portalToReturn({ subscriberId: sub.id })).rejects.toThrow(/not found/i);

    const c = await me.subscribers.portal.cancel({ ...ask, idempotencyKey: "portal-cancel-1" });
    expect(c).toMatchObject({ status: "SCHEDULED", effectiveOn: "2027-03-21", jobId: null });
    expect(await me.subscribers.portal.cancel({ ...ask, idempotencyKey: "portal-cancel-1" })).toMatchObject({
      id: c.id,
    });
    expect(
      (await me.subscribers.portal.cancellations()).services.find((s) => s.id === sub.id)?.cancellation,
    ).toMatchObject({ id: c.id });
    await expect(stranger.subscribers.portal.withdrawCancellation({ id: c.id })).rejects.toThrow(/not found/i);
    expect(await me.subscribers.portal.withdrawCancellation({ id: c.id })).toMatchObject({ status: "WITHDRAWN" });
    const notices = await t.prisma.notification.findMany({
      where: { subscriberId: sub.id, template: "cancellation" },
      orderBy: { createdAt: "asc" },
    });
    expect(notices.map((n) => (n.data as { status: string }).status)).toEqual(["requested", "withdrawn"]);
    expect((await t.prisma.subscriber.findUniqueOrThrow({ where: { id: sub.id } })).status).toBe("ACTIVE");
  });

  it("refuses a day in the past, with nothing written", async () => {
    const sub = await billedSubscriber();
    await expect(requestCancellation(svc, { subscriberId: sub.id, effectiveOn: "2027-03-10" })).rejects.toMatchObject({
      code: "INVALID",
    });
    expect(await t.prisma.subscriberCancellation.count({ where: { subscriberId: sub.id } })).toBe(0);
  });

  it("keeps tenants apart: another tenant's subscriber and cancellation are not found", async () => {
    const other = await billingTenant(t.prisma);
    const sub = await billedSubscriber();
    const c = await requestCancellation(svc, { subscriberId: sub.id, effectiveOn: "2027-03-30" });
    const stranger = await callerAs(
      t.prisma,
      (await createUser(t.prisma, { roleKey: "tenant_admin", tenantId: other.tenant.id })).id,
    );
    await expect(stranger.subscribers.cancellation.get({ subscriberId: sub.id })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(stranger.subscribers.cancellation.request({ subscriberId: sub.id })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(stranger.subscribers.cancellation.withdraw({ id: c.id })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(withdrawCancellation(other.svc, c.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await subscriberCancellation(svc, sub.id))?.status).toBe("SCHEDULED");
  });
});
