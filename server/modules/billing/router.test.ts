import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { billingTenant, createBilledSubscriber } from "@/server/testing/billing-fixtures";
import { type TestDatabase, testDatabase } from "@/server/testing/db";
import { callerAs, createUser } from "@/server/testing/fixtures";
import { parseDate } from "./money";
import { runBillingCycle } from "./run";
import { invoicePdf } from "./service";
import { startBillingSubscription } from "./subscriptions";

let t: TestDatabase;
beforeAll(async () => {
  t = await testDatabase();
});
afterAll(() => t.drop());

describe("billing procedures", () => {
  it("enforce permissions, tenant isolation and the portal's own-customer scope", async () => {
    const a = await billingTenant(t.prisma);
    const b = await billingTenant(t.prisma);
    const mine = await createBilledSubscriber(t.prisma, a.tenant.id, a.basic.id, { name: "Ana Silva" });
    const other = await createBilledSubscriber(t.prisma, a.tenant.id, a.basic.id, { name: "Bruno Costa" });
    for (const s of [mine, other]) await startBillingSubscription(a.svc, s.subscriber, { at: parseDate("2026-02-01") });
    await runBillingCycle(a.svc, { date: parseDate("2026-03-01") });
    const [invMine, invOther] = await Promise.all([
      t.prisma.invoice.findFirstOrThrow({ where: { customerId: mine.customer.id } }),
      t.prisma.invoice.findFirstOrThrow({ where: { customerId: other.customer.id } }),
    ]);

    const clerk = await callerAs(
      t.prisma,
      (await createUser(t.prisma, { roleKey: "billing_clerk", tenantId: a.tenant.id })).id,
    );
    const list = await clerk.billing.invoices.list({ page: 1, pageSize: 25, search: "Ana" });
    expect(list.rows.map((r) => r.id)).toEqual([invMine.id]);
    expect((await clerk.billing.invoices.list({ page: 1, pageSize: 25, filters: { status: "OPEN" } })).total).toBe(2);
    const ageing = await clerk.billing.reports.ageing({});
    expect(ageing.total).toBe(invMine.totalMinor + invOther.totalMinor);

    const csr = await callerAs(t.prisma, (await createUser(t.prisma, { roleKey: "csr", tenantId: a.tenant.id })).id);
    await expect(csr.billing.invoices.void({ id: invMine.id, reason: "test" })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    expect((await csr.billing.invoices.get({ id: invMine.id })).number).toBe(invMine.number);

    const otherTenant = await callerAs(
      t.prisma,
      (await createUser(t.prisma, { roleKey: "billing_clerk", tenantId: b.tenant.id })).id,
    );
    await expect(otherTenant.billing.invoices.get({ id: invMine.id })).rejects.toMatchObject({ code: "NOT_FOUND" });

    const subscriberUser = await createUser(t.prisma, {
      roleKey: "subscriber",
      tenantId: a.tenant.id,
      customerId: mine.customer.id,
    });
    const portal = await callerAs(t.prisma, subscriberUser.id);
    const overview = await portal.subscribers.portal.overview();
    expect(overview.balanceDueMinor).toBe(invMine.totalMinor);
    expect(overview.services[0].plan?.name).toBe("Fiber 100");
    expect((await portal.billing.portal.invoices({ page: 1, pageSize: 10 })).rows.map((r) => r.id)).toEqual([
      invMine.id,
    ]);
    await expect(portal.billing.portal.invoice({ id: invOther.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(portal.payments.checkout({ invoiceId: invOther.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(portal.billing.invoices.list({ page: 1, pageSize: 10 })).rejects.toMatchObject({ code: "FORBIDDEN" });

    // Void needs the invoice unpaid; a credit note then goes to the balance.
    await clerk.billing.invoices.void({ id: invOther.id, reason: "duplicate customer" });
    await expect(
      clerk.billing.creditNotes.create({ invoiceId: invOther.id, reason: "test", full: true }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    const note = await clerk.billing.creditNotes.create({
      invoiceId: invMine.id,
      reason: "outage credit",
      amountMinor: 600,
    });
    expect(note.number).toBe("CN-000001");
    expect(note.totalMinor).toBe(720); // 6.00 + 20% tax
    expect((await clerk.billing.invoices.get({ id: invMine.id })).amountDueMinor).toBe(invMine.totalMinor - 720);

    const pdf = await invoicePdf(a.svc, invMine.id);
    expect(Buffer.from(pdf.bytes).subarray(0, 5).toString()).toBe("%PDF-");
    expect(pdf.bytes.length).toBeGreaterThan(1500);
    expect(pdf.filename).toBe(`${invMine.number}.pdf`);
  });
});
