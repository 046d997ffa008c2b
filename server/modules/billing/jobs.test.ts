// The billing run as a job on the embedded executor: batches, emails, and a second request that adds nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EmbeddedExecutor } from "@/inngest/executor/worker";
import { parseDate, requestBillingRun, startBillingSubscription } from "@/server/modules/billing";
import { billingTenant, createBilledSubscriber } from "@/server/testing/billing-fixtures";
import { type TestDatabase, testDatabase } from "@/server/testing/db";

let t: TestDatabase;
beforeAll(async () => {
  t = await testDatabase();
});
afterAll(() => t.drop());

describe("billing run on the embedded executor", () => {
  it("bills every due subscription in batches, emails the invoices, and a second request adds nothing", async () => {
    const { tenant, basic, svc } = await billingTenant(t.prisma);
    for (let i = 0; i < 5; i++) {
      const s = await createBilledSubscriber(t.prisma, tenant.id, basic.id);
      await startBillingSubscription(svc, s.subscriber, { at: parseDate("2026-05-10") });
    }
    const run = await requestBillingRun(svc, { date: parseDate("2026-06-01"), batchSize: 2 });
    expect(run.dueSubscriptions).toBe(5);
    const executor = new EmbeddedExecutor();
    await executor.runUntilIdle();
    const done = await t.prisma.billingRun.findUniqueOrThrow({ where: { id: run.id } });
    expect(done.status).toBe("COMPLETED");
    expect(done.invoicesCreated).toBe(5);
    expect(done.emailed).toBe(5);
    expect(await t.prisma.emailMessage.count({ where: { tenantId: tenant.id, template: "invoice_issued" } })).toBe(5);

    const again = await requestBillingRun(svc, { date: parseDate("2026-06-15") });
    await executor.runUntilIdle();
    expect(again.id).toBe(run.id);
    expect(await t.prisma.invoice.count({ where: { tenantId: tenant.id } })).toBe(5);
  });
});
