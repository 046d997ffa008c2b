import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addUsage, billingTenant, createBilledSubscriber } from "@/server/testing/billing-fixtures";
import { type TestDatabase, testDatabase } from "@/server/testing/db";
import { insertDraftInvoices, issueDrafts } from "./invoicing";
import { parseDate } from "./money";
import { runBillingCycle } from "./run";
import { changeBillingPlan, endBillingSubscription, startBillingSubscription } from "./subscriptions";

let t: TestDatabase;
beforeAll(async () => {
  t = await testDatabase();
});
afterAll(() => t.drop());

const d = parseDate;
const GB = 1_000_000_000n;

describe("subscriptions and the billing run", () => {
  it("bills proration, setup fee, recurring, usage and tax; running twice creates nothing twice", async () => {
    const { tenant, basic, svc } = await billingTenant(t.prisma);
    const a = await createBilledSubscriber(t.prisma, tenant.id, basic.id);
    const b = await createBilledSubscriber(t.prisma, tenant.id, basic.id);
    // a starts on 11 June (20 of 30 days), b on the anchor day.
    await startBillingSubscription(svc, a.subscriber, { at: d("2026-06-11") });
    await startBillingSubscription(svc, a.subscriber, { at: d("2026-06-11") }); // idempotent
    await startBillingSubscription(svc, b.subscriber, {
      at: d("2026-06-01"),
      oneOffs: [{ description: "WiFi 6 router", amountMinor: 8000, key: "router" }],
    });
    // a used 112.5 GB in June: 13 started GB over the 100 GB cap.
    await addUsage(t.prisma, tenant.id, a.subscriber.id, "2026-06-15", 112n * GB + GB / 2n);

    const run = await runBillingCycle(svc, { date: d("2026-07-05") });
    expect(run.status).toBe("COMPLETED");
    expect(run.invoicesCreated).toBe(2);
    const again = await runBillingCycle(svc, { date: d("2026-07-20") });
    expect(again.id).toBe(run.id);
    expect(await t.prisma.invoice.count({ where: { tenantId: tenant.id } })).toBe(2);

    const invA = await t.prisma.invoice.findFirstOrThrow({
      where: { subscriberId: a.subscriber.id },
      include: { lines: { orderBy: { position: "asc" } } },
    });
    expect(invA.status).toBe("ISSUED");
    expect(invA.periodStart).toEqual(d("2026-07-01"));
    const byKind = Object.fromEntries(invA.lines.map((l) => [l.kind, l]));
    expect(byKind.USAGE.quantity).toBe(13);
    expect(byKind.USAGE.netMinor).toBe(2600);
    expect(byKind.RECURRING.netMinor).toBe(3000);
    expect(byKind.PRORATION.netMinor).toBe(2000); // 20/30 of 30.00
    expect(byKind.ONE_OFF.netMinor).toBe(5000); // setup fee
    expect(invA.subtotalMinor).toBe(2600 + 3000 + 2000 + 5000);
    expect(invA.taxMinor).toBe(Math.round(invA.subtotalMinor * 0.2));
    expect(invA.totalMinor).toBe(invA.subtotalMinor + invA.taxMinor);

    const numbers = (
      await t.prisma.invoice.findMany({ where: { tenantId: tenant.id }, orderBy: { sequence: "asc" } })
    ).map((i) => i.number);
    expect(numbers).toEqual(["INV-000001", "INV-000002"]);

    // The next cycle: a change to the faster plan in the middle of August.
    await runBillingCycle(svc, { date: d("2026-08-01") });
    await changeBillingPlan(
      svc,
      a.subscriber.id,
      (await t.prisma.plan.findFirstOrThrow({ where: { tenantId: tenant.id, code: "FIBER-500" } })).id,
      "now",
      {
        at: d("2026-08-17"),
      },
    );
    await runBillingCycle(svc, { date: d("2026-09-01") });
    const sept = await t.prisma.invoice.findFirstOrThrow({
      where: { subscriberId: a.subscriber.id, periodStart: d("2026-09-01") },
      include: { lines: true },
    });
    const credit = sept.lines.find((l) => l.kind === "CREDIT");
    const charge = sept.lines.find((l) => l.kind === "PRORATION");
    expect(credit?.netMinor).toBe(-1452); // 15/31 of 30.00 = 14.516…
    expect(charge?.netMinor).toBe(2903); // 15/31 of 60.00 = 29.032…
    expect(sept.lines.find((l) => l.kind === "RECURRING")?.netMinor).toBe(6000);
  });

  it("ends with a final prorated invoice and refuses to change an issued invoice", async () => {
    const { tenant, basic, svc } = await billingTenant(t.prisma, { pricesIncludeTax: true });
    const a = await createBilledSubscriber(t.prisma, tenant.id, basic.id);
    await startBillingSubscription(svc, a.subscriber, { at: d("2026-03-01") });
    await runBillingCycle(svc, { date: d("2026-03-01") }); // nothing due: March was booked at start
    const april = await runBillingCycle(svc, { date: d("2026-04-01") });
    expect(april.invoicesCreated).toBe(1);
    const ended = await endBillingSubscription(svc, a.subscriber.id, d("2026-04-21"));
    const again = await endBillingSubscription(svc, a.subscriber.id, d("2026-04-21"));
    expect(again?.finalInvoice?.id).toBe(ended?.finalInvoice?.id);
    const final = await t.prisma.invoice.findUniqueOrThrow({
      where: { id: ended?.finalInvoice?.id ?? "" },
      include: { lines: true },
    });
    // 10 unused days of April (30) credited; prices include tax (net 8.33 + tax 1.67).
    expect(final.lines.map((l) => [l.kind, l.grossMinor, l.netMinor])).toEqual([["CREDIT", -1000, -833]]);
    expect(final.totalMinor).toBe(-1000);
    expect(final.status).toBe("PAID");
    const account = await t.prisma.billingAccount.findFirstOrThrow({ where: { customerId: a.customer.id } });
    expect(account.creditBalanceMinor).toBe(1000);
    // Ending what never started is a no-op.
    expect(await endBillingSubscription(svc, "0196a0c1-0000-7000-8000-000000000009")).toBeNull();

    await expect(
      t.prisma.$executeRawUnsafe(`UPDATE "Invoice" SET "totalMinor" = 1 WHERE "id" = $1::uuid`, final.id),
    ).rejects.toThrow(/credit note/);
    await expect(
      t.prisma.$executeRawUnsafe(`UPDATE "InvoiceLine" SET "netMinor" = 1 WHERE "invoiceId" = $1::uuid`, final.id),
    ).rejects.toThrow(/credit note/);
    await expect(t.prisma.$executeRawUnsafe(`DELETE FROM "Invoice" WHERE "id" = $1::uuid`, final.id)).rejects.toThrow();
  });

  it("numbers invoices without gaps under concurrent issuing, even when one rolls back", async () => {
    const { tenant, basic, svc } = await billingTenant(t.prisma);
    const subs = await Promise.all(
      Array.from({ length: 8 }, () => createBilledSubscriber(t.prisma, tenant.id, basic.id)),
    );
    const issueOne = (customerId: string, fail: boolean) =>
      t.prisma
        .$transaction(async (tx) => {
          const [id] = await insertDraftInvoices(tx, tenant.id, [
            {
              customerId,
              subscriberId: null,
              subscriptionId: null,
              billingRunId: null,
              periodStart: null,
              periodEnd: null,
              kind: "manual",
              currency: "EUR",
              pricesIncludeTax: false,
              billTo: {},
              lines: [
                {
                  kind: "ONE_OFF",
                  description: "Service call",
                  quantity: 1,
                  unitAmountMinor: 1000,
                  netMinor: 1000,
                  taxMinor: 0,
                  grossMinor: 1000,
                  taxRateId: null,
                  taxRateName: null,
                  taxBasisPoints: 0,
                  periodStart: null,
                  periodEnd: null,
                },
              ],
            },
          ]);
          await issueDrafts(tx, tenant.id, [id], { prefix: "INV-", issueDate: new Date(), paymentTermsDays: 14 });
          if (fail) throw new Error("rolled back on purpose");
        })
        .catch((e: Error) => e.message);
    await Promise.all(subs.map((s, i) => issueOne(s.customer.id, i === 3)));
    const seqs = (
      await svc.db.invoice.findMany({ where: { status: { not: "DRAFT" } }, orderBy: { sequence: "asc" } })
    ).map((i) => i.sequence);
    expect(seqs).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });
});
