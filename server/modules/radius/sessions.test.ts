import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tenantDb } from "@/server/db";
import { systemActor } from "@/server/service-context";
import { type TestDatabase, testDatabase } from "@/server/testing/db";
import { createTenant } from "@/server/testing/fixtures";
import { cleanupStaleSessions, usagePerDay } from "./sessions";

let t: TestDatabase;
beforeAll(async () => {
  t = await testDatabase();
});
afterAll(() => t.drop());

describe("sessions", () => {
  it("closes silent sessions as stale and sums usage per day", async () => {
    const tenant = await createTenant(t.prisma);
    const subscriberId = "0190e2a0-0000-7000-8000-000000000001";
    const hour = 3600_000;
    const now = Date.now();
    await t.prisma.radAcct.createMany({
      data: [
        {
          acctsessionid: "A",
          acctuniqueid: "ua",
          username: "u1",
          nasipaddress: "10.0.0.1",
          acctstarttime: new Date(now - 5 * hour),
          acctupdatetime: new Date(now - 4 * hour),
          acctinputoctets: 100n,
          acctoutputoctets: 1000n,
          tenantId: tenant.id,
          subscriberId,
        },
        {
          acctsessionid: "B",
          acctuniqueid: "ub",
          username: "u1",
          nasipaddress: "10.0.0.1",
          acctstarttime: new Date(now - hour),
          acctupdatetime: new Date(now - 60_000),
          acctinputoctets: 5n,
          acctoutputoctets: 50n,
          tenantId: tenant.id,
          subscriberId,
        },
      ],
    });
    const { closed } = await cleanupStaleSessions({ maxSilenceSeconds: 1800, tenantId: tenant.id });
    expect(closed).toBe(1);
    const a = await t.prisma.radAcct.findFirstOrThrow({ where: { acctuniqueid: "ua" } });
    expect(a.acctterminatecause).toBe("Stale-Session");
    expect(a.acctstoptime?.getTime()).toBe(now - 4 * hour);
    expect((await t.prisma.radAcct.findFirstOrThrow({ where: { acctuniqueid: "ub" } })).acctstoptime).toBeNull();
    const svc = { tenantId: tenant.id, db: tenantDb(tenant.id), actor: systemActor("test") };
    const usage = await usagePerDay(svc, subscriberId, 2);
    expect(usage.reduce((s, d) => s + d.downloadBytes, 0)).toBe(1050);
    expect(usage.reduce((s, d) => s + d.sessions, 0)).toBe(2);
    // Another tenant sees none of it.
    const other = await createTenant(t.prisma);
    expect(await usagePerDay({ ...svc, tenantId: other.id, db: tenantDb(other.id) }, subscriberId, 2)).toEqual([]);
  });
});
