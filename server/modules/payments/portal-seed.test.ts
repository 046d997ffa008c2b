// The portal's demo data: what J9 and J20 rely on exists after seeding, and seeding again
// (every `npm run demo` start) adds nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_ACCOUNTS } from "@/prisma/demo-accounts";
import { seedDemo } from "@/prisma/seed";
import { type TestDatabase, testDatabase } from "@/server/testing/db";
import { callerAs } from "@/server/testing/fixtures";

let t: TestDatabase;
beforeAll(async () => {
  t = await testDatabase();
});
afterAll(() => t.drop());

/** The demo subscriber's own rows (other seeds bill the other demo customers). */
async function counts(customerId: string) {
  const subs = await t.prisma.billingSubscription.findMany({ where: { customerId } });
  const [usage] = await t.prisma.$queryRaw<Array<{ n: bigint }>>`
    SELECT count(*)::bigint AS n FROM radacct WHERE subscriber_id = ANY(${subs.map((s) => s.subscriberId)}::uuid[])`;
  return {
    invoices: await t.prisma.invoice.count({ where: { customerId } }),
    payments: await t.prisma.payment.count({ where: { customerId } }),
    subscriptions: subs.length,
    usage: Number(usage.n),
  };
}

describe("portal demo data", () => {
  it("links the demo subscriber to a billed service with open invoices and usage, once", async () => {
    await seedDemo(t.prisma, () => {});
    const user = await t.prisma.user.findUniqueOrThrow({ where: { email: DEMO_ACCOUNTS.subscriber.email } });
    const customerId = user.customerId as string;
    expect(customerId).toBeTruthy();
    const first = await counts(customerId);
    expect(first).toEqual({ invoices: 3, payments: 1, subscriptions: 1, usage: 120 });
    const portal = await callerAs(t.prisma, user.id);
    const overview = await portal.subscribers.portal.overview();
    expect(overview.services.map((s) => s.plan?.name)).toEqual(["Fiber 100"]);
    expect(overview.openInvoices).toHaveLength(2);
    expect(overview.balanceDueMinor).toBe(2990 + 7900);
    // Oldest first, numbers breaking the tie: the cycle invoice before the equipment one.
    expect(overview.openInvoices.map((i) => i.amountDueMinor)).toEqual([2990, 7900]);
    const invoices = await portal.billing.portal.invoices({ page: 1, pageSize: 25 });
    expect(invoices.rows.map((r) => r.status).sort()).toEqual(["ISSUED", "ISSUED", "PAID"]);
    const usage = await portal.billing.portal.usage({ days: 366 });
    expect(usage.daily.length).toBeGreaterThanOrEqual(119);
    expect(usage.monthly.reduce((s, m) => s + m.downloadBytes, 0)).toBeGreaterThan(100e9);

    await seedDemo(t.prisma, () => {});
    expect(await counts(customerId)).toEqual(first);
  });
});
