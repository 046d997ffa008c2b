// The IPAM module on NetBox, end to end: real PostgreSQL, the provision saga on the embedded
// executor, and the fake NetBox over HTTP answering as NetBox 4.5.10 does (a fresh NetBox has
// no fiberops_subscriber custom field). Provisioning fails clearly at the IP step until the
// field exists — created by hand in NetBox, or by "Test connection" with a token that may —
// and then a retry completes. Pools adopt the prefix and gateway NetBox already holds.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EmbeddedExecutor } from "@/inngest/executor/worker";
import { tenantDb } from "@/server/db";
import { scanNow } from "@/server/modules/drift";
import { provisionSubscriber, subscriberForNetwork } from "@/server/modules/subscribers";
import { createJob, retryJob } from "@/server/orchestration/runner";
import { type ServiceContext, systemActor } from "@/server/service-context";
import { type TestDatabase, testDatabase } from "@/server/testing/db";
import { callerAs, createTenant, createUser } from "@/server/testing/fixtures";
import { type NetBoxFake, startNetBoxFake } from "@/simulator/netbox/server";
import { NetworkSimulator, simulatorFor } from "@/simulator/network/state";
import { allocateSubscriberIp, createPool } from "./service";

const ADMIN = "n".repeat(40);
/** A token whose user may work in IPAM but not read or add custom fields. */
const IPAM_ONLY = "p".repeat(40);
const IPAM_PERMS = ["view_prefix", "add_prefix", "view_ipaddress", "add_ipaddress", "delete_ipaddress"].map(
  (p) => `ipam.${p}`,
);

let t: TestDatabase;
const fakes: NetBoxFake[] = [];
const executor = new EmbeddedExecutor({ workerId: "netbox-ipam-test", backoffMs: () => 10, leaseMs: 20_000 });

beforeAll(async () => {
  t = await testDatabase();
});
afterAll(async () => {
  await Promise.all(fakes.map((f) => f.close()));
  await t.drop();
});

/** The ISP's NetBox, with its subscriber prefix and the gateway already recorded. */
async function ispNetBox(name: string) {
  const sim = new NetworkSimulator(name);
  const netbox = await startNetBoxFake(sim, { tokens: [ADMIN, { token: IPAM_ONLY, permissions: IPAM_PERMS }] });
  fakes.push(netbox);
  const nb = async (method: string, path: string, body: unknown) => {
    const res = await fetch(`${netbox.url}${path}`, {
      method,
      headers: { authorization: `Token ${ADMIN}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as { id: number; address?: string };
  };
  const prefix = await nb("POST", "/api/ipam/prefixes/", { prefix: "100.64.0.0/24", status: "active" });
  await nb("POST", "/api/ipam/ip-addresses/", { address: "100.64.0.1/24", status: "active", description: "BNG" });
  return { sim, netbox, nb, prefixId: String(prefix.id) };
}

/** A tenant on the simulated access network whose IPAM is the given NetBox. */
async function tenantOn(netbox: NetBoxFake, token: string) {
  const tenant = await createTenant(t.prisma);
  simulatorFor(tenant.id, { onusPerPort: 2 });
  const caller = await callerAs(
    t.prisma,
    (await createUser(t.prisma, { roleKey: "tenant_admin", tenantId: tenant.id })).id,
  );
  const svc: ServiceContext = { tenantId: tenant.id, db: tenantDb(tenant.id), actor: systemActor("test") };
  await caller.integrations.save({
    system: "IPAM",
    mode: "REAL",
    url: netbox.url,
    credentials: { token },
    options: { timeoutMs: 5000 },
  });
  const plan = await caller.catalog.plans.create({
    code: "fiber-100",
    name: "Fiber 100",
    downloadKbps: 100_000,
    uploadKbps: 50_000,
    priceMinor: 2990,
    currency: "EUR",
  });
  const customer = await caller.customers.create({
    name: "Grace Hopper",
    email: "grace@example.com",
    billingLine1: "Main St 2",
    billingCity: "Berlin",
    billingPostcode: "10115",
    billingCountry: "DE",
  });
  const olt = await caller.network.olts.register({ name: "OLT-NB", hostAndPort: "10.9.1.10:9191" });
  const serials = (await t.prisma.onu.findMany({ where: { oltId: olt.id }, orderBy: { serialNumber: "asc" } })).map(
    (o) => o.serialNumber,
  );
  const tag = randomBytes(4).toString("hex");
  const input = (n: number) => ({
    customerId: customer.id,
    planId: plan.id,
    onuSerial: serials[n],
    username: `nb-${tag}-${n}@fiber`,
    password: "s3cret-pass",
    accessType: "PPPOE" as const,
  });
  return { caller, svc, input, customerId: customer.id, planId: plan.id };
}

const job = (id: string) =>
  t.prisma.orchestrationJob.findUniqueOrThrow({ where: { id }, include: { steps: { orderBy: { position: "asc" } } } });

type Caller = Awaited<ReturnType<typeof callerAs>>;

/** Runs a provisioning job that must stop at the IP step because the custom field is missing. */
async function provisionWithoutField(caller: Caller, svc: ServiceContext, input: Record<string, unknown>) {
  const { id } = await createJob(svc, provisionSubscriber, input);
  await executor.runUntilIdle({ advanceClock: true });
  const failed = await job(id);
  expect(failed).toMatchObject({ status: "ROLLED_BACK", failedStep: "ip" });
  expect(failed.error).toMatch(/no custom field "fiberops_subscriber" on IP addresses.*Test connection/);
  // It failed at once: no retry can create a custom field.
  expect(failed.steps.find((s) => s.name === "ip")?.attempts).toBe(1);
  expect((await scanNow(svc)).byType).toEqual({});
  return id;
}

async function expectProvisioned(caller: Caller, sim: NetworkSimulator, jobId: string) {
  const done = await job(jobId);
  expect(done.status).toBe("COMPLETED");
  const sub = await t.prisma.subscriber.findUniqueOrThrow({ where: { id: done.subscriberId! } });
  expect(sub.status).toBe("ACTIVE");
  const ip = await t.prisma.ipAddress.findFirstOrThrow({ where: { subscriberId: sub.id, status: "ASSIGNED" } });
  // .1 is the gateway NetBox already held; the subscriber gets the next address.
  expect(ip.address).toBe("100.64.0.2");
  const inNetBox = [...sim.ipAddresses.values()].filter((a) => a.customFields.fiberops_subscriber === sub.id);
  expect(inNetBox.map((a) => a.address)).toEqual(["100.64.0.2/24"]);
  const svc = { tenantId: sub.tenantId, db: tenantDb(sub.tenantId), actor: systemActor("test") };
  expect((await scanNow(svc)).byType).toEqual({});
}

describe("IPAM on NetBox", () => {
  it("adopts the prefix and the gateway NetBox already holds", async () => {
    const { sim, netbox, prefixId } = await ispNetBox("netbox-adopt");
    const { svc } = await tenantOn(netbox, ADMIN);
    const pool = await createPool(svc, { name: "subs", prefix: "100.64.0.0/24", gateway: "100.64.0.1" });
    expect(pool.externalId).toBe(prefixId);
    expect(sim.prefixes.size).toBe(1);
    expect([...sim.ipAddresses.values()].map((a) => a.address)).toEqual(["100.64.0.1/24"]);
    // Mirrored as reserved, without a tag: releasing the row never deletes their record.
    const gateway = await t.prisma.ipAddress.findFirstOrThrow({ where: { poolId: pool.id } });
    expect(gateway).toMatchObject({ address: "100.64.0.1", status: "RESERVED", description: "gateway" });
    const audit = await t.prisma.auditLog.findFirstOrThrow({
      where: { action: "ipam.pool.create", targetId: pool.id },
    });
    expect(audit.after).toMatchObject({ externalPrefixAdopted: true });

    // A gateway NetBox does not know yet is recorded there, so it is never handed out.
    const second = await createPool(svc, { name: "subs-b", prefix: "100.65.0.0/29", gateway: "100.65.0.6" });
    const recorded = [...sim.ipAddresses.values()].find((a) => a.address === "100.65.0.6/29");
    expect(recorded).toMatchObject({ status: "reserved", description: "gateway of pool subs-b" });
    const row = await t.prisma.ipAddress.findFirstOrThrow({ where: { poolId: second.id } });
    expect(row.description).toBe(`gateway [netbox:${recorded!.id}]`);
  });

  it("provisions only once the custom field was created by hand in NetBox", async () => {
    const { sim, netbox, nb } = await ispNetBox("netbox-by-hand");
    const { caller, svc, input } = await tenantOn(netbox, IPAM_ONLY);
    await createPool(svc, { name: "subs", prefix: "100.64.0.0/24", gateway: "100.64.0.1" });
    const jobId = await provisionWithoutField(caller, svc, input(0));
    const test = await caller.network.testIntegration({ system: "IPAM" });
    expect(test.ok).toBe(false);
    expect(test.message).toMatch(/cannot be checked.*Customization → Custom Fields.*fiberops_subscriber/);

    // The operator does as told in NetBox's UI.
    await nb("POST", "/api/extras/custom-fields/", {
      name: "fiberops_subscriber",
      type: "text",
      object_types: ["ipam.ipaddress"],
    });
    await retryJob(svc, provisionSubscriber, jobId);
    await executor.runUntilIdle({ advanceClock: true });
    await expectProvisioned(caller, sim, jobId);
  });

  it("provisions once Test connection created the custom field", async () => {
    const { sim, netbox } = await ispNetBox("netbox-test-connection");
    const { caller, svc, input } = await tenantOn(netbox, ADMIN);
    await createPool(svc, { name: "subs", prefix: "100.64.0.0/24", gateway: "100.64.0.1" });
    const jobId = await provisionWithoutField(caller, svc, input(0));
    const test = await caller.network.testIntegration({ system: "IPAM" });
    expect(test).toMatchObject({
      ok: true,
      message: expect.stringMatching(/created the custom field fiberops_subscriber/),
    });
    expect(netbox.customFieldsOnIpAddresses()).toEqual(["fiberops_subscriber"]);
    await retryJob(svc, provisionSubscriber, jobId);
    await executor.runUntilIdle({ advanceClock: true });
    await expectProvisioned(caller, sim, jobId);
  });

  it("gives a retried allocation the address NetBox already handed the subscriber", async () => {
    const { sim, netbox, nb } = await ispNetBox("netbox-retry");
    const { caller, svc, customerId, planId } = await tenantOn(netbox, ADMIN);
    expect((await caller.network.testIntegration({ system: "IPAM" })).ok).toBe(true);
    const pool = await createPool(svc, { name: "subs", prefix: "100.64.0.0/24", gateway: "100.64.0.1" });
    const sub = await caller.subscribers.create({ customerId, planId });
    // An earlier attempt got its address from NetBox, but the answer never reached us.
    const lost = (await nb("POST", `/api/ipam/prefixes/${pool.externalId}/available-ips/`, {
      status: "active",
      description: "lost answer",
      custom_fields: { fiberops_subscriber: sub.id },
    })) as { id: number; address?: string };
    const got = await allocateSubscriberIp(svc, await subscriberForNetwork(svc, sub.id));
    expect(`${got.address}/24`).toBe(lost.address);
    expect([...sim.ipAddresses.values()].filter((a) => a.customFields.fiberops_subscriber === sub.id)).toHaveLength(1);
  });
});
