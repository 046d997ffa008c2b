// Integration: the real FreeRADIUS (Debian 3.2) on our tables, the BNG simulator as the NAS,
// the platform's CoA/Disconnect client. Ports are random per file (engineers run tests at once).
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EmbeddedExecutor } from "@/inngest/executor/worker";
import { functions } from "@/inngest/functions";
import { type RadiusdHandle, startRadiusd } from "@/radius/run";
import { tenantDb } from "@/server/db";
import { startBillingSubscription } from "@/server/modules/billing";
import { transitionSubscriber } from "@/server/modules/subscribers";
import { systemActor } from "@/server/service-context";
import { type TestDatabase, testDatabase } from "@/server/testing/db";
import { callerAs, createTenant, createUser } from "@/server/testing/fixtures";
import { BngSimulator } from "@/simulator/bng/bng";
import { applyPlanToSessions } from "./provisioning";

let t: TestDatabase;
let radiusd: RadiusdHandle;
let bng: BngSimulator;
const SECRET = "bng-shared-secret";
const executor = new EmbeddedExecutor({ functions, workerId: "freeradius-test", backoffMs: () => 10, leaseMs: 20_000 });

/** Runs one of the lifecycle sagas to its end and returns the job with its steps. */
async function runSaga(start: () => Promise<{ id: string }>) {
  const { id } = await start();
  await executor.runUntilIdle({ advanceClock: true });
  return t.prisma.orchestrationJob.findUniqueOrThrow({ where: { id }, include: { steps: true } });
}

async function waitFor<T>(what: string, fn: () => Promise<T | null | undefined | false>, ms = 8000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

let ctx: Awaited<ReturnType<typeof setup>>;
async function setup() {
  const tenant = await createTenant(t.prisma);
  const admin = await createUser(t.prisma, { roleKey: "tenant_admin", tenantId: tenant.id });
  const caller = await callerAs(t.prisma, admin.id);
  const plan100 = await caller.catalog.plans.create({
    code: "fiber-100",
    name: "Fiber 100",
    downloadKbps: 100_000,
    uploadKbps: 20_000,
    priceMinor: 3990,
    currency: "EUR",
  });
  const plan500 = await caller.catalog.plans.create({
    code: "fiber-500",
    name: "Fiber 500",
    downloadKbps: 500_000,
    uploadKbps: 100_000,
    priceMinor: 5990,
    currency: "EUR",
  });
  const customer = await caller.customers.create({
    name: "Grace Hopper",
    email: "grace@example.com",
    billingLine1: "Main St 1",
    billingCity: "Berlin",
    billingPostcode: "10115",
    billingCountry: "DE",
  });
  const sub = await caller.subscribers.create({
    customerId: customer.id,
    planId: plan100.id,
    username: "grace@fiber",
    password: "right-password",
  });
  // Arranged live by hand (this file is about RADIUS, not provisioning), and billed, so the
  // plan-change saga has a subscription to move.
  const svc = { tenantId: tenant.id, db: tenantDb(tenant.id), actor: systemActor("test") };
  await transitionSubscriber(svc, sub.id, "PROVISIONING");
  await transitionSubscriber(svc, sub.id, "ACTIVE");
  await startBillingSubscription(svc, sub);
  const nas = await caller.radius.nas.create({
    nasname: "127.0.0.1",
    shortname: "bng-sim-1",
    type: "mikrotik",
    secret: SECRET,
    coaPort: bng.daePort,
  });
  return { tenant, caller, plan100, plan500, customer, sub, nas };
}

beforeAll(async () => {
  t = await testDatabase();
  process.env.RADIUS_DAE_TIMEOUT_MS = "400";
  bng = await new BngSimulator({ authPort: 1, acctPort: 1, secret: SECRET, vendor: "mikrotik" }).start();
  ctx = await setup();
  radiusd = await startRadiusd({ databaseUrl: t.url });
  bng.opts.authPort = radiusd.authPort;
  bng.opts.acctPort = radiusd.acctPort;
}, 60_000);

afterAll(async () => {
  await bng?.stop();
  await radiusd?.stop();
  await t.drop();
});

describe("FreeRADIUS on our schema", () => {
  it("accepts an active subscriber with the plan's MikroTik rate and records Start/Interim/Stop", async () => {
    const dial = await bng.dial("grace@fiber", "right-password");
    if (!dial.accepted) throw new Error(`rejected: ${dial.reason}\n${radiusd.logText().slice(-3000)}`);
    expect(dial.session.rate).toBe("20M/100M");
    // Only the MikroTik group matched: no other vendor's attributes, no generic Filter-Id.
    expect(dial.reply["Filter-Id"]).toBeUndefined();
    const open = await t.prisma.radAcct.findFirst({ where: { acctsessionid: dial.session.acctSessionId } });
    expect(open).toMatchObject({
      username: "grace@fiber",
      acctstoptime: null,
      tenantId: ctx.tenant.id,
      subscriberId: ctx.sub.id,
    });
    await bng.interim(dial.session.acctSessionId, { inputOctets: 5 * 2 ** 32 + 7, outputOctets: 1000 });
    const updated = await t.prisma.radAcct.findFirstOrThrow({ where: { acctsessionid: dial.session.acctSessionId } });
    expect(updated.acctinputoctets).toBe(BigInt(5 * 2 ** 32 + 7));
    expect(updated.acctoutputoctets).toBe(1000n);
    expect(updated.acctupdatetime).not.toBeNull();
    const live = await ctx.caller.radius.sessions.live({ page: 1, pageSize: 10 });
    expect(live.rows.map((r) => r.acctSessionId)).toContain(dial.session.acctSessionId);
    await bng.hangup(dial.session.acctSessionId);
    const closed = await t.prisma.radAcct.findFirstOrThrow({ where: { acctsessionid: dial.session.acctSessionId } });
    expect(closed.acctstoptime).not.toBeNull();
    expect(closed.acctterminatecause).toBe("User-Request");
    const accepts = await t.prisma.radPostAuth.findMany({ where: { username: "grace@fiber", reply: "Access-Accept" } });
    expect(accepts.length).toBeGreaterThan(0);
    expect(accepts[0].tenantId).toBe(ctx.tenant.id);
  });

  it("changes a live session's rate with a CoA, and disconnects it (Accounting-Stop Admin-Reset)", async () => {
    const dial = await bng.dial("grace@fiber", "right-password");
    if (!dial.accepted) throw new Error(dial.reason);
    // Through the change-plan saga, as every plan change runs.
    const job = await runSaga(() =>
      ctx.caller.orchestration.changePlan({ input: { subscriberId: ctx.sub.id, planId: ctx.plan500.id } }),
    );
    expect(job.status).toBe("COMPLETED");
    expect(job.steps.find((s) => s.name === "coa")?.output).toEqual([
      expect.objectContaining({ action: "CoA", outcome: "ACK", acctUniqueId: expect.any(String) }),
    ]);
    expect(bng.sessions.get(dial.session.acctSessionId)?.rate).toBe("100M/500M");
    // The next authentication gets the new plan too.
    const again = await bng.dial("grace@fiber", "right-password");
    expect(again.accepted && again.session.rate).toBe("100M/500M");
    if (again.accepted) await bng.hangup(again.session.acctSessionId);

    const results = await ctx.caller.radius.sessions.disconnect({ subscriberId: ctx.sub.id });
    expect(results).toEqual([expect.objectContaining({ action: "Disconnect", outcome: "ACK" })]);
    expect(bng.sessions.has(dial.session.acctSessionId)).toBe(false);
    const stopped = await waitFor("Accounting-Stop", () =>
      t.prisma.radAcct.findFirst({ where: { acctsessionid: dial.session.acctSessionId, acctstoptime: { not: null } } }),
    );
    expect(stopped.acctterminatecause).toBe("Admin-Reset");
    // Nothing open any more: disconnect again is a no-op.
    expect(await ctx.caller.radius.sessions.disconnect({ subscriberId: ctx.sub.id })).toEqual([]);
  });

  it("reports NAK with Error-Cause and falls back to Disconnect; reports timeouts", async () => {
    const dial = await bng.dial("grace@fiber", "right-password");
    if (!dial.accepted) throw new Error(dial.reason);
    const svc = { tenantId: ctx.tenant.id, db: tenantDb(ctx.tenant.id), actor: systemActor("test") };
    bng.fault = { mode: "nak", errorCause: 501 };
    const nak = await applyPlanToSessions(svc, ctx.sub.id, ctx.plan500);
    expect(nak[0]).toMatchObject({ outcome: "NAK", errorCause: 501, errorCauseName: "Administratively-Prohibited" });
    expect(nak[0].fallback).toMatchObject({ action: "Disconnect", outcome: "NAK" });
    // A BNG that refuses only CoA honours the fallback: the plan change's Disconnect ends the
    // session and the CPE's next dial gets the new plan's rate from FreeRADIUS.
    expect(dial.session.rate).toBe("100M/500M");
    bng.fault = { mode: "nak", errorCause: 501, only: "CoA" };
    const job = await runSaga(() =>
      ctx.caller.orchestration.changePlan({ input: { subscriberId: ctx.sub.id, planId: ctx.plan100.id } }),
    );
    expect(job.status).toBe("COMPLETED");
    expect(job.steps.find((s) => s.name === "coa")?.output).toEqual([
      expect.objectContaining({
        outcome: "NAK",
        fallback: expect.objectContaining({ action: "Disconnect", outcome: "ACK" }),
      }),
    ]);
    expect(bng.sessions.has(dial.session.acctSessionId)).toBe(false);
    const redial = await bng.dial("grace@fiber", "right-password");
    if (!redial.accepted) throw new Error(redial.reason);
    expect(redial.session.rate).toBe("20M/100M");
    bng.fault = null;
    // Back to the plan the later cases expect (the CoA is acknowledged now).
    const back = await runSaga(() =>
      ctx.caller.orchestration.changePlan({ input: { subscriberId: ctx.sub.id, planId: ctx.plan500.id } }),
    );
    expect(back.status).toBe("COMPLETED");
    expect(bng.sessions.get(redial.session.acctSessionId)?.rate).toBe("100M/500M");
    bng.fault = { mode: "timeout" };
    const timeout = await applyPlanToSessions(svc, ctx.sub.id, ctx.plan500);
    expect(timeout[0]).toMatchObject({ outcome: "TIMEOUT" });
    expect(timeout[0].message).toMatch(/timed out/);
    bng.fault = null;
    // A session the NAS no longer knows: NAK 503, and the stale radacct row is closed.
    bng.sessions.delete(redial.session.acctSessionId);
    const gone = await ctx.caller.radius.sessions.disconnect({ subscriberId: ctx.sub.id });
    expect(gone[0]).toMatchObject({ outcome: "NAK", errorCause: 503, errorCauseName: "Session-Context-Not-Found" });
    const row = await t.prisma.radAcct.findFirstOrThrow({ where: { acctsessionid: redial.session.acctSessionId } });
    expect(row.acctterminatecause).toBe("Stale-Session");
  });

  it("rejects with a readable reason and never stores a password", async () => {
    const wrong = await bng.dial("grace@fiber", "cpe-changed-it");
    expect(wrong.accepted).toBe(false);
    const unknown = await bng.dial("nobody@fiber", "whatever");
    expect(unknown.accepted).toBe(false);
    const suspension = await runSaga(() =>
      ctx.caller.orchestration.suspendSubscriber({ input: { subscriberId: ctx.sub.id, reason: "NON_PAYMENT" } }),
    );
    expect(suspension.status).toBe("COMPLETED");
    const suspended = await bng.dial("grace@fiber", "right-password");
    expect(suspended.accepted).toBe(false);
    expect(suspended.accepted ? null : suspended.reason).toBe("Service suspended");
    const log = await ctx.caller.radius.authLog({ page: 1, pageSize: 20, filters: { result: "reject" } });
    const reasons = log.rows.map((r) => [r.username, r.reason, r.reasonLabel]);
    expect(reasons).toEqual(
      expect.arrayContaining([
        ["grace@fiber", "bad_password", "Wrong password"],
        ["grace@fiber", "suspended", "Suspended"],
      ]),
    );
    // The unknown user's attempt came through our NAS, so it is in our tenant's log too.
    expect(reasons).toContainEqual(["nobody@fiber", "unknown_user", "Unknown user"]);
    const raw = new pg.Client({ connectionString: t.url });
    await raw.connect();
    const { rows } = await raw.query(
      "SELECT count(*)::int AS n FROM radpostauth WHERE pass IS NOT NULL AND pass <> ''",
    );
    await raw.end();
    expect(rows[0].n).toBe(0);
    const restoration = await runSaga(() =>
      ctx.caller.orchestration.restoreSubscriber({ input: { subscriberId: ctx.sub.id } }),
    );
    expect(restoration.status).toBe("COMPLETED");
    const back = await bng.dial("grace@fiber", "right-password");
    expect(back.accepted).toBe(true);
    if (back.accepted) await bng.hangup(back.session.acctSessionId);
  });

  it("re-reads NAS rows after a reload request and renders Huawei attributes for a Huawei NAS", async () => {
    const huawei = await new BngSimulator({
      authPort: radiusd.authPort,
      acctPort: radiusd.acctPort,
      secret: "huawei-secret-1",
      nasIp: "127.0.0.2",
      vendor: "huawei",
    }).start();
    try {
      await ctx.caller.radius.nas.create({
        nasname: "127.0.0.2",
        shortname: "me60-1",
        type: "huawei",
        secret: "huawei-secret-1",
        coaPort: huawei.daePort,
      });
      expect((await ctx.caller.radius.nas.reloadStatus()).pending).toBe(true);
      const list = await ctx.caller.radius.nas.list({ page: 1, pageSize: 10 });
      expect(JSON.stringify(list)).not.toContain("huawei-secret-1");
      await radiusd.restart();
      expect((await ctx.caller.radius.nas.reloadStatus()).pending).toBe(false);
      const dial = await huawei.dial("grace@fiber", "right-password");
      if (!dial.accepted) throw new Error(dial.reason);
      expect(dial.session.rate).toBe("100000000/500000000");
      // Accounting-On: the NAS rebooted, FreeRADIUS closes its open sessions.
      await huawei.accountingOnOff("Accounting-On");
      const row = await t.prisma.radAcct.findFirstOrThrow({ where: { acctsessionid: dial.session.acctSessionId } });
      expect(row.acctstoptime).not.toBeNull();
      expect(row.acctterminatecause).toBe("NAS-Reboot");
    } finally {
      await huawei.stop();
    }
  });
});
