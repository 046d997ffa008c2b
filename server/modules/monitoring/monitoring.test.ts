// J19 on a real PostgreSQL: the sampler reads every figure through its owner (ONUs per OLT,
// radacct, radpostauth, the job queue, integrations, incidents, drift); an alert rule on the
// reject ratio fires only after its duration, once, on the inbox, email, SMS and webhook;
// resolves when the metric recovers; acknowledge and resolve are audited; rollups and
// retention; /api/v1/metrics and the Prometheus text; another tenant sees none of it.
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { builtInRole } from "@/server/modules/identity";
import { hashToken } from "@/server/rest";
import type { ServiceContext } from "@/server/service-context";
import { type TestDatabase, testDatabase } from "@/server/testing/db";
import { callerAs, createUser } from "@/server/testing/fixtures";
import { tenantContext } from "@/server/testing/network-fixtures";
import { plant } from "@/server/testing/noc-fixtures";
import { callApi } from "@/server/testing/rest";
import { rollupAndClean } from "./rollup";
import { sampleMetrics } from "./sample";

// next-auth cannot load under vitest (it imports next/server); REST calls use API tokens.
vi.mock("@/server/auth", () => ({ auth: async () => null, sessionUser: async () => null }));

let t: TestDatabase;
beforeAll(async () => {
  t = await testDatabase();
});
afterAll(() => t.drop());

const MIN = 60_000;

// Attempts as FreeRADIUS logs them: unknown users belong to the tenant of the NAS they came from.
const nasOf = new Map<string, string>();
async function authAttempts(svc: ServiceContext, at: Date, accepts: number, rejects: number) {
  let nas = nasOf.get(svc.tenantId);
  if (!nas) {
    nas = `10.77.${nasOf.size + 1}.1`;
    nasOf.set(svc.tenantId, nas);
    await t.prisma.nas.create({ data: { nasname: nas, shortname: "bng", secret: "s3cret", tenantId: svc.tenantId } });
  }
  const row = (reply: string, i: number) => ({
    username: `user-${i}`,
    reply,
    authdate: new Date(at.getTime() - 10_000),
    nasipaddress: nas,
  });
  await t.prisma.radPostAuth.createMany({
    data: [
      ...Array.from({ length: accepts }, (_, i) => row("Access-Accept", i)),
      ...Array.from({ length: rejects }, (_, i) => row("Access-Reject", i)),
    ],
  });
}

async function tokenFor(tenantId: string, roleKey: string, scopes: string[] = []) {
  const role = await builtInRole(t.prisma, roleKey);
  const token = `fo_test_${crypto.randomUUID().replaceAll("-", "")}`;
  await t.prisma.apiToken.create({
    data: { tenantId, name: roleKey, roleId: role.id, tokenHash: hashToken(token), prefix: "fo_test", scopes },
  });
  return token;
}

describe("sampling (J19)", () => {
  it("records each figure from its owner, per OLT where it applies", async () => {
    const svc = await tenantContext(t.prisma);
    const p = await plant(t.prisma, svc, [3, 2]);
    await t.prisma.onu.updateMany({
      where: { serialNumber: { in: p.ports[1].serials } },
      data: { state: "LOS" },
    });
    const now = new Date();
    await t.prisma.radAcct.createMany({
      data: [1, 2, 3].map((i) => ({
        acctsessionid: `s${i}`,
        acctuniqueid: `${svc.tenantId}-u${i}`,
        username: `user-${i}`,
        nasipaddress: "10.0.0.1",
        acctstarttime: now,
        acctstoptime: i === 3 ? now : null,
        tenantId: svc.tenantId,
      })),
    });
    await authAttempts(svc, now, 3, 1);
    await t.prisma.orchestrationJob.createMany({
      data: [
        { tenantId: svc.tenantId, type: "provision-subscriber", status: "RUNNING", input: {} },
        { tenantId: svc.tenantId, type: "provision-subscriber", status: "ROLLED_BACK", input: {} },
        { tenantId: svc.tenantId, type: "provision-subscriber", status: "COMPLETED", input: {} },
      ],
    });
    await t.prisma.integrationConfig.create({
      data: { tenantId: svc.tenantId, system: "ACS", mode: "REAL", url: "http://acs.test", lastTestOk: false },
    });
    await t.prisma.incident.create({
      data: {
        tenantId: svc.tenantId,
        number: 1,
        title: "Cut",
        rootKey: `olt:${p.oltId}`,
        rootType: "OLT",
        rootName: "OLT",
      },
    });

    const result = await sampleMetrics(svc, now);
    const points = await t.prisma.metricPoint.findMany({ where: { tenantId: svc.tenantId, step: 60 } });
    const value = (metric: string, series = "") =>
      points.find((x) => x.metric === metric && x.series === series)?.value;
    expect(value("onus_online", `olt:${p.oltId}`)).toBe(3);
    expect(value("onus_offline", `olt:${p.oltId}`)).toBe(2);
    expect(points.find((x) => x.metric === "onus_online")?.labels).toMatchObject({ olt_id: p.oltId });
    expect(value("radius_sessions_active")).toBe(2);
    expect(value("radius_accepts_last_minute")).toBe(3);
    expect(value("radius_rejects_last_minute")).toBe(1);
    expect(value("radius_reject_ratio")).toBe(0.25);
    expect(value("jobs_queued")).toBe(1);
    expect(value("jobs_failed_last_minute")).toBe(1);
    expect(value("integration_up", "system:ACS")).toBe(0);
    expect(value("integration_up", "system:OLT")).toBe(1);
    expect(value("incidents_open")).toBe(1);
    expect(value("drift_findings_open")).toBe(0);
    expect(result.points).toBe(points.length);

    // Another tenant's sample holds none of this tenant's figures.
    const other = await tenantContext(t.prisma);
    await sampleMetrics(other, now);
    const theirs = await t.prisma.metricPoint.findMany({ where: { tenantId: other.tenantId } });
    expect(theirs.find((x) => x.metric === "radius_sessions_active")?.value).toBe(0);
    expect(theirs.some((x) => x.metric === "onus_online")).toBe(false);
  });

  it("averages finished 15-minute buckets once and drops points past their retention", async () => {
    const svc = await tenantContext(t.prisma);
    const bucket = Math.floor(Date.now() / 900_000) * 900_000 - 900_000;
    const point = (at: number, value: number, step = 60) => ({
      tenantId: svc.tenantId,
      metric: "jobs_queued",
      step,
      at: new Date(at),
      value,
    });
    await t.prisma.metricPoint.createMany({
      data: [
        point(bucket + MIN, 2),
        point(bucket + 5 * MIN, 4),
        point(bucket + 14 * MIN, 6),
        point(Date.now() - 49 * 3600_000, 9),
        point(Date.now() - 91 * 24 * 3600_000, 9, 900),
      ],
    });
    const first = await rollupAndClean(svc);
    expect(first.deleted).toBe(2);
    const averages = await t.prisma.metricPoint.findMany({
      where: { tenantId: svc.tenantId, step: 900 },
      orderBy: { at: "asc" },
    });
    expect(averages.at(-1)).toMatchObject({ at: new Date(bucket), value: 4 });
    // The 49-hour-old raw point was averaged into its bucket before it was deleted.
    expect(averages).toHaveLength(2);
    expect((await rollupAndClean(svc)).rolled).toBe(0);
  });
});

describe("alert rules (J19)", () => {
  it("fires only after its duration, once, on every channel; resolves when the metric recovers", async () => {
    const svc = await tenantContext(t.prisma);
    const noc = await createUser(t.prisma, { roleKey: "noc_engineer", tenantId: svc.tenantId });
    const csr = await createUser(t.prisma, { roleKey: "csr", tenantId: svc.tenantId });
    const api = await callerAs(t.prisma, noc.id);
    await t.prisma.webhookEndpoint.create({
      data: { tenantId: svc.tenantId, url: "https://hooks.example/noc", events: ["alert.firing"], secret: "x" },
    });

    // Bad input is refused with a clear message, and nothing is created.
    await expect(
      api.monitoring.createRule({
        name: "Rejects",
        metric: "radius_reject_ratio",
        comparator: "ABOVE",
        threshold: 0.5,
        durationMinutes: 5,
        channels: ["EMAIL"],
      }),
    ).rejects.toThrow(/email address to notify/);
    await expect(
      api.monitoring.createRule({
        name: "Rejects",
        metric: "radius_reject_ratio",
        series: "olt:nope",
        comparator: "ABOVE",
        threshold: 0.5,
        durationMinutes: 5,
        channels: ["INBOX"],
      }),
    ).rejects.toThrow(/has no series/);
    expect(await t.prisma.alertRule.count({ where: { tenantId: svc.tenantId } })).toBe(0);
    // A CSR may look but not change rules.
    await expect(
      (await callerAs(t.prisma, csr.id)).monitoring.createRule({
        name: "Rejects",
        metric: "radius_reject_ratio",
        comparator: "ABOVE",
        threshold: 0.5,
        durationMinutes: 5,
        channels: ["INBOX"],
      }),
    ).rejects.toBeInstanceOf(TRPCError);

    const rule = await api.monitoring.createRule({
      name: "RADIUS rejects",
      metric: "radius_reject_ratio",
      comparator: "ABOVE",
      threshold: 0.5,
      durationMinutes: 5,
      channels: ["INBOX", "EMAIL", "SMS", "WEBHOOK"],
      emailTo: "noc@isp.example",
      smsTo: "+351912345678",
    });

    const t0 = Date.now() - 30 * MIN;
    const at = (m: number) => new Date(t0 + m * MIN);
    const inbox = () => t.prisma.inboxItem.count({ where: { userId: noc.id, title: "Alert: RADIUS rejects" } });

    await authAttempts(svc, at(0), 1, 9);
    expect(await sampleMetrics(svc, at(0))).toMatchObject({ fired: 0 });
    await authAttempts(svc, at(3), 1, 9);
    expect(await sampleMetrics(svc, at(3))).toMatchObject({ fired: 0 });
    expect(await inbox()).toBe(0);
    const pending = await t.prisma.alert.findFirstOrThrow({ where: { ruleId: rule.id } });
    expect(pending.status).toBe("PENDING");

    await authAttempts(svc, at(5), 2, 8);
    expect(await sampleMetrics(svc, at(5))).toMatchObject({ fired: 1 });
    await authAttempts(svc, at(6), 0, 5);
    expect(await sampleMetrics(svc, at(6))).toMatchObject({ fired: 0 });
    expect(await inbox()).toBe(1);
    const firing = await t.prisma.alert.findFirstOrThrow({ where: { ruleId: rule.id } });
    expect(firing).toMatchObject({ status: "FIRING", firedAt: at(5), value: 1 });
    const deliveries = await t.prisma.notificationDelivery.findMany({
      where: { tenantId: svc.tenantId, template: "monitoring_alert" },
    });
    expect(deliveries.map((d) => [d.channel, d.recipient]).sort()).toEqual([
      ["EMAIL", "noc@isp.example"],
      ["SMS", "+351912345678"],
    ]);
    const events = await t.prisma.webhookEvent.findMany({ where: { tenantId: svc.tenantId } });
    expect(events.map((e) => e.type)).toEqual(["alert.firing"]);
    expect(events[0].data).toMatchObject({ alert_id: firing.id, rule_name: "RADIUS rejects", value: 0.8 });
    // The CSR holds no alert.manage: not told.
    expect(await t.prisma.inboxItem.count({ where: { userId: csr.id } })).toBe(0);

    // Acknowledged by the engineer (audited); the list shows it.
    await api.monitoring.acknowledge({ id: firing.id });
    const listed = await api.monitoring.alerts({ page: 1, pageSize: 10, filters: { status: "open" } });
    expect(listed.rows.map((r) => [r.status, r.ruleName, r.condition])).toEqual([
      ["ACKNOWLEDGED", "RADIUS rejects", "above 0.5 for 5 min"],
    ]);

    // The metric recovers: resolved, people told, no new alert.
    await authAttempts(svc, at(7), 10, 0);
    expect(await sampleMetrics(svc, at(7))).toMatchObject({ fired: 0, resolved: 1 });
    expect(await t.prisma.alert.findUniqueOrThrow({ where: { id: firing.id } })).toMatchObject({
      status: "RESOLVED",
      resolvedBy: "metric recovered",
    });
    expect(await t.prisma.inboxItem.count({ where: { userId: noc.id, title: "Resolved: RADIUS rejects" } })).toBe(1);
    await authAttempts(svc, at(8), 10, 0);
    await sampleMetrics(svc, at(8));
    expect(await t.prisma.alert.count({ where: { ruleId: rule.id } })).toBe(1);

    const audit = await t.prisma.auditLog.findMany({
      where: { tenantId: svc.tenantId, targetType: { in: ["Alert", "AlertRule"] } },
      orderBy: { createdAt: "asc" },
    });
    expect(audit.map((a) => a.action)).toEqual([
      "alert_rule.created",
      "alert.fired",
      "alert.acknowledged",
      "alert.resolved",
    ]);
  });

  it("drops a pending alert whose metric recovers before the duration; resolves by hand", async () => {
    const svc = await tenantContext(t.prisma);
    const noc = await createUser(t.prisma, { roleKey: "noc_engineer", tenantId: svc.tenantId });
    const api = await callerAs(t.prisma, noc.id);
    const rule = await api.monitoring.createRule({
      name: "Queue",
      metric: "jobs_queued",
      comparator: "ABOVE",
      threshold: 0,
      durationMinutes: 2,
      channels: ["INBOX"],
    });
    const t0 = Date.now() - 20 * MIN;
    const at = (m: number) => new Date(t0 + m * MIN);
    const job = await t.prisma.orchestrationJob.create({
      data: { tenantId: svc.tenantId, type: "provision-subscriber", status: "PENDING", input: {} },
    });
    await sampleMetrics(svc, at(0));
    await t.prisma.orchestrationJob.update({ where: { id: job.id }, data: { status: "COMPLETED" } });
    await sampleMetrics(svc, at(1));
    expect(await t.prisma.alert.count({ where: { ruleId: rule.id } })).toBe(0);

    await t.prisma.orchestrationJob.update({ where: { id: job.id }, data: { status: "RUNNING" } });
    await sampleMetrics(svc, at(2));
    await sampleMetrics(svc, at(4));
    const alert = await t.prisma.alert.findFirstOrThrow({ where: { ruleId: rule.id } });
    expect(alert.status).toBe("FIRING");
    await api.monitoring.resolve({ id: alert.id });
    expect(await t.prisma.alert.findUniqueOrThrow({ where: { id: alert.id } })).toMatchObject({
      status: "RESOLVED",
      resolvedBy: noc.email,
    });
    // Acknowledging a resolved alert is a clear conflict.
    await expect(api.monitoring.acknowledge({ id: alert.id })).rejects.toThrow(/only a firing alert/i);
  });

  it("keeps rules and alerts to their tenant", async () => {
    const a = await tenantContext(t.prisma);
    const b = await tenantContext(t.prisma);
    const nocA = await callerAs(
      t.prisma,
      (await createUser(t.prisma, { roleKey: "noc_engineer", tenantId: a.tenantId })).id,
    );
    const nocB = await callerAs(
      t.prisma,
      (await createUser(t.prisma, { roleKey: "noc_engineer", tenantId: b.tenantId })).id,
    );
    const rule = await nocA.monitoring.createRule({
      name: "Incidents",
      metric: "incidents_open",
      comparator: "BELOW",
      threshold: 1,
      durationMinutes: 0,
      channels: ["INBOX"],
    });
    await sampleMetrics(a);
    await sampleMetrics(b);
    const alert = await t.prisma.alert.findFirstOrThrow({ where: { ruleId: rule.id } });
    expect(alert.status).toBe("FIRING");
    // B's sample did not evaluate A's rule, and B sees and touches none of it.
    expect(await t.prisma.alert.count({ where: { tenantId: b.tenantId } })).toBe(0);
    expect(await nocB.monitoring.rules()).toEqual([]);
    expect((await nocB.monitoring.alerts({ page: 1, pageSize: 10 })).total).toBe(0);
    await expect(nocB.monitoring.acknowledge({ id: alert.id })).rejects.toThrow(/not found/i);
    await expect(nocB.monitoring.deleteRule({ id: rule.id })).rejects.toThrow(/not found/i);
    expect(await t.prisma.alert.findUniqueOrThrow({ where: { id: alert.id } })).toMatchObject({ status: "FIRING" });
  });
});

describe("metrics API (J19)", () => {
  it("answers current values, a range, and the Prometheus text to a metrics-scoped token", async () => {
    const svc = await tenantContext(t.prisma);
    const p = await plant(t.prisma, svc, [2]);
    await t.prisma.olt.update({ where: { id: p.oltId }, data: { name: 'OLT "north"' } });
    const earlier = new Date(Date.now() - 10 * MIN);
    await sampleMetrics(svc, earlier);
    const now = new Date();
    await sampleMetrics(svc, now);
    const token = await tokenFor(svc.tenantId, "noc_engineer", ["metrics.read"]);

    const current = await callApi("GET", "/metrics", { token });
    expect(current.status).toBe(200);
    expect(current.body.sampled_at).toBe(now.toISOString());
    const online = current.body.metrics.find((m: { name: string }) => m.name === "onus_online");
    expect(online.series).toEqual([
      { series: `olt:${p.oltId}`, labels: { olt_id: p.oltId, olt: 'OLT "north"' }, value: 2 },
    ]);
    expect(current.body.range).toBeNull();

    const from = new Date(Date.now() - 60 * MIN).toISOString();
    const range = await callApi("GET", `/metrics?metric=onus_online&from=${encodeURIComponent(from)}`, { token });
    expect(range.body.range.step_seconds).toBe(60);
    expect(range.body.range.series[0].points.map((x: { at: string }) => x.at)).toEqual([
      earlier.toISOString(),
      now.toISOString(),
    ]);
    expect((await callApi("GET", "/metrics?metric=onus_online", { token })).status).toBe(400);

    const prom = await callApi("GET", "/metrics/prometheus", { token });
    expect(prom.status).toBe(200);
    expect(prom.headers.get("content-type")).toBe("text/plain; version=0.0.4; charset=utf-8");
    const text = prom.body as string;
    expect(text).toContain(
      "# HELP fiberops_onus_online ONUs online (active) per OLT\n# TYPE fiberops_onus_online gauge\n",
    );
    expect(text).toContain(`fiberops_onus_online{olt="OLT \\"north\\"",olt_id="${p.oltId}"} 2\n`);
    expect(text).toContain("fiberops_radius_sessions_active 0\n");
    expect(text).toContain(`fiberops_metrics_sampled_timestamp_seconds ${now.getTime() / 1000}\n`);
    // Every sample line is a name, optional labels and a number.
    for (const line of text
      .trim()
      .split("\n")
      .filter((l) => !l.startsWith("#")))
      expect(line).toMatch(
        /^fiberops_[a-z_]+(\{[a-z_]+="(?:[^"\\]|\\.)*"(,[a-z_]+="(?:[^"\\]|\\.)*")*\})? -?[0-9.e+]+$/,
      );

    // A token scoped to something else is refused.
    const other = await tokenFor(svc.tenantId, "noc_engineer", ["job.read"]);
    expect((await callApi("GET", "/metrics/prometheus", { token: other })).status).toBe(403);
  });
});
