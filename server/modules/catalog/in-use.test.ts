// "In use" is the database's to say: a plan somebody is on, or a service address a subscriber
// is installed at, cannot be deleted (FK ON DELETE RESTRICT); the answer is a clear CONFLICT and
// nothing changes. Unused ones go.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addServiceAddress, removeServiceAddress } from "@/server/modules/customers";
import { billingTenant, createBilledSubscriber } from "@/server/testing/billing-fixtures";
import { type TestDatabase, testDatabase } from "@/server/testing/db";
import { createPlan, deletePlan } from "./service";

let t: TestDatabase;
beforeAll(async () => {
  t = await testDatabase();
});
afterAll(() => t.drop());

describe("in use, says the database", () => {
  it("refuses to delete a plan a subscriber is on, and deletes an unused one", async () => {
    const { basic, svc } = await billingTenant(t.prisma);
    await createBilledSubscriber(t.prisma, svc.tenantId, basic.id);
    await expect(deletePlan(svc, basic.id)).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining("retire it"),
    });
    expect(await t.prisma.plan.count({ where: { id: basic.id } })).toBe(1);
    expect(await t.prisma.auditLog.count({ where: { action: "plan.delete", targetId: basic.id } })).toBe(0);

    const spare = await createPlan(svc, {
      code: "SPARE-1",
      name: "Spare",
      downloadKbps: 10_000,
      uploadKbps: 5_000,
      priceMinor: 1000,
      currency: "EUR",
    });
    await deletePlan(svc, spare.id);
    expect(await t.prisma.plan.count({ where: { id: spare.id } })).toBe(0);
  });

  it("refuses to remove a service address a subscriber is installed at, and removes a free one", async () => {
    const { basic, svc } = await billingTenant(t.prisma);
    const { customer, subscriber } = await createBilledSubscriber(t.prisma, svc.tenantId, basic.id);
    const place = { line1: "2 Fibre Street", city: "Lisbon", postcode: "1000-002", country: "PT" };
    const installed = await addServiceAddress(svc, customer.id, place);
    await t.prisma.subscriber.update({ where: { id: subscriber.id }, data: { serviceAddressId: installed.id } });
    await expect(removeServiceAddress(svc, installed.id)).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining("installed at this address"),
    });
    expect(await t.prisma.serviceAddress.count({ where: { id: installed.id } })).toBe(1);
    expect((await t.prisma.subscriber.findUniqueOrThrow({ where: { id: subscriber.id } })).serviceAddressId).toBe(
      installed.id,
    );

    const free = await addServiceAddress(svc, customer.id, { ...place, line1: "3 Fibre Street" });
    await removeServiceAddress(svc, free.id);
    expect(await t.prisma.serviceAddress.count({ where: { id: free.id } })).toBe(0);
  });
});
