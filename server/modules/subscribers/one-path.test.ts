// One path per change, through the REST API: every saga (provision, suspend, restore, change
// plan, deprovision) starts from its /api/v1/orchestration route and answers with the job; its
// dry run returns each step's intended change and leaves every table untouched. The address
// the subscriber gets is IPAM's, and it is what RADIUS answers with (Framed-IP-Address, or
// Framed-Pool for a pool the BNG hands out itself).
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { EmbeddedExecutor } from "@/inngest/executor/worker";
import { functions } from "@/inngest/functions";
import { tenantDb } from "@/server/db";
import { builtInRole } from "@/server/modules/identity";
import { createPool } from "@/server/modules/ipam";
import { registerOlt } from "@/server/modules/network";
import { hashToken } from "@/server/rest";
import { type ServiceContext, systemActor } from "@/server/service-context";
import { type TestDatabase, testDatabase } from "@/server/testing/db";
import { callerAs, createTenant, createUser } from "@/server/testing/fixtures";
import { callApi } from "@/server/testing/rest";
import { simulatorFor } from "@/simulator/network/state";

vi.mock("@/server/auth", () => ({ auth: async () => null, sessionUser: async () => null }));

let t: TestDatabase;
let svc: ServiceContext;
let serials: string[];
let customerId: string;
let basic: { id: string };
let fast: { id: string };
const TOKEN = "fo_test_onepath_admin_0123456789";
const TECH_TOKEN = "fo_test_onepath_tech_0123456789";
const OTHER_TOKEN = "fo_test_onepath_other_0123456789";

const executor = new EmbeddedExecutor({ functions, workerId: "one-path-test", backoffMs: () => 10, leaseMs: 20_000 });

function call(path: string, body: unknown, token = TOKEN) {
  return callApi("POST", path, { token, body });
}

/** A digest of every table's rows: equal digests mean nothing was written (a request itself
 * records the token's last use and its rate-limit budget). */
async function databaseDigest() {
  const tables = await t.prisma.$queryRaw<{ name: string }[]>`
    SELECT quote_ident(tablename) AS name FROM pg_tables
    WHERE schemaname = 'public' AND tablename NOT IN ('ApiToken', 'RateLimitWindow') ORDER BY 1`;
  const digest: Record<string, string> = {};
  for (const { name } of tables) {
    const [row] = await t.prisma.$queryRawUnsafe<{ d: string | null }[]>(
      `SELECT md5(string_agg(x::text, '|' ORDER BY x::text)) AS d FROM ${name} x`,
    );
    digest[name] = row?.d ?? "";
  }
  return digest;
}

/** Dry run through the route: 200, nothing written anywhere (database and simulated network). */
async function dryRun(path: string, body: Record<string, unknown>) {
  const sim = simulatorFor(svc.tenantId);
  const before = { db: await databaseDigest(), devices: JSON.stringify(sim.listDevices()) };
  const res = await call(`${path}?dry_run=true`, body);
  expect(res.status).toBe(200);
  expect(res.body.dry_run).toBe(true);
  expect(await databaseDigest()).toEqual(before.db);
  expect(JSON.stringify(sim.listDevices())).toBe(before.devices);
  return res.body as {
    ok: boolean;
    steps: { name: string; status: string; summary: string; details: Record<string, unknown> | null }[];
  };
}

async function run(path: string, body: unknown) {
  const res = await call(path, body);
  expect(res.status).toBe(202);
  expect(res.body).toMatchObject({ job_id: expect.any(String), status: "pending" });
  await executor.runUntilIdle({ advanceClock: true });
  const done = await t.prisma.orchestrationJob.findUniqueOrThrow({ where: { id: res.body.job_id } });
  expect(done.error).toBeNull();
  expect(done.status).toBe("COMPLETED");
  return done;
}

const subscriber = (id: string) => t.prisma.subscriber.findUniqueOrThrow({ where: { id } });
const replies = (subscriberId: string) =>
  t.prisma.radReply.findMany({ where: { subscriberId }, select: { attribute: true, value: true } });

beforeAll(async () => {
  t = await testDatabase();
  const tenant = await createTenant(t.prisma);
  simulatorFor(tenant.id, { onusPerPort: 2 });
  svc = { tenantId: tenant.id, db: tenantDb(tenant.id), actor: systemActor("test") };
  const admin = await createUser(t.prisma, { roleKey: "tenant_admin", tenantId: tenant.id });
  const caller = await callerAs(t.prisma, admin.id);
  basic = await caller.catalog.plans.create({
    code: "basic",
    name: "Basic 100",
    downloadKbps: 100_000,
    uploadKbps: 20_000,
    priceMinor: 3000,
    currency: "EUR",
  });
  fast = await caller.catalog.plans.create({
    code: "fast",
    name: "Fast 500",
    downloadKbps: 500_000,
    uploadKbps: 100_000,
    priceMinor: 6000,
    currency: "EUR",
  });
  customerId = (
    await caller.customers.create({
      name: "Grace Hopper",
      email: "grace@example.com",
      billingLine1: "Main St 2",
      billingCity: "Berlin",
      billingPostcode: "10115",
      billingCountry: "DE",
    })
  ).id;
  const olt = await registerOlt(svc, {
    name: "OLT-P",
    hostAndPort: "10.9.1.10:9191",
    technology: "GPON",
    splitRatio: 32,
  });
  serials = (await t.prisma.onu.findMany({ where: { oltId: olt.id }, orderBy: { serialNumber: "asc" } })).map(
    (o) => o.serialNumber,
  );
  await createPool(svc, { name: "a-subs", prefix: "100.64.0.0/24", gateway: "100.64.0.1" });
  const other = await createTenant(t.prisma);
  const [noc, tech] = [await builtInRole(t.prisma, "tenant_admin"), await builtInRole(t.prisma, "field_technician")];
  await t.prisma.apiToken.createMany({
    data: [
      { tenantId: tenant.id, name: "ops", roleId: noc.id, tokenHash: hashToken(TOKEN), prefix: "fo_test" },
      { tenantId: tenant.id, name: "tech", roleId: tech.id, tokenHash: hashToken(TECH_TOKEN), prefix: "fo_test" },
      { tenantId: other.id, name: "other", roleId: noc.id, tokenHash: hashToken(OTHER_TOKEN), prefix: "fo_test" },
    ],
  });
}, 60_000);

afterAll(() => t.drop());

describe("every saga through REST, each previewed first", () => {
  let id: string;

  it("provision: the dry run names the address IPAM will give; the job gives it and RADIUS answers with it", async () => {
    const body = {
      customer_id: customerId,
      service_plan_id: basic.id,
      onu_serial: serials[0],
      username: "grace@fiber",
      password: "grace-secret-1",
    };
    const plan = await dryRun("/orchestration/provision-subscriber", body);
    expect(plan.ok).toBe(true);
    expect(plan.steps.map((s) => [s.name, s.status])).toEqual([
      ["subscriber", "change"],
      ["radius", "change"],
      ["ip", "change"],
      ["onu", "change"],
      ["cpe", "change"],
      ["billing", "change"],
      ["activate", "change"],
      ["welcome", "change"],
    ]);
    expect(plan.steps[2]?.summary).toContain("100.64.0.2");
    expect(plan.steps[2]?.summary).toContain("Framed-IP-Address := 100.64.0.2");
    expect(JSON.stringify(plan.steps[1]?.details)).not.toContain("grace-secret-1");

    const job = await run("/orchestration/provision-subscriber", body);
    id = job.subscriberId as string;
    const sub = await subscriber(id);
    expect(sub.status).toBe("ACTIVE");
    expect(sub.ipv4Address).toBe("100.64.0.2");
    const held = await t.prisma.ipAddress.findFirstOrThrow({ where: { subscriberId: id } });
    expect(held.address).toBe("100.64.0.2");
    expect(await replies(id)).toEqual([{ attribute: "Framed-IP-Address", value: "100.64.0.2" }]);

    // A provisioned subscriber previews as already done.
    const again = await dryRun("/orchestration/provision-subscriber", {
      subscriber_id: id,
    });
    expect(again.steps.find((s) => s.name === "ip")).toMatchObject({ status: "no_change" });
    expect(again.steps.find((s) => s.name === "billing")).toMatchObject({ status: "no_change" });
  });

  it("refuses another tenant's subscriber and a role without the permission, in a dry run too", async () => {
    for (const dry of [true, false]) {
      const path = `/orchestration/suspend${dry ? "?dry_run=true" : ""}`;
      expect((await call(path, { subscriber_id: id }, OTHER_TOKEN)).status).toBe(404);
      expect((await call(path, { subscriber_id: id }, TECH_TOKEN)).status).toBe(403);
    }
    expect((await subscriber(id)).status).toBe("ACTIVE");
    const bad = await call("/orchestration/change-plan", { subscriber_id: id });
    expect(bad.status).toBe(400);
  });

  it("suspend and restore", async () => {
    const plan = await dryRun("/orchestration/suspend", {
      subscriber_id: id,
      reason: "FRAUD",
    });
    expect(plan.steps.map((s) => [s.name, s.status])).toEqual([
      ["status", "change"],
      ["radius", "change"],
      ["sessions", "no_change"],
      ["onu", "skipped"],
      ["notify", "change"],
    ]);
    expect(plan.steps[1]?.details).toMatchObject({ radusergroup: [{ groupname: "suspended", priority: 1 }] });
    await run("/orchestration/suspend", { subscriber_id: id, reason: "FRAUD" });
    expect(await subscriber(id)).toMatchObject({ status: "SUSPENDED", suspendReason: "FRAUD" });
    expect(await t.prisma.radUserGroup.findMany({ where: { subscriberId: id }, select: { groupname: true } })).toEqual([
      { groupname: "suspended" },
    ]);

    const restore = await dryRun("/orchestration/restore", { subscriber_id: id });
    expect(restore.steps[0]).toMatchObject({ status: "change", summary: expect.stringContaining("to active") });
    await run("/orchestration/restore", { subscriber_id: id });
    expect((await subscriber(id)).status).toBe("ACTIVE");
  });

  it("change plan: the dry run shows the proration; the job moves RADIUS, ONU, billing and notifies", async () => {
    const body = { subscriber_id: id, service_plan_id: fast.id, effective: "now" };
    const plan = await dryRun("/orchestration/change-plan", body);
    expect(plan.steps.map((s) => [s.name, s.status])).toEqual([
      ["plan", "change"],
      ["coa", "no_change"],
      ["onu", "change"],
      ["billing", "change"],
      ["notify", "change"],
    ]);
    expect(plan.steps[2]?.details).toMatchObject({ to: { downstreamKbps: 500_000, upstreamKbps: 100_000 } });
    const billing = plan.steps[3]?.details as { lines: { kind: string; amountMinor: number }[]; netMinor: number };
    const credit = billing.lines.find((l) => l.kind === "CREDIT");
    const charge = billing.lines.find((l) => l.kind === "PRORATION");
    expect(credit?.amountMinor).toBeLessThan(0);
    expect(charge?.amountMinor).toBeGreaterThan(0);
    expect(billing.netMinor).toBe((credit?.amountMinor ?? 0) + (charge?.amountMinor ?? 0));

    await run("/orchestration/change-plan", body);
    expect((await subscriber(id)).planId).toBe(fast.id);
    const groups = await t.prisma.radUserGroup.findMany({ where: { subscriberId: id } });
    expect(groups.every((g) => g.groupname.startsWith(`plan:${fast.id}`))).toBe(true);
    expect((await t.prisma.onu.findFirstOrThrow({ where: { subscriberId: id } })).downstreamKbps).toBe(500_000);
    const billed = await t.prisma.billingSubscription.findFirstOrThrow({ where: { subscriberId: id } });
    expect(billed.planId).toBe(fast.id);
    // The booked proration is exactly what the dry run showed.
    const booked = await t.prisma.billingCharge.findMany({
      where: { subscriptionId: billed.id, dedupeKey: { startsWith: "change-" } },
    });
    expect(booked.map((c) => c.unitAmountMinor).sort()).toEqual(billing.lines.map((l) => l.amountMinor).sort());
    expect(await t.prisma.notification.count({ where: { subscriberId: id, template: "plan_changed" } })).toBe(1);
  });

  it("portal: a subscriber switches its own service among the tenant's self-service plans, proration shown first", async () => {
    const tenantId = svc.tenantId;
    const me = await callerAs(
      t.prisma,
      (await createUser(t.prisma, { roleKey: "subscriber", tenantId, customerId })).id,
    );
    const other = await createUser(t.prisma, { roleKey: "subscriber", tenantId });
    const stranger = await callerAs(t.prisma, other.id);
    // Not offered for self-service yet: nothing to choose, and choosing it anyway is refused.
    expect((await me.subscribers.portal.planOptions()).plans).toEqual([]);
    const change = { subscriberId: id, planId: basic.id, effective: "next_cycle" as const };
    await expect(me.subscribers.portal.previewPlanChange(change)).rejects.toThrow(/cannot be chosen here/);
    await t.prisma.plan.update({ where: { id: basic.id }, data: { portalSwitchable: true } });
    const options = await me.subscribers.portal.planOptions();
    expect(options.services.map((s) => [s.id, s.plan.name])).toEqual([[id, "Fast 500"]]);
    expect(options.plans.map((p) => p.name)).toEqual(["Basic 100"]);
    // Another customer's account cannot see or change this service.
    await expect(stranger.subscribers.portal.previewPlanChange(change)).rejects.toThrow();
    const now = await me.subscribers.portal.previewPlanChange({ ...change, effective: "now" });
    expect(now.ok).toBe(true);
    expect(now.lines.map((l) => l.kind).sort()).toEqual(["CREDIT", "PRORATION"]);
    const preview = await me.subscribers.portal.previewPlanChange(change);
    expect(preview).toMatchObject({ ok: true, lines: [], netMinor: 0 });
    const started = await me.subscribers.portal.changePlan({ ...change, idempotencyKey: "portal-change-1" });
    await executor.runUntilIdle({ advanceClock: true });
    const job = await t.prisma.orchestrationJob.findUniqueOrThrow({ where: { id: started.jobId } });
    expect(job.status).toBe("COMPLETED");
    const billed = await t.prisma.billingSubscription.findFirstOrThrow({ where: { subscriberId: id } });
    expect(billed).toMatchObject({ planId: fast.id, pendingPlanId: basic.id });
    expect((await subscriber(id)).planId).toBe(fast.id);
  });

  it("deprovision: the dry run lists what goes; the job leaves nothing in RADIUS, IPAM, ONU or billing", async () => {
    const plan = await dryRun("/orchestration/deprovision", { subscriber_id: id });
    expect(plan.ok).toBe(true);
    expect(plan.steps.find((s) => s.name === "ip")?.summary).toBe("Release 100.64.0.2 back to IPAM");
    expect(plan.steps.find((s) => s.name === "billing")?.summary).toMatch(/^End billing on \d{4}-\d{2}-\d{2}/);
    await run("/orchestration/deprovision", { subscriber_id: id });
    const sub = await subscriber(id);
    expect(sub).toMatchObject({ status: "TERMINATED", ipv4Address: null });
    expect(await t.prisma.ipAddress.count({ where: { subscriberId: id } })).toBe(0);
    expect(await t.prisma.radCheck.count({ where: { subscriberId: id } })).toBe(0);
    expect(await t.prisma.onu.count({ where: { subscriberId: id } })).toBe(0);
    expect((await t.prisma.billingSubscription.findFirstOrThrow({ where: { subscriberId: id } })).status).toBe("ENDED");
  });

  it("a pool the BNG hands out itself: RADIUS answers with Framed-Pool, IPAM holds no address", async () => {
    const pool = await createPool(svc, {
      name: "b-bng",
      prefix: "100.65.0.0/24",
      gateway: "100.65.0.1",
      framedPool: "cgnat-bng-1",
    });
    const body = {
      customer_id: customerId,
      service_plan_id: basic.id,
      onu_serial: serials[1],
      username: "ada@fiber",
      pool_id: pool.id,
    };
    const plan = await dryRun("/orchestration/provision-subscriber", body);
    expect(plan.steps[2]?.summary).toContain("Framed-Pool := cgnat-bng-1");
    const job = await run("/orchestration/provision-subscriber", body);
    const sub = await subscriber(job.subscriberId as string);
    expect(sub).toMatchObject({ ipv4Address: null, framedPool: "cgnat-bng-1" });
    expect(await t.prisma.ipAddress.count({ where: { subscriberId: sub.id } })).toBe(0);
    expect(await replies(sub.id)).toEqual([{ attribute: "Framed-Pool", value: "cgnat-bng-1" }]);
  });
});
