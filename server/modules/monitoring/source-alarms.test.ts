// The alarms the monitoring sampler raises itself, on a real PostgreSQL with the real FreeRADIUS
// recording what the BNG simulator (the NAS) sends: Accounting-Off raises "NAS down",
// Accounting-On clears it and raises "NAS restarted", which clears when sessions come back; a
// burst of bad passwords beyond the tenant's threshold raises a reject spike alarm that clears
// when the minute is quiet; a failing integration test raises an alarm its recovery clears.
// Every sample repeats itself: each alarm is raised once and cleared once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RadiusdHandle, startRadiusd } from "@/radius/run";
import { recordIntegrationTest } from "@/server/modules/integrations";
import type { ServiceContext } from "@/server/service-context";
import { type TestDatabase, testDatabase } from "@/server/testing/db";
import { tenantContext } from "@/server/testing/network-fixtures";
import { BngSimulator } from "@/simulator/bng/bng";
import { sampleMetrics } from "./sample";
import { updateMonitoringSettings } from "./settings";

const SECRET = "bng-alarm-secret";
let t: TestDatabase;
let radiusd: RadiusdHandle;
let bng: BngSimulator;
let svc: ServiceContext;

beforeAll(async () => {
  t = await testDatabase();
  svc = await tenantContext(t.prisma);
  await t.prisma.nas.create({
    data: { nasname: "127.0.0.1", shortname: "bng-1", type: "mikrotik", secret: SECRET, tenantId: svc.tenantId },
  });
  await t.prisma.radCheck.create({
    data: { username: "ada@alarms", attribute: "Cleartext-Password", op: ":=", value: "right", tenantId: svc.tenantId },
  });
  radiusd = await startRadiusd({ databaseUrl: t.url });
  bng = await new BngSimulator({ authPort: radiusd.authPort, acctPort: radiusd.acctPort, secret: SECRET }).start();
}, 60_000);

afterAll(async () => {
  await bng?.stop();
  await radiusd?.stop();
  await t.drop();
});

const alarmsOf = (specificProblem: string) =>
  t.prisma.alarm.findMany({
    where: { tenantId: svc.tenantId, specificProblem },
    orderBy: { raisedAt: "asc" },
  });

async function dialOk(username: string, password: string) {
  const dial = await bng.dial(username, password);
  if (!dial.accepted) throw new Error(`rejected: ${dial.reason}\n${radiusd.logText().slice(-3000)}`);
  return dial.session;
}

describe("alarms from the monitoring sample", () => {
  it("NAS Accounting-Off raises NAS down; Accounting-On clears it and raises NAS restarted until sessions return", async () => {
    await dialOk("ada@alarms", "right");

    await bng.accountingOnOff("Accounting-Off");
    await sampleMetrics(svc);
    await sampleMetrics(svc);
    const [down] = await alarmsOf("NAS_ACCOUNTING_OFF");
    expect(await alarmsOf("NAS_ACCOUNTING_OFF")).toHaveLength(1);
    expect(down).toMatchObject({
      state: "RAISED",
      alarmedObjectType: "NAS",
      alarmedObjectName: "bng-1 (127.0.0.1)",
      perceivedSeverity: "CRITICAL",
      sourceSystemId: "radius",
    });
    // FreeRADIUS closed the NAS's session as it recorded the reload.
    expect(await t.prisma.radAcct.count({ where: { tenantId: svc.tenantId, acctstoptime: null } })).toBe(0);

    await bng.accountingOnOff("Accounting-On");
    await sampleMetrics(svc);
    await sampleMetrics(svc);
    expect(await alarmsOf("NAS_ACCOUNTING_OFF")).toMatchObject([{ id: down.id, state: "CLEARED" }]);
    expect(await alarmsOf("NAS_ACCOUNTING_ON")).toMatchObject([{ state: "RAISED", perceivedSeverity: "MAJOR" }]);

    // A CPE dials again: the NAS works, the restart is over.
    await dialOk("ada@alarms", "right");
    await sampleMetrics(svc);
    await sampleMetrics(svc);
    const restarted = await alarmsOf("NAS_ACCOUNTING_ON");
    expect(restarted).toMatchObject([{ state: "CLEARED" }]);
    expect(restarted[0].clearedAt!.getTime()).toBeGreaterThanOrEqual(restarted[0].raisedAt.getTime());
    expect(await alarmsOf("NAS_ACCOUNTING_OFF")).toHaveLength(1);
  });

  it("a burst of RADIUS rejects beyond the tenant's threshold raises one alarm, cleared when the minute is quiet", async () => {
    // A threshold out of range is refused and changes nothing.
    await expect(updateMonitoringSettings(svc, { rejectAlarmMinRejects: 5, rejectAlarmRatio: 2 })).rejects.toThrow(
      "At most 1 (100%)",
    );
    expect(await t.prisma.monitoringSettings.count({ where: { tenantId: svc.tenantId } })).toBe(0);
    await updateMonitoringSettings(svc, { rejectAlarmMinRejects: 5, rejectAlarmRatio: 0.6 });
    expect(
      await t.prisma.auditLog.count({ where: { tenantId: svc.tenantId, action: "monitoring.settings.update" } }),
    ).toBe(1);

    for (let i = 0; i < 4; i++) expect((await bng.dial("ada@alarms", "wrong")).accepted).toBe(false);
    await sampleMetrics(svc);
    expect(await alarmsOf("RADIUS_REJECT_SPIKE")).toHaveLength(0); // 4 rejects: under the count

    for (let i = 0; i < 4; i++) expect((await bng.dial(`nobody-${i}@alarms`, "x")).accepted).toBe(false);
    await sampleMetrics(svc);
    await sampleMetrics(svc);
    const [spike] = await alarmsOf("RADIUS_REJECT_SPIKE");
    expect(await alarmsOf("RADIUS_REJECT_SPIKE")).toHaveLength(1);
    expect(spike).toMatchObject({ state: "RAISED", alarmType: "QUALITY_OF_SERVICE_ALARM" });
    expect(spike.details).toMatchObject({ rejects: 8 });

    // Two minutes on, the window has no rejects: cleared, and it stays one alarm.
    const later = new Date(Date.now() + 2 * 60_000);
    await sampleMetrics(svc, later);
    await sampleMetrics(svc, new Date(later.getTime() + 60_000));
    expect(await alarmsOf("RADIUS_REJECT_SPIKE")).toMatchObject([{ id: spike.id, state: "CLEARED" }]);
  });

  it("a failing integration raises an alarm; its recovery clears it", async () => {
    await recordIntegrationTest(svc, "OLT", { ok: false, message: "connect ECONNREFUSED 10.0.0.9:50057" });
    await sampleMetrics(svc);
    await sampleMetrics(svc);
    const raised = await alarmsOf("INTEGRATION_CONNECTION_FAILED");
    expect(raised).toMatchObject([
      { state: "RAISED", alarmedObjectType: "INTEGRATION", alarmedObjectId: "OLT", sourceSystemId: "integrations" },
    ]);
    expect(raised[0].details).toMatchObject({ message: "connect ECONNREFUSED 10.0.0.9:50057" });

    await recordIntegrationTest(svc, "OLT", { ok: true, message: "VOLTHA answered" });
    await sampleMetrics(svc);
    await sampleMetrics(svc);
    expect(await alarmsOf("INTEGRATION_CONNECTION_FAILED")).toMatchObject([{ id: raised[0].id, state: "CLEARED" }]);
  });
});
