// The demo seed provisions through the real path: right after seeding a fresh database, a
// drift scan (platform ↔ RADIUS, IPAM, OLT, ACS, billing) finds nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "@/prisma/seed";
import { scanNow } from "@/server/modules/drift";
import { systemContext } from "@/server/service-context";
import { type TestDatabase, testDatabase } from "@/server/testing/db";

let t: TestDatabase;
beforeAll(async () => {
  t = await testDatabase();
});
afterAll(() => t.drop());

describe("demo seed", () => {
  it("leaves no drift: a scan right after seeding finds nothing", async () => {
    const tenant = await seedDemo(t.prisma, () => {});
    const scan = await scanNow(systemContext(tenant.id, "test", t.prisma));
    const findings = await t.prisma.driftFinding.findMany({
      where: { tenantId: tenant.id, status: "OPEN" },
      select: { type: true, username: true, summary: true },
    });
    expect(findings).toEqual([]);
    expect(scan).toMatchObject({ status: "COMPLETED", findings: 0 });
    expect(scan.subscribers).toBeGreaterThan(5);
    expect(scan.skipped).toEqual([]); // every system was compared
  }, 120_000);
});
