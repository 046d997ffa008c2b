// provision-subscriber end to end: real PostgreSQL, the simulated network (VOLTHA/GenieACS
// adapters on the simulator), the real FreeRADIUS with the BNG simulator as NAS, and the
// embedded executor. A fault at every step in turn (error, timeout, worker crash between
// steps): after each, a drift scan finds nothing left behind and a retry completes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { advanceClock } from "@/inngest/executor/clock";
import { EmbeddedExecutor } from "@/inngest/executor/worker";
import { fromJob, functions } from "@/inngest/functions";
import { type RadiusdHandle, startRadiusd } from "@/radius/run";
import { tenantDb } from "@/server/db";
import { scanNow } from "@/server/modules/drift";
import { createPool } from "@/server/modules/ipam";
import { registerOlt } from "@/server/modules/network";
import { createJob, retryJob } from "@/server/orchestration/runner";
import { defineSaga, type Saga, type SagaStep } from "@/server/orchestration/saga";
import { sagaJob } from "@/server/orchestration/saga-job";
import { type ServiceContext, systemActor } from "@/server/service-context";
import { type TestDatabase, testDatabase } from "@/server/testing/db";
import { callerAs, createTenant, createUser } from "@/server/testing/fixtures";
import { BngSimulator } from "@/simulator/bng/bng";
import { simulatorFor } from "@/simulator/network/state";
import { type ProvisionInput, provisionSubscriber } from "./provision-subscriber";

let t: TestDatabase;
let svc: ServiceContext;
let caller: Awaited<ReturnType<typeof callerAs>>;
let radiusd: RadiusdHandle;
let bng: BngSimulator;
let serials: string[];
let planId: string;
let customerId: string;
const SECRET = "orchestration-bng-secret";

// Test-only faults wrapped around the real steps (the steps themselves are the product's).
const faults = new Map<string, "error" | "timeout" | "late">();
const variant = defineSaga<ProvisionInput>({
  ...provisionSubscriber,
  type: "test-provision-faults",
  steps: provisionSubscriber.steps.map(
    (s): SagaStep<ProvisionInput> => ({
      ...s,
      timeoutMs: Math.min(s.timeoutMs, 1500),
      async do(ctx) {
        const key = `${ctx.input.username}:${s.name}`;
        if (faults.get(key) === "error") throw new Error(`injected fault at ${s.name}`);
        if (faults.get(key) === "timeout") await new Promise((r) => setTimeout(r, 1600));
        // The work commits in time, but the attempt's answer comes after its deadline.
        if (faults.get(key) === "late") {
          const output = await s.do(ctx);
          await new Promise((r) => setTimeout(r, 1600));
          return output;
        }
        return s.do(ctx);
      },
    }),
  ),
});
const testFunctions = [
  ...functions,
  fromJob(sagaJob(variant as unknown as Saga<unknown>, { id: "saga-test-provision-faults" })),
];

const executor = new EmbeddedExecutor({
  functions: testFunctions,
  workerId: "provision-test",
  backoffMs: () => 10,
  leaseMs: 20_000,
});
let serialIndex = 0;

beforeAll(async () => {
  t = await testDatabase();
  bng = await new BngSimulator({ authPort: 1, acctPort: 1, secret: SECRET, vendor: "mikrotik" }).start();
  const tenant = await createTenant(t.prisma);
  // One free ONU per test case (32), so no case reuses another's.
  simulatorFor(tenant.id, { onusPerPort: 8 });
  const admin = await createUser(t.prisma, { roleKey: "tenant_admin", tenantId: tenant.id });
  caller = await callerAs(t.prisma, admin.id);
  svc = { tenantId: tenant.id, db: tenantDb(tenant.id), actor: systemActor("test") };
  const plan = await caller.catalog.plans.create({
    code: "fiber-300",
    name: "Fiber 300",
    downloadKbps: 300_000,
    uploadKbps: 100_000,
    priceMinor: 3990,
    currency: "EUR",
  });
  planId = plan.id;
  const customer = await caller.customers.create({
    name: "Ada Lovelace",
    email: "ada@example.com",
    billingLine1: "Main St 1",
    billingCity: "Berlin",
    billingPostcode: "10115",
    billingCountry: "DE",
  });
  customerId = customer.id;
  await caller.radius.nas.create({
    nasname: "127.0.0.1",
    shortname: "bng-1",
    type: "mikrotik",
    secret: SECRET,
    coaPort: bng.daePort,
  });
  const olt = await registerOlt(svc, {
    name: "OLT-A",
    hostAndPort: "10.9.0.10:9191",
    technology: "GPON",
    splitRatio: 32,
  });
  serials = (await t.prisma.onu.findMany({ where: { oltId: olt.id }, orderBy: { serialNumber: "asc" } })).map(
    (o) => o.serialNumber,
  );
  await createPool(svc, { name: "subs", prefix: "100.64.0.0/24", gateway: "100.64.0.1", dnsServers: ["1.1.1.1"] });
  radiusd = await startRadiusd({ databaseUrl: t.url });
  bng.opts.authPort = radiusd.authPort;
  bng.opts.acctPort = radiusd.acctPort;
}, 90_000);

afterAll(async () => {
  await bng?.stop();
  await radiusd?.stop();
  await t.drop();
});

function newInput(tag: string): ProvisionInput {
  const onuSerial = serials[serialIndex++ % serials.length] as string;
  return { customerId, planId, onuSerial, username: `${tag}@fiber`, password: "s3cret-pass", accessType: "PPPOE" };
}

const job = (id: string) =>
  t.prisma.orchestrationJob.findUniqueOrThrow({ where: { id }, include: { steps: { orderBy: { position: "asc" } } } });

async function expectLive(jobId: string, username: string) {
  const j = await job(jobId);
  expect(j.status).toBe("COMPLETED");
  const sub = await t.prisma.subscriber.findUniqueOrThrow({ where: { id: j.subscriberId as string } });
  expect(sub.status).toBe("ACTIVE");
  const held = await t.prisma.ipAddress.findMany({ where: { subscriberId: sub.id, status: "ASSIGNED" } });
  expect(held.length).toBe(1);
  // The address IPAM assigned is the subscriber's and reaches FreeRADIUS's Access-Accept.
  expect(sub.ipv4Address).toBe(held[0]?.address);
  expect((await t.prisma.onu.findFirstOrThrow({ where: { subscriberId: sub.id } })).state).toBe("ACTIVE");
  expect((await t.prisma.billingSubscription.findFirstOrThrow({ where: { subscriberId: sub.id } })).status).toBe(
    "ACTIVE",
  );
  const dial = await bng.dial(username, "s3cret-pass");
  if (!dial.accepted) throw new Error(`FreeRADIUS rejected ${username}: ${dial.reason}`);
  expect(dial.session.rate).toBe("100M/300M");
  expect(dial.session.framedIp).toBe(held[0]?.address);
  await bng.hangup(dial.session.acctSessionId);
  return sub;
}

async function expectNothingLeft(jobId: string) {
  const j = await job(jobId);
  expect(j.status).toBe("ROLLED_BACK");
  expect((await scanNow(svc)).byType).toEqual({});
  // Every job is finished: no subscriber may be left half-way (e.g. created after a timeout).
  expect(await t.prisma.subscriber.count({ where: { status: "PROVISIONING" } })).toBe(0);
  if (j.subscriberId) {
    const sub = await t.prisma.subscriber.findUniqueOrThrow({ where: { id: j.subscriberId } });
    expect(sub.status).toBe("PROVISIONING_FAILED");
    expect(await t.prisma.radCheck.count({ where: { subscriberId: sub.id } })).toBe(0);
  }
  return j;
}

describe("provision-subscriber saga", () => {
  it("provisions across every system; the subscriber authenticates against FreeRADIUS", async () => {
    const input = newInput("happy");
    const { id } = await createJob(svc, provisionSubscriber, input);
    await executor.runUntilIdle({ advanceClock: true });
    const j = await job(id);
    expect(j.steps.map((s) => [s.name, s.status])).toEqual([
      ["subscriber", "COMPLETED"],
      ["radius", "COMPLETED"],
      ["ip", "COMPLETED"],
      ["onu", "COMPLETED"],
      ["cpe", "COMPLETED"],
      ["billing", "COMPLETED"],
      ["activate", "COMPLETED"],
      ["welcome", "COMPLETED"],
    ]);
    await expectLive(id, "happy@fiber");
    expect((await scanNow(svc)).findings).toBe(0);
  });

  it("rolls back when the ONU activation keeps failing on the OLT, and completes on retry", async () => {
    const input = newInput("onufault");
    const sim = simulatorFor(svc.tenantId);
    sim.injectFault("olt.enableOnu", "error", 10, "PON port busy");
    const { id } = await createJob(svc, provisionSubscriber, input);
    await executor.runUntilIdle({ advanceClock: true });
    const j = await expectNothingLeft(id);
    expect(j.failedStep).toBe("onu");
    expect(j.error).toContain("PON port busy");
    expect(j.steps.find((s) => s.name === "onu")).toMatchObject({ status: "FAILED", attempts: 4 });
    expect(j.steps.filter((s) => ["subscriber", "radius", "ip"].includes(s.name)).map((s) => s.status)).toEqual([
      "UNDONE",
      "UNDONE",
      "UNDONE",
    ]);
    sim.clearFaults();
    await retryJob(svc, provisionSubscriber, id);
    await executor.runUntilIdle({ advanceClock: true });
    await expectLive(id, "onufault@fiber");
  });

  const STEPS = ["subscriber", "radius", "ip", "onu", "cpe", "billing", "activate"];
  for (const step of STEPS) {
    it(`error at "${step}": rolls back to zero orphans, retry completes`, async () => {
      const input = newInput(`err-${step}`);
      faults.set(`${input.username}:${step}`, "error");
      const { id } = await createJob(svc, variant, input);
      await executor.runUntilIdle({ advanceClock: true });
      expect((await expectNothingLeft(id)).failedStep).toBe(step);
      faults.delete(`${input.username}:${step}`);
      await retryJob(svc, variant, id);
      await executor.runUntilIdle({ advanceClock: true });
      await expectLive(id, input.username as string);
    });
  }

  for (const step of ["subscriber", "radius", "onu", "billing"]) {
    it(`timeout at "${step}" (the work lands late): rolls back to zero orphans, retry completes`, async () => {
      const input = newInput(`slow-${step}`);
      faults.set(`${input.username}:${step}`, "timeout");
      const { id } = await createJob(svc, variant, input);
      await executor.runUntilIdle({ advanceClock: true });
      const j = await expectNothingLeft(id);
      expect(j.error).toContain("did not finish within");
      faults.delete(`${input.username}:${step}`);
      await retryJob(svc, variant, id);
      await executor.runUntilIdle({ advanceClock: true });
      await expectLive(id, input.username as string);
    });
  }

  it("an activation that lands after its deadline is taken back (active → provisioning failed); retry completes", async () => {
    const input = newInput("late-activate");
    faults.set(`${input.username}:activate`, "late");
    const { id } = await createJob(svc, variant, input);
    await executor.runUntilIdle({ advanceClock: true });
    const j = await expectNothingLeft(id);
    expect(j.failedStep).toBe("activate");
    const history = await t.prisma.auditLog.findMany({
      where: { targetId: j.subscriberId as string, action: { startsWith: "subscriber.status." } },
      orderBy: { id: "asc" },
    });
    expect(history.map((h) => h.action).slice(-2)).toEqual([
      "subscriber.status.active",
      "subscriber.status.provisioning_failed",
    ]);
    faults.delete(`${input.username}:activate`);
    await retryJob(svc, variant, id);
    await executor.runUntilIdle({ advanceClock: true });
    await expectLive(id, input.username as string);
  });

  for (const passes of [2, 4, 6, 8]) {
    it(`worker crash after ${passes} passes: another worker resumes and completes`, async () => {
      const input = newInput(`crash-${passes}`);
      const { id } = await createJob(svc, provisionSubscriber, input);
      const dying = new EmbeddedExecutor({ functions: testFunctions, workerId: "dying", leaseMs: 20_000 });
      const claim = await dying.claim();
      expect(claim).not.toBeNull();
      await dying.process(claim as NonNullable<typeof claim>, { maxPasses: passes });
      advanceClock(21_000);
      await executor.runUntilIdle({ advanceClock: true });
      await expectLive(id, input.username as string);
      expect((await scanNow(svc)).findings).toBe(0);
    });
  }
});
