// The counts other modules' lists show, read through their owner: a plan's subscribers and a
// customer's services (counted by subscribers, handed to catalog and customers at load).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listPlans } from "@/server/modules/catalog";
import { listCustomers } from "@/server/modules/customers";
import type { ServiceContext } from "@/server/service-context";
import { type TestDatabase, testDatabase } from "@/server/testing/db";
import { createTestSubscriber, tenantContext } from "@/server/testing/network-fixtures";
import "@/server/modules/subscribers";

let t: TestDatabase;
let svc: ServiceContext;

beforeAll(async () => {
  t = await testDatabase();
  svc = await tenantContext(t.prisma);
});
afterAll(async () => {
  await t.drop();
});

describe("counts in other modules' lists", () => {
  it("a plan's subscribers and a customer's services", async () => {
    const first = await createTestSubscriber(t.prisma, svc);
    // A second service of the same customer on the same plan.
    await t.prisma.subscriber.create({
      data: {
        tenantId: svc.tenantId,
        customerId: first.customerId,
        planId: first.planId,
        username: `${first.username}-2`,
        password: "second-secret",
      },
    });
    const lone = await createTestSubscriber(t.prisma, svc);

    const plans = await listPlans(svc, { page: 1, pageSize: 50 });
    expect(plans.rows.find((p) => p.id === first.planId)?.subscriberCount).toBe(2);
    expect(plans.rows.find((p) => p.id === lone.planId)?.subscriberCount).toBe(1);
    const customers = await listCustomers(svc, { page: 1, pageSize: 50 });
    expect(customers.rows.find((c) => c.id === first.customerId)?.subscriberCount).toBe(2);
    expect(customers.rows.find((c) => c.id === lone.customerId)?.subscriberCount).toBe(1);
  });
});
