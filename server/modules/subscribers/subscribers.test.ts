import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tenantDb } from "@/server/db";
import { transitionSubscriber } from "@/server/modules/subscribers";
import { systemActor } from "@/server/service-context";
import { type TestDatabase, testDatabase } from "@/server/testing/db";
import { callerAs, createTenant, createUser } from "@/server/testing/fixtures";

let t: TestDatabase;
beforeAll(async () => {
  t = await testDatabase();
});
afterAll(() => t.drop());

async function setup() {
  const tenant = await createTenant(t.prisma);
  const admin = await createUser(t.prisma, { roleKey: "tenant_admin", tenantId: tenant.id });
  const caller = await callerAs(t.prisma, admin.id);
  const plan = await caller.catalog.plans.create({
    code: `fiber-${tenant.slug}`,
    name: "Fiber 100",
    downloadKbps: 100_000,
    uploadKbps: 20_000,
    priceMinor: 3990,
    currency: "EUR",
  });
  const customer = await caller.customers.create({
    name: "Ada Lovelace",
    email: "ada@example.com",
    phone: "+49 30 1234567",
    billingLine1: "Hauptstr. 1",
    billingCity: "Berlin",
    billingPostcode: "10115",
    billingCountry: "de",
    serviceAddresses: [
      { line1: "Gartenweg 7", city: "Berlin", postcode: "10117", country: "DE", latitude: 52.5, longitude: 13.4 },
    ],
  });
  const full = await caller.customers.get({ id: customer.id });
  return { tenant, caller, plan, customer, address: full.serviceAddresses[0] };
}

describe("subscribers", () => {
  it("creates, searches by name/phone/serial/MAC/IP and walks the lifecycle with RADIUS rows", async () => {
    const { caller, plan, customer, address, tenant } = await setup();
    const sub = await caller.subscribers.create({
      customerId: customer.id,
      planId: plan.id,
      serviceAddressId: address.id,
      username: `ada-${tenant.slug}`,
      password: "s3cret-pw",
      onuSerial: "hwtc1234abcd",
      cpeMac: "aa-bb-cc-00-11-22",
      staticIpv4: "100.64.0.10",
    });
    expect(sub.status).toBe("PENDING");
    expect(sub).not.toHaveProperty("password");
    for (const term of [
      "lovelace",
      "1234567",
      "HWTC1234",
      "aa:bb:cc:00:11:22",
      "aabbcc001122",
      "100.64.0.10",
      "gartenweg",
    ]) {
      const found = await caller.subscribers.list({ page: 1, pageSize: 10, search: term });
      expect(
        found.rows.map((r) => r.id),
        term,
      ).toContain(sub.id);
    }
    // The state machine the sagas drive. An illegal move is refused with a readable message.
    const svc = { tenantId: tenant.id, db: tenantDb(tenant.id), actor: systemActor("test") };
    const move = (to: Parameters<typeof transitionSubscriber>[2]) => transitionSubscriber(svc, sub.id, to);
    await expect(move("SUSPENDED")).rejects.toThrow(/cannot go from Pending to Suspended/);
    await move("PROVISIONING");
    await move("ACTIVE");
    const check = await t.prisma.radCheck.findMany({ where: { subscriberId: sub.id } });
    expect(check).toEqual([
      expect.objectContaining({ attribute: "Cleartext-Password", value: "s3cret-pw", tenantId: tenant.id }),
    ]);
    const groups = await t.prisma.radUserGroup.findMany({
      where: { subscriberId: sub.id },
      orderBy: { priority: "asc" },
    });
    expect(groups.map((g) => g.groupname)).toEqual([
      `plan:${plan.id}:mikrotik`,
      `plan:${plan.id}:cisco`,
      `plan:${plan.id}:juniper`,
      `plan:${plan.id}:huawei`,
      `plan:${plan.id}`,
    ]);
    const reply = await t.prisma.radGroupReply.findMany({ where: { groupname: `plan:${plan.id}:mikrotik` } });
    expect(reply).toEqual([expect.objectContaining({ attribute: "Mikrotik-Rate-Limit", value: "20M/100M" })]);
    expect(await t.prisma.radReply.findMany({ where: { subscriberId: sub.id } })).toEqual([
      expect.objectContaining({ attribute: "Framed-IP-Address", value: "100.64.0.10" }),
    ]);
    // Idempotent: same status again changes nothing.
    await move("ACTIVE");
    expect(await t.prisma.radCheck.count({ where: { subscriberId: sub.id } })).toBe(1);
    // Suspension moves the user into the suspended group (never Auth-Type in radreply).
    const suspended = await transitionSubscriber(svc, sub.id, "SUSPENDED", { suspendReason: "NON_PAYMENT" });
    expect(suspended.status).toBe("SUSPENDED");
    const sgroups = await t.prisma.radUserGroup.findMany({ where: { subscriberId: sub.id } });
    expect(sgroups.map((g) => g.groupname)).toEqual(["suspended"]);
    expect(await t.prisma.radReply.count({ where: { attribute: "Auth-Type" } })).toBe(0);
    // Password change updates radcheck in the same transaction.
    await caller.subscribers.setPassword({ id: sub.id, password: "new-pass-1" });
    expect((await t.prisma.radCheck.findFirst({ where: { subscriberId: sub.id } }))?.value).toBe("new-pass-1");
    await move("ACTIVE");
    await move("TERMINATED");
    expect(await t.prisma.radCheck.count({ where: { subscriberId: sub.id } })).toBe(0);
    expect(await t.prisma.radUserGroup.count({ where: { subscriberId: sub.id } })).toBe(0);
    await expect(move("ACTIVE")).rejects.toThrow(/Terminated is final/);
    const history = await caller.subscribers.history({ id: sub.id });
    expect(history.map((h) => h.action)).toEqual(
      expect.arrayContaining([
        "subscriber.status.active",
        "subscriber.status.suspended",
        "subscriber.status.terminated",
      ]),
    );
    expect(JSON.stringify(history)).not.toContain("s3cret-pw");
  });

  it("follows a customer's and a service address's edits in the search (the follower customers calls)", async () => {
    const { caller, plan, customer, address, tenant } = await setup();
    const sub = await caller.subscribers.create({
      customerId: customer.id,
      planId: plan.id,
      serviceAddressId: address.id,
      username: `grace-${tenant.slug}`,
    });
    await caller.customers.update({ id: customer.id, data: { name: "Grace Hopper", phone: "+49 30 7654321" } });
    await caller.customers.updateServiceAddress({ id: address.id, address: { line1: "Lindenallee 3" } });
    for (const term of ["hopper", "7654321", "lindenallee"]) {
      const found = await caller.subscribers.list({ page: 1, pageSize: 10, search: term });
      expect(
        found.rows.map((r) => r.id),
        term,
      ).toContain(sub.id);
    }
    for (const term of ["lovelace", "gartenweg"]) {
      const found = await caller.subscribers.list({ page: 1, pageSize: 10, search: term });
      expect(
        found.rows.map((r) => r.id),
        term,
      ).not.toContain(sub.id);
    }
  });

  it("keeps tenants apart and checks permissions", async () => {
    const a = await setup();
    const b = await setup();
    const sub = await a.caller.subscribers.create({ customerId: a.customer.id, planId: a.plan.id });
    await expect(b.caller.subscribers.get({ id: sub.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    for (const start of [
      () => b.caller.orchestration.provisionSubscriber({ input: { subscriberId: sub.id } }),
      () => b.caller.orchestration.preview.deprovisionSubscriber({ input: { subscriberId: sub.id } }),
    ])
      await expect(start()).rejects.toMatchObject({ code: "NOT_FOUND" });
    const tech = await createUser(t.prisma, { roleKey: "field_technician", tenantId: a.tenant.id });
    const techCaller = await callerAs(t.prisma, tech.id);
    expect((await techCaller.subscribers.get({ id: sub.id })).id).toBe(sub.id);
    await expect(
      techCaller.orchestration.suspendSubscriber({ input: { subscriberId: sub.id, reason: "FRAUD" } }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(techCaller.subscribers.credentials({ id: sub.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("refuses a username another ISP already uses", async () => {
    const a = await setup();
    const b = await setup();
    await a.caller.subscribers.create({ customerId: a.customer.id, planId: a.plan.id, username: "shared-name" });
    await expect(
      b.caller.subscribers.create({ customerId: b.customer.id, planId: b.plan.id, username: "shared-name" }),
    ).rejects.toThrow(/taken/);
  });
});
