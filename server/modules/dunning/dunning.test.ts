// Dunning end to end against a real PostgreSQL, a real FreeRADIUS and the BNG simulator as the
// NAS: an overdue invoice walks the policy as the billing test clock advances (day 3 email,
// day 7 SMS, day 14 suspension through the suspend saga: RADIUS suspended group, the live
// session disconnected and the re-dial rejected), a payment that clears the overdue balance
// stops the sequence and the restore saga brings the service back; a subscriber nobody pays
// for reaches day 30 and is disconnected (deprovision saga). Re-running a day does nothing twice.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EmbeddedExecutor } from "@/inngest/executor/worker";
import { type RadiusdHandle, startRadiusd } from "@/radius/run";
import { parseDate, runBillingCycle, startBillingSubscription } from "@/server/modules/billing";
import { recordManualPayment } from "@/server/modules/payments";
import { createNas, provisionRadius } from "@/server/modules/radius";
import { transitionSubscriber } from "@/server/modules/subscribers";
import type { ServiceContext } from "@/server/service-context";
import { advanceBillingClock, billingTenant, createBilledSubscriber } from "@/server/testing/billing-fixtures";
import { type TestDatabase, testDatabase } from "@/server/testing/db";
import { BngSimulator } from "@/simulator/bng/bng";
import { dunningSteps, getDunningPolicy, listDunningCases, runDunning, updateDunningPolicy } from "./service";

let t: TestDatabase;
let radiusd: RadiusdHandle;
let bng: BngSimulator;
const SECRET = "dunning-bng-secret";
const executor = new EmbeddedExecutor({ workerId: "dunning-test", backoffMs: () => 10, leaseMs: 20_000 });
let main: Awaited<ReturnType<typeof billingTenant>>;

beforeAll(async () => {
  t = await testDatabase();
  bng = await new BngSimulator({ authPort: 1, acctPort: 1, secret: SECRET, vendor: "mikrotik" }).start();
  // radiusd reads its clients (the NAS table) when it starts.
  main = await billingTenant(t.prisma);
  await createNas(main.svc, {
    nasname: "127.0.0.1",
    shortname: "bng",
    type: "mikrotik",
    secret: SECRET,
    coaPort: bng.daePort,
  });
  radiusd = await startRadiusd({ databaseUrl: t.url });
  bng.opts.authPort = radiusd.authPort;
  bng.opts.acctPort = radiusd.acctPort;
}, 90_000);

afterAll(async () => {
  await bng?.stop();
  await radiusd?.stop();
  await t.drop();
});

const groupsOf = async (username: string) =>
  (
    await t.prisma.$queryRaw<Array<{ groupname: string }>>`
    SELECT groupname FROM radusergroup WHERE username = ${username} ORDER BY priority`
  ).map((g) => g.groupname);

async function liveSubscriber(svc: ServiceContext, tenantId: string, planId: string, name: string) {
  const s = await createBilledSubscriber(t.prisma, tenantId, planId, { name });
  await provisionRadius(svc, s.subscriber, await t.prisma.plan.findUniqueOrThrow({ where: { id: planId } }));
  await startBillingSubscription(svc, s.subscriber, { at: parseDate("2026-05-10") });
  const dial = await bng.dial(s.subscriber.username, s.subscriber.password);
  if (!dial.accepted) throw new Error(`FreeRADIUS rejected ${s.subscriber.username}: ${dial.reason}`);
  return s;
}

/** Advances the billing clock to `daysOverdue` days past the invoices' due date and runs the day. */
async function dayOverdue(svc: ServiceContext, dueDate: Date, daysOverdue: number) {
  const now = (await t.prisma.billingClock.findUnique({ where: { tenantId: svc.tenantId } }))?.offsetSeconds ?? 0;
  const today = Math.floor((Date.now() + now * 1000) / 86_400_000);
  const target = Math.floor(dueDate.getTime() / 86_400_000) + daysOverdue;
  if (target > today) await advanceBillingClock(svc, target - today);
  const summary = await runDunning(svc);
  await executor.runUntilIdle({ advanceClock: true });
  return summary;
}

describe("dunning", () => {
  it("validates the policy", async () => {
    const ok = dunningSteps.safeParse([
      { day: 3, action: "EMAIL" },
      { day: 14, action: "SUSPEND" },
      { day: 30, action: "DISCONNECT" },
    ]);
    expect(ok.success).toBe(true);
    const message = (steps: unknown) => dunningSteps.safeParse(steps).error?.issues[0]?.message;
    expect(message([])).toBe("Add at least one step");
    expect(
      message([
        { day: 3, action: "EMAIL" },
        { day: 3, action: "EMAIL" },
      ]),
    ).toBe("The same action cannot be on the same day twice");
    expect(
      message([
        { day: 14, action: "SUSPEND" },
        { day: 10, action: "DISCONNECT" },
      ]),
    ).toBe("Disconnect must come after the suspension");
    expect(
      message([
        { day: 30, action: "DISCONNECT" },
        { day: 40, action: "SMS" },
      ]),
    ).toBe("Disconnect is the last step: nothing can follow it");
    expect(message([{ day: -1, action: "EMAIL" }])).toBeTruthy();
  });

  it("walks the policy, suspends through the saga, and a payment stops it and restores service", async () => {
    const { tenant, basic, svc } = main;
    expect((await getDunningPolicy(svc)).isDefault).toBe(true);
    await updateDunningPolicy(svc, {
      enabled: true,
      steps: [
        { day: 3, action: "EMAIL" },
        { day: 7, action: "SMS" },
        { day: 14, action: "SUSPEND" },
        { day: 30, action: "DISCONNECT" },
      ],
    });
    const payer = await liveSubscriber(svc, tenant.id, basic.id, "Paula Payer");
    const never = await liveSubscriber(svc, tenant.id, basic.id, "Nico Never");
    await runBillingCycle(svc, { date: parseDate("2026-06-01") });
    const invoice = await t.prisma.invoice.findFirstOrThrow({ where: { customerId: payer.customer.id } });
    const due = invoice.dueDate as Date;

    // Not overdue yet: nothing happens.
    expect((await runDunning(svc)).overdue).toBe(0);

    // Day 3: a reminder email (once, even when the day runs twice).
    const d3 = await dayOverdue(svc, due, 3);
    expect(d3).toMatchObject({ overdue: 2, opened: 2, actions: 2, failed: 0 });
    expect((await runDunning(svc)).actions).toBe(0);
    const reminders = await t.prisma.emailMessage.findMany({
      where: { tenantId: tenant.id, template: "dunning_reminder", toAddress: payer.customer.email as string },
    });
    expect(reminders).toHaveLength(1);
    expect(reminders[0].subject).toContain(invoice.number as string);

    // Day 7: an SMS.
    await dayOverdue(svc, due, 7);
    const sms = await t.prisma.notificationDelivery.findMany({
      where: { tenantId: tenant.id, subscriberId: payer.subscriber.id, template: "dunning_reminder", channel: "SMS" },
    });
    expect(sms).toHaveLength(1);

    // Day 14: suspended through the saga — suspended group, session disconnected, re-dial rejected.
    expect(bng.sessionOf(payer.subscriber.username)).not.toBeNull();
    await dayOverdue(svc, due, 14);
    const suspendJob = await t.prisma.orchestrationJob.findFirstOrThrow({
      where: { subscriberId: payer.subscriber.id, type: "suspend-subscriber" },
      include: { steps: true },
    });
    expect(suspendJob.status).toBe("COMPLETED");
    expect((await t.prisma.subscriber.findUniqueOrThrow({ where: { id: payer.subscriber.id } })).status).toBe(
      "SUSPENDED",
    );
    expect(await groupsOf(payer.subscriber.username)).toEqual(["suspended"]);
    expect(bng.sessionOf(payer.subscriber.username)).toBeNull();
    expect((await bng.dial(payer.subscriber.username, payer.subscriber.password)).accepted).toBe(false);
    await runDunning(svc);
    await executor.runUntilIdle({ advanceClock: true });
    expect(await t.prisma.orchestrationJob.count({ where: { type: "suspend-subscriber" } })).toBe(2);

    const queue = await listDunningCases(svc, { page: 1, pageSize: 25, search: "Paula" });
    expect(queue.total).toBe(1);
    expect(queue.rows[0]).toMatchObject({ daysOverdue: 14, suspended: true, stage: { day: 14, action: "SUSPEND" } });
    expect(queue.rows[0].nextStep).toMatchObject({ day: 30, action: "DISCONNECT" });

    // The payment clears the overdue balance: the case resolves and the restore saga runs.
    await recordManualPayment(svc, {
      customerId: payer.customer.id,
      method: "BANK_TRANSFER",
      amountMinor: invoice.totalMinor,
      reference: "late but paid",
    });
    await executor.runUntilIdle({ advanceClock: true });
    expect((await t.prisma.subscriber.findUniqueOrThrow({ where: { id: payer.subscriber.id } })).status).toBe("ACTIVE");
    expect(await groupsOf(payer.subscriber.username)).not.toContain("suspended");
    expect((await bng.dial(payer.subscriber.username, payer.subscriber.password)).accepted).toBe(true);
    const closed = await t.prisma.dunningCase.findFirstOrThrow({
      where: { subscriberId: payer.subscriber.id },
      include: { actions: { orderBy: { day: "asc" } } },
    });
    expect(closed.status).toBe("RESOLVED");
    expect(closed.actions.map((a) => `${a.day}:${a.action}:${a.outcome}`)).toEqual([
      "-1:RESTORE:restored",
      "3:EMAIL:sent",
      "7:SMS:sent",
      "14:SUSPEND:suspended",
    ]);

    // The sequence stopped for the payer; the other one reaches day 30 and is disconnected.
    await dayOverdue(svc, due, 30);
    expect(await t.prisma.dunningAction.count({ where: { caseId: closed.id } })).toBe(4);
    const gone = await t.prisma.subscriber.findUniqueOrThrow({ where: { id: never.subscriber.id } });
    expect(gone.status).toBe("TERMINATED");
    expect(await groupsOf(never.subscriber.username)).toEqual([]);
    const open = await t.prisma.dunningCase.findFirstOrThrow({ where: { subscriberId: never.subscriber.id } });
    expect(open).toMatchObject({ status: "OPEN", suspended: true, disconnected: true });
  }, 120_000);

  it("does not lift a suspension staff made for another reason, nor suspend one that is not active", async () => {
    const { tenant, basic, svc } = await billingTenant(t.prisma);
    const s = await createBilledSubscriber(t.prisma, tenant.id, basic.id, { name: "Frida Fraud" });
    await provisionRadius(svc, s.subscriber, basic);
    await startBillingSubscription(svc, s.subscriber, { at: parseDate("2026-05-10") });
    await runBillingCycle(svc, { date: parseDate("2026-06-01") });
    const invoice = await t.prisma.invoice.findFirstOrThrow({ where: { customerId: s.customer.id } });
    await transitionSubscriber(svc, s.subscriber.id, "SUSPENDED", { suspendReason: "FRAUD", reason: "fraud" });
    await dayOverdue(svc, invoice.dueDate as Date, 14);
    const c = await t.prisma.dunningCase.findFirstOrThrow({
      where: { subscriberId: s.subscriber.id },
      include: { actions: true },
    });
    expect(c.suspended).toBe(false);
    expect(c.actions.find((a) => a.action === "SUSPEND")?.outcome).toBe("skipped");
    expect(await t.prisma.orchestrationJob.count({ where: { subscriberId: s.subscriber.id } })).toBe(0);
    await recordManualPayment(svc, {
      customerId: s.customer.id,
      method: "CASH",
      amountMinor: invoice.totalMinor,
    });
    await executor.runUntilIdle({ advanceClock: true });
    expect((await t.prisma.dunningCase.findUniqueOrThrow({ where: { id: c.id } })).status).toBe("RESOLVED");
    const after = await t.prisma.subscriber.findUniqueOrThrow({ where: { id: s.subscriber.id } });
    expect(after).toMatchObject({ status: "SUSPENDED", suspendReason: "FRAUD" });
  }, 60_000);
});
