// The drift detector, one drift type at a time: cause it directly in the system (a RADIUS row,
// the VOLTHA or ACS simulator, a billing row, an accounting record as FreeRADIUS writes it), the
// scan reports exactly it with evidence from both sides, its repair (the owning saga, run by
// the embedded executor) fixes it, and the next scan is clean. Real PostgreSQL; the simulated
// VOLTHA and GenieACS; the BNG simulator answers CoA/Disconnect.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { EmbeddedExecutor } from "@/inngest/executor/worker";
import { functions } from "@/inngest/functions";
import { tenantDb } from "@/server/db";
import { builtInRole } from "@/server/modules/identity";
import { createPool } from "@/server/modules/ipam";
import { registerOlt } from "@/server/modules/network";
import { type SagaType, startSaga } from "@/server/modules/orchestration";
import { sessionClassFor } from "@/server/modules/radius";
import { hashToken } from "@/server/rest";
import { type ServiceContext, systemActor } from "@/server/service-context";
import { type TestDatabase, testDatabase } from "@/server/testing/db";
import { callerAs, createTenant, createUser } from "@/server/testing/fixtures";
import { callApi } from "@/server/testing/rest";
import { BngSimulator } from "@/simulator/bng/bng";
import { simulatorFor } from "@/simulator/network/state";
import { previewRepair, repairFinding } from "./repair";
import { scanNow } from "./scan";

vi.mock("@/server/auth", () => ({ auth: async () => null, sessionUser: async () => null }));

let t: TestDatabase;
let svc: ServiceContext;
let caller: Awaited<ReturnType<typeof callerAs>>;
let bng: BngSimulator;
let plan: { id: string; downloadKbps: number; uploadKbps: number };
let otherPlan: { id: string };
const subs: Record<string, { id: string; username: string; onuSerial: string }> = {};
const SECRET = "drift-bng-secret";
const executor = new EmbeddedExecutor({ functions, workerId: "drift-test", backoffMs: () => 10, leaseMs: 20_000 });

async function run(type: SagaType, input: Record<string, unknown>) {
  const job = await startSaga(svc, type, input);
  await executor.runUntilIdle({ advanceClock: true });
  const done = await t.prisma.orchestrationJob.findUniqueOrThrow({ where: { id: job.id } });
  expect(done.error).toBeNull();
  expect(done.status).toBe("COMPLETED");
  return done;
}

async function openFindings() {
  return t.prisma.driftFinding.findMany({ where: { tenantId: svc.tenantId, status: "OPEN" } });
}

/** Scans and expects exactly one open finding: `type` for `name`. Returns it. */
async function expectOnly(type: string, name: string) {
  const scan = await scanNow(svc);
  expect(scan.status).toBe("COMPLETED");
  const open = await openFindings();
  expect(open.map((f) => `${f.type}:${f.username}`)).toEqual([`${type}:${subs[name]?.username}`]);
  expect(scan.findings).toBe(1);
  return open[0] as NonNullable<(typeof open)[0]>;
}

/** Repairs through the finding's saga, then a scan finds nothing. */
async function repairAndExpectClean(findingId: string, saga: SagaType) {
  const preview = await previewRepair(svc, findingId);
  expect(preview.saga).toBe(saga);
  expect(preview.steps.length).toBeGreaterThan(0);
  const { job } = await repairFinding(svc, findingId, () => true);
  expect(job.type).toBe(saga);
  await executor.runUntilIdle({ advanceClock: true });
  const done = await t.prisma.orchestrationJob.findUniqueOrThrow({ where: { id: job.id } });
  expect([done.status, done.error]).toEqual(["COMPLETED", null]);
  const scan = await scanNow(svc);
  expect((await openFindings()).map((f) => `${f.type}:${f.username}: ${f.summary}`)).toEqual([]);
  expect(scan.findings).toBe(0);
  const after = await t.prisma.driftFinding.findUniqueOrThrow({ where: { id: findingId } });
  expect(after.status).toBe("RESOLVED");
  expect(after.repairJobId).toBe(job.id);
}

async function onuAddress(serial: string) {
  const sim = simulatorFor(svc.tenantId);
  const onu = sim.findOnuBySerial(serial);
  if (!onu) throw new Error(`no ONU ${serial}`);
  return { sim, onu };
}

/** An open session as FreeRADIUS records it (its triggers link tenant and subscriber). */
async function openSession(username: string, ip: string, cls: string | null = null) {
  const id = `S${Math.random().toString(16).slice(2, 10)}`;
  await t.prisma.$executeRaw`
    INSERT INTO radacct (acctsessionid, acctuniqueid, username, nasipaddress, acctstarttime, acctupdatetime,
                         framedipaddress, class)
    VALUES (${id}, ${`u-${id}`}, ${username}, '127.0.0.1', now(), now(), ${ip}::inet, ${cls})`;
  return id;
}

beforeAll(async () => {
  t = await testDatabase();
  bng = await new BngSimulator({ authPort: 1, acctPort: 1, secret: SECRET, vendor: "mikrotik" }).start();
  const tenant = await createTenant(t.prisma);
  simulatorFor(tenant.id, { onusPerPort: 4 });
  const admin = await createUser(t.prisma, { roleKey: "tenant_admin", tenantId: tenant.id });
  caller = await callerAs(t.prisma, admin.id);
  svc = { tenantId: tenant.id, db: tenantDb(tenant.id), actor: systemActor("drift-test") };
  const common = { priceMinor: 3990, currency: "EUR" };
  plan = await caller.catalog.plans.create({
    code: "fiber-300",
    name: "Fiber 300",
    downloadKbps: 300_000,
    uploadKbps: 100_000,
    ...common,
  });
  otherPlan = await caller.catalog.plans.create({
    code: "fiber-100",
    name: "Fiber 100",
    downloadKbps: 100_000,
    uploadKbps: 50_000,
    ...common,
  });
  const customer = await caller.customers.create({
    name: "Grace Hopper",
    email: "grace@example.com",
    billingLine1: "Main St 2",
    billingCity: "Berlin",
    billingPostcode: "10115",
    billingCountry: "DE",
  });
  await caller.radius.nas.create({
    nasname: "127.0.0.1",
    shortname: "bng-1",
    type: "mikrotik",
    secret: SECRET,
    coaPort: bng.daePort,
  });
  const olt = await registerOlt(svc, {
    name: "OLT-D",
    hostAndPort: "10.9.1.10:9191",
    technology: "GPON",
    splitRatio: 32,
  });
  const serials = (await t.prisma.onu.findMany({ where: { oltId: olt.id }, orderBy: { serialNumber: "asc" } })).map(
    (o) => o.serialNumber,
  );
  await createPool(svc, { name: "subs", prefix: "100.64.8.0/24", gateway: "100.64.8.1", dnsServers: ["1.1.1.1"] });
  for (const [i, name] of ["ada", "bob", "cyd", "dan"].entries()) {
    const onuSerial = serials[i] as string;
    const job = await run("provision-subscriber", {
      customerId: customer.id,
      planId: plan.id,
      onuSerial,
      username: `${name}@drift`,
      password: "s3cret-pass",
      accessType: "PPPOE",
      ...(name === "bob" ? { wifi: { ssid: "Bob-Home", passphrase: "bob-passphrase" } } : {}),
    });
    subs[name] = { id: job.subscriberId as string, username: `${name}@drift`, onuSerial };
  }
  // dan leaves: the teardown ran; later tests leave things behind him.
  await run("deprovision-subscriber", { subscriberId: subs.dan?.id });
}, 120_000);

afterAll(async () => {
  await bng?.stop();
  await t?.drop();
});

const address = async (name: string) =>
  (
    await t.prisma.ipAddress.findFirstOrThrow({ where: { subscriberId: subs[name]?.id, status: "ASSIGNED" } })
  ).address.split("/")[0] as string;

describe("drift detector", () => {
  it("finds nothing after provisioning and teardown", async () => {
    const scan = await scanNow(svc);
    expect((await openFindings()).map((f) => `${f.type}:${f.username}: ${f.summary}`)).toEqual([]);
    expect(scan).toMatchObject({ status: "COMPLETED", subscribers: 4, findings: 0 });
  });

  it("radius.credentials: radcheck row deleted → restore rewrites it", async () => {
    await t.prisma.radCheck.deleteMany({ where: { subscriberId: subs.ada?.id } });
    const f = await expectOnly("radius.credentials", "ada");
    expect(f.expected).toMatchObject({ radcheck: ["Cleartext-Password"] });
    expect(f.actual).toEqual({ radcheck: [] });
    await repairAndExpectClean(f.id, "restore-subscriber");
  });

  it("radius.groups: the subscriber moved to another group → restore puts it back", async () => {
    await t.prisma.radUserGroup.updateMany({ where: { subscriberId: subs.ada?.id }, data: { groupname: "suspended" } });
    const f = await expectOnly("radius.groups", "ada");
    expect((f.actual as { groups: string[] }).groups).toContain("suspended");
    await repairAndExpectClean(f.id, "restore-subscriber");
  });

  it("ip.reply: radreply's Framed-IP-Address deleted → restore rewrites it from IPAM", async () => {
    await t.prisma.radReply.deleteMany({ where: { subscriberId: subs.ada?.id, attribute: "Framed-IP-Address" } });
    const f = await expectOnly("ip.reply", "ada");
    expect(f.expected).toMatchObject({ address: await address("ada") });
    expect(f.actual).toEqual({ framedIp: null });
    await repairAndExpectClean(f.id, "restore-subscriber");
  });

  it("ip.unassigned: IPAM lost the address → provisioning again allocates one", async () => {
    await t.prisma.ipAddress.updateMany({
      where: { subscriberId: subs.cyd?.id },
      data: { status: "AVAILABLE", subscriberId: null, assignedAt: null },
    });
    const f = await expectOnly("ip.unassigned", "cyd");
    await repairAndExpectClean(f.id, "provision-subscriber");
  });

  it("session.ip: the live session runs on another address → restore reconnects it", async () => {
    await openSession(subs.ada?.username as string, "100.64.8.250");
    const f = await expectOnly("session.ip", "ada");
    expect(f.expected).toMatchObject({ address: await address("ada") });
    expect(JSON.stringify(f.actual)).toContain("100.64.8.250");
    await repairAndExpectClean(f.id, "restore-subscriber");
  });

  it("session.rate: the live session runs on another plan's rate → change plan (CoA)", async () => {
    await openSession(
      subs.bob?.username as string,
      await address("bob"),
      sessionClassFor({ ...plan, downloadKbps: 50_000 }),
    );
    const f = await expectOnly("session.rate", "bob");
    expect(f.expected).toMatchObject({ downloadKbps: 300_000, uploadKbps: 100_000 });
    await repairAndExpectClean(f.id, "change-plan");
  });

  it("onu.state: ONU disabled in VOLTHA → restore enables it", async () => {
    const { sim, onu } = await onuAddress(subs.ada?.onuSerial as string);
    sim.setOnuSerialEnabled(onu.parentId, onu.parentPortNo, onu.serialNumber, false);
    const f = await expectOnly("onu.state", "ada");
    expect(f.actual).toMatchObject({ onuAdminState: "DISABLED" });
    await repairAndExpectClean(f.id, "restore-subscriber");
    expect(sim.findOnuBySerial(onu.serialNumber)?.adminState).toBe("ENABLED");
  });

  it("onu.profile: another bandwidth profile in SADIS → change plan re-applies the plan's", async () => {
    const { sim } = await onuAddress(subs.bob?.onuSerial as string);
    const p = (kbps: number, id: string) => ({ id, cir: kbps / 5, cbs: 1522, eir: (kbps * 4) / 5, ebs: 1522, air: 0 });
    sim.setBandwidth(subs.bob?.onuSerial as string, { upstream: p(10_000, "X-US"), downstream: p(20_000, "X-DS") });
    const f = await expectOnly("onu.profile", "bob");
    expect(f.summary).toContain("20 Mbit/s down / 10 Mbit/s up");
    await repairAndExpectClean(f.id, "change-plan");
  });

  it("onu.missing: VOLTHA no longer knows the ONU → no saga; found again when it is back", async () => {
    const { sim, onu } = await onuAddress(subs.cyd?.onuSerial as string);
    sim.devices.delete(onu.id);
    const f = await expectOnly("onu.missing", "cyd");
    const preview = await previewRepair(svc, f.id);
    expect(preview.saga).toBeNull();
    await expect(repairFinding(svc, f.id, () => true)).rejects.toThrow(/field visit/);
    sim.devices.set(onu.id, onu);
    expect((await scanNow(svc)).findings).toBe(0);
  });

  it("cpe.wan: the CPE dials with another username → provisioning again reconfigures it", async () => {
    const sim = simulatorFor(svc.tenantId);
    const cpe = await t.prisma.cpe.findFirstOrThrow({ where: { subscriberId: subs.ada?.id } });
    const param = sim.getCpe(cpe.acsDeviceId).params.get("Device.PPP.Interface.1.Username");
    if (!param) throw new Error("no PPP username parameter");
    param.value = "someone-else";
    const f = await expectOnly("cpe.wan", "ada");
    expect(f.actual).toEqual({ wanUsername: "someone-else" });
    await repairAndExpectClean(f.id, "provision-subscriber");
  });

  it("cpe.wifi: the CPE lost the SSID we set → provisioning again pushes it", async () => {
    const sim = simulatorFor(svc.tenantId);
    const cpe = await t.prisma.cpe.findFirstOrThrow({ where: { subscriberId: subs.bob?.id } });
    const param = sim.getCpe(cpe.acsDeviceId).params.get("Device.WiFi.SSID.1.SSID");
    if (!param) throw new Error("no SSID parameter");
    param.value = "FactoryDefault";
    const f = await expectOnly("cpe.wifi", "bob");
    expect(f).toMatchObject({ expected: { ssid: "Bob-Home" }, actual: { ssid: "FactoryDefault" } });
    await repairAndExpectClean(f.id, "provision-subscriber");
  });

  it("cpe.missing: the ACS lost the device → no saga; clean when it informs again", async () => {
    const sim = simulatorFor(svc.tenantId);
    const cpe = await t.prisma.cpe.findFirstOrThrow({ where: { subscriberId: subs.cyd?.id } });
    const device = sim.getCpe(cpe.acsDeviceId);
    sim.cpes.delete(cpe.acsDeviceId);
    const f = await expectOnly("cpe.missing", "cyd");
    expect((await previewRepair(svc, f.id)).saga).toBeNull();
    sim.cpes.set(cpe.acsDeviceId, device);
    expect((await scanNow(svc)).findings).toBe(0);
  });

  it("billing.missing: the billing subscription ended under a live subscriber → provisioning again restarts it", async () => {
    await t.prisma.billingSubscription.updateMany({ where: { subscriberId: subs.cyd?.id }, data: { status: "ENDED" } });
    const f = await expectOnly("billing.missing", "cyd");
    await repairAndExpectClean(f.id, "provision-subscriber");
  });

  it("billing.plan: billed on another plan → change plan moves billing to the service's plan", async () => {
    await t.prisma.billingSubscription.updateMany({
      where: { subscriberId: subs.ada?.id },
      data: { planId: otherPlan.id },
    });
    const f = await expectOnly("billing.plan", "ada");
    expect(f).toMatchObject({ expected: { planId: plan.id }, actual: { planId: otherPlan.id } });
    await repairAndExpectClean(f.id, "change-plan");
  });

  it("billing.leftover: an ACTIVE billing subscription behind a terminated subscriber → teardown ends it", async () => {
    await t.prisma.billingSubscription.updateMany({
      where: { subscriberId: subs.dan?.id },
      data: { status: "ACTIVE", endedOn: null },
    });
    const f = await expectOnly("billing.leftover", "dan");
    await repairAndExpectClean(f.id, "deprovision-subscriber");
  });

  it("radius.leftover: RADIUS rows of a terminated subscriber → teardown removes them", async () => {
    await t.prisma.radCheck.create({
      data: {
        username: subs.dan?.username,
        attribute: "Cleartext-Password",
        op: ":=",
        value: "x",
        tenantId: svc.tenantId,
        subscriberId: subs.dan?.id,
      },
    });
    const f = await expectOnly("radius.leftover", "dan");
    await repairAndExpectClean(f.id, "deprovision-subscriber");
  });

  it("ip.leftover: an address still assigned to a terminated subscriber → teardown releases it", async () => {
    await t.prisma.ipAddress.updateMany({
      where: { address: "100.64.8.200" },
      data: { status: "ASSIGNED", subscriberId: subs.dan?.id, assignedAt: new Date() },
    });
    const f = await expectOnly("ip.leftover", "dan");
    expect(f.actual).toEqual({ addresses: ["100.64.8.200"] });
    await repairAndExpectClean(f.id, "deprovision-subscriber");
  });

  it("onu.leftover: a terminated subscriber's ONU enabled again in VOLTHA → teardown disables it", async () => {
    const { sim, onu } = await onuAddress(subs.dan?.onuSerial as string);
    sim.setOnuSerialEnabled(onu.parentId, onu.parentPortNo, onu.serialNumber, true);
    const f = await expectOnly("onu.leftover", "dan");
    await repairAndExpectClean(f.id, "deprovision-subscriber");
    expect(sim.findOnuBySerial(onu.serialNumber)?.adminState).toBe("DISABLED");
  });

  it("cpe.leftover: a CPE still linked to a terminated subscriber → teardown resets it", async () => {
    const cpe = await t.prisma.cpe.findFirstOrThrow({ where: { serialNumber: subs.dan?.onuSerial } });
    await t.prisma.cpe.update({ where: { id: cpe.id }, data: { subscriberId: subs.dan?.id } });
    const f = await expectOnly("cpe.leftover", "dan");
    await repairAndExpectClean(f.id, "deprovision-subscriber");
  });

  it("session.leftover: a terminated subscriber still online → teardown disconnects it", async () => {
    await openSession(subs.dan?.username as string, "100.64.8.201");
    const f = await expectOnly("session.leftover", "dan");
    await repairAndExpectClean(f.id, "deprovision-subscriber");
  });

  it("repairs need the saga's permission; another tenant sees no findings", async () => {
    await t.prisma.radCheck.deleteMany({ where: { subscriberId: subs.ada?.id } });
    const f = await expectOnly("radius.credentials", "ada");
    await expect(repairFinding(svc, f.id, () => false)).rejects.toThrow(/subscriber.suspend/);
    const csr = await createUser(t.prisma, { roleKey: "csr", tenantId: svc.tenantId });
    await expect((await callerAs(t.prisma, csr.id)).drift.repair({ id: f.id })).rejects.toThrow();
    const other = await createTenant(t.prisma);
    const outsider = await callerAs(
      t.prisma,
      (await createUser(t.prisma, { roleKey: "tenant_admin", tenantId: other.id })).id,
    );
    expect((await outsider.drift.findings({ page: 1, pageSize: 25 })).total).toBe(0);
    await expect(outsider.drift.repair({ id: f.id })).rejects.toThrow(/not found/);
    const listed = await caller.drift.findings({ page: 1, pageSize: 25 });
    expect(listed.rows.map((r) => r.type)).toEqual(["radius.credentials"]);
    // GET /api/v1/drift with an API token: the same finding, both sides of the evidence.
    const token = "fo_test_drift_0123456789abcdef";
    const role = await builtInRole(t.prisma, "noc_engineer");
    await t.prisma.apiToken.create({
      data: { tenantId: svc.tenantId, name: "drift", roleId: role.id, tokenHash: hashToken(token), prefix: "fo_test" },
    });
    const api = await callApi("GET", "/drift?type=radius.credentials", { token });
    expect(api.status).toBe(200);
    expect(api.body.data).toEqual([
      expect.objectContaining({
        id: f.id,
        type: "radius.credentials",
        system: "RADIUS",
        username: subs.ada?.username,
        status: "open",
        expected: expect.objectContaining({ radcheck: ["Cleartext-Password"] }),
        actual: { radcheck: [] },
      }),
    ]);
    await repairAndExpectClean(f.id, "restore-subscriber");
  });
});
