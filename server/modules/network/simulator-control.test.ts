// Fault injection into a tenant's simulated network through the tRPC caller: who may, what it
// arms on that tenant's simulator only, that a provisioning step then fails the way an OLT
// failure does, and that it refuses while the OLT integration is a real VOLTHA.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tenantDb } from "@/server/db";
import { registerOlt } from "@/server/modules/network";
import { systemActor } from "@/server/service-context";
import { type TestDatabase, testDatabase } from "@/server/testing/db";
import { callerAs, createTenant, createUser } from "@/server/testing/fixtures";
import { simulatorFor } from "@/simulator/network/state";

let t: TestDatabase;
beforeAll(async () => {
  t = await testDatabase();
});
afterAll(() => t.drop());

describe("simulated network fault injection", () => {
  it("arms and clears faults on the tenant's own simulator, audited, for integration.manage only", async () => {
    const tenant = await createTenant(t.prisma);
    const other = await createTenant(t.prisma);
    const admin = await callerAs(
      t.prisma,
      (await createUser(t.prisma, { roleKey: "tenant_admin", tenantId: tenant.id })).id,
    );
    const noc = await callerAs(
      t.prisma,
      (await createUser(t.prisma, { roleKey: "noc_engineer", tenantId: tenant.id })).id,
    );
    await expect(noc.network.simulator.injectFault({ operation: "olt.enableOnu", kind: "error" })).rejects.toThrow(
      /permission/i,
    );

    expect((await admin.network.simulator.status()).available).toBe(true);
    const armed = await admin.network.simulator.injectFault({
      operation: "olt.enableOnu",
      kind: "error",
      message: "PON port busy",
    });
    expect(armed).toEqual([
      {
        operation: "olt.enableOnu",
        label: "OLT: activate an ONU",
        kind: "error",
        remaining: null,
        message: "PON port busy",
      },
    ]);
    expect(simulatorFor(other.id).faults.size).toBe(0);

    // The armed fault is what the OLT adapter meets: activating an ONU fails as VOLTHA would.
    const svc = { tenantId: tenant.id, db: tenantDb(tenant.id), actor: systemActor("test") };
    const olt = await registerOlt(svc, {
      name: "OLT-F",
      hostAndPort: "10.77.0.10:9191",
      technology: "GPON",
      splitRatio: 32,
    });
    const onu = await t.prisma.onu.findFirstOrThrow({ where: { oltId: olt.id } });
    await expect(
      admin.network.onus.activate({ id: onu.id, downstreamKbps: 100_000, upstreamKbps: 20_000 }),
    ).rejects.toThrow(/PON port busy/);

    expect(await admin.network.simulator.clearFaults()).toEqual([]);
    await admin.network.onus.activate({ id: onu.id, downstreamKbps: 100_000, upstreamKbps: 20_000 });
    const audit = await t.prisma.auditLog.findMany({
      where: { tenantId: tenant.id, action: { startsWith: "integration.simulator." } },
      orderBy: { createdAt: "asc" },
    });
    expect(audit.map((a) => a.action)).toEqual(["integration.simulator.fault", "integration.simulator.clear"]);
  });

  it("degrades one ONU's light (and what its CPE reads), for integration.manage only", async () => {
    const tenant = await createTenant(t.prisma);
    const admin = await callerAs(
      t.prisma,
      (await createUser(t.prisma, { roleKey: "tenant_admin", tenantId: tenant.id })).id,
    );
    const noc = await callerAs(
      t.prisma,
      (await createUser(t.prisma, { roleKey: "noc_engineer", tenantId: tenant.id })).id,
    );
    const svc = { tenantId: tenant.id, db: tenantDb(tenant.id, t.prisma), actor: systemActor("test") };
    await registerOlt(svc, { name: "DEGRADE-OLT", hostAndPort: "10.8.0.1:9191" });
    const onu = await t.prisma.onu.findFirstOrThrow({ where: { tenantId: tenant.id } });
    const sim = simulatorFor(tenant.id);
    const device = sim.findOnuBySerial(onu.serialNumber);
    const before = device?.optics?.baseRx as number;
    await expect(noc.network.simulator.degradeOnu({ serialNumber: onu.serialNumber, dbm: 10 })).rejects.toThrow(
      /permission/i,
    );
    await admin.network.simulator.degradeOnu({ serialNumber: onu.serialNumber, dbm: 10 });
    expect(device?.optics?.baseRx).toBeCloseTo(before - 10);
    const cpe = sim.cpeForOnu(onu.serialNumber);
    expect(cpe?.params.get("Device.Optical.Interface.1.OpticalSignalLevel")?.value).toBe(
      Math.round((before - 10) * 1000),
    );
    await expect(admin.network.simulator.degradeOnu({ serialNumber: "NOPE0000", dbm: 3 })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    expect(
      await t.prisma.auditLog.count({ where: { tenantId: tenant.id, action: "integration.simulator.degrade_onu" } }),
    ).toBe(1);
  });

  it("refuses while the OLT integration drives a real VOLTHA", async () => {
    const tenant = await createTenant(t.prisma);
    const admin = await callerAs(
      t.prisma,
      (await createUser(t.prisma, { roleKey: "tenant_admin", tenantId: tenant.id })).id,
    );
    await admin.integrations.save({ system: "OLT", mode: "REAL", url: "127.0.0.1:1" });
    expect((await admin.network.simulator.status()).available).toBe(false);
    await expect(
      admin.network.simulator.injectFault({ operation: "olt.*", kind: "timeout", times: 1 }),
    ).rejects.toThrow(/real network/);
    await expect(admin.network.simulator.clearFaults()).rejects.toThrow(/real network/);
  });
});
