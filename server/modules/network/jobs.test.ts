// The scheduled integration test: a tenant's real systems are tested every few minutes as "Test
// connection" does (here the GenieACS fake, then the fake gone, then back), and what it finds is
// what monitoring's integration alarm reads; built-in and simulated systems are left alone.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { integrationHealth } from "@/server/modules/integrations";
import type { ServiceContext } from "@/server/service-context";
import { type TestDatabase, testDatabase } from "@/server/testing/db";
import { tenantContext } from "@/server/testing/network-fixtures";
import { startGenieAcsFake } from "@/simulator/genieacs/server";
import { NetworkSimulator } from "@/simulator/network/state";
import { testRealIntegrations } from "./jobs";

let t: TestDatabase;
let svc: ServiceContext;
const sim = new NetworkSimulator("health-check", { onusPerPort: 1 });

beforeAll(async () => {
  t = await testDatabase();
  svc = await tenantContext(t.prisma);
});
afterAll(async () => {
  await t.drop();
});

const acsHealth = async () => (await integrationHealth(svc)).find((h) => h.system === "ACS");

describe("scheduled integration test", () => {
  it("tests only the real systems and records each outcome: up, down, up again", async () => {
    const acs = await startGenieAcsFake(sim);
    await t.prisma.integrationConfig.create({
      data: { tenantId: svc.tenantId, system: "ACS", mode: "REAL", url: acs.url },
    });
    expect(await testRealIntegrations(svc)).toEqual({ ACS: true });
    expect(await acsHealth()).toMatchObject({ up: 1 });

    await acs.close();
    expect(await testRealIntegrations(svc)).toEqual({ ACS: false });
    expect(await acsHealth()).toMatchObject({ up: 0, message: expect.any(String) });

    const back = await startGenieAcsFake(sim);
    try {
      await t.prisma.integrationConfig.updateMany({
        where: { tenantId: svc.tenantId, system: "ACS" },
        data: { url: back.url },
      });
      expect(await testRealIntegrations(svc)).toEqual({ ACS: true });
      expect(await acsHealth()).toMatchObject({ up: 1 });
    } finally {
      await back.close();
    }
    // The OLT (simulated) and IPAM (built in) were never tested.
    expect(
      await t.prisma.integrationConfig.count({ where: { tenantId: svc.tenantId, system: { in: ["OLT", "IPAM"] } } }),
    ).toBe(0);
  });
});
