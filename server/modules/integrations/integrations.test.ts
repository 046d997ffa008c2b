// Per-tenant integration settings through the tRPC caller: permissions, encrypted credentials,
// test connection, and the real clients chosen when a tenant points at real systems (here the
// protocol fakes on free ports).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestDatabase, testDatabase } from "@/server/testing/db";
import { callerAs, createTenant, createUser } from "@/server/testing/fixtures";
import { startGenieAcsFake } from "@/simulator/genieacs/server";
import { startNetBoxFake } from "@/simulator/netbox/server";
import type { FakeServer } from "@/simulator/network/http";
import { NetworkSimulator } from "@/simulator/network/state";
import { startVolthaFake, type VolthaFake } from "@/simulator/voltha/server";

const TOKEN = "b".repeat(40);
let t: TestDatabase;
let sim: NetworkSimulator;
let voltha: VolthaFake;
let acs: FakeServer;
let netbox: FakeServer;

beforeAll(async () => {
  t = await testDatabase();
  sim = new NetworkSimulator("real-systems", { onusPerPort: 2 });
  voltha = await startVolthaFake(sim);
  acs = await startGenieAcsFake(sim);
  netbox = await startNetBoxFake(sim, { tokens: [TOKEN] });
});
afterAll(async () => {
  await Promise.all([voltha.close(), acs.close(), netbox.close()]);
  await t.drop();
});

describe("integrations", () => {
  it("in production, a system nobody configured is not configured until the tenant chooses one", async () => {
    const tenant = await createTenant(t.prisma);
    const admin = await callerAs(
      t.prisma,
      (await createUser(t.prisma, { roleKey: "tenant_admin", tenantId: tenant.id })).id,
    );
    const env = process.env as Record<string, string | undefined>;
    const nodeEnv = env.NODE_ENV;
    env.NODE_ENV = "production";
    try {
      expect((await admin.integrations.list()).map((i) => [i.system, i.mode])).toEqual([
        ["OLT", "NONE"],
        ["ACS", "NONE"],
        ["IPAM", "BUILTIN"],
      ]);
      for (const system of ["OLT", "ACS"] as const)
        expect(await admin.network.testIntegration({ system })).toMatchObject({
          ok: false,
          message: expect.stringMatching(/is not configured: choose the real system or the built-in simulator/),
        });
      expect((await admin.network.simulator.status()).available).toBe(false);
      // Choosing the simulator is a decision the tenant can make, even in production.
      await admin.integrations.save({ system: "OLT", mode: "SIMULATOR" });
      expect(await admin.network.testIntegration({ system: "OLT" })).toMatchObject({ ok: true });
      expect((await admin.network.simulator.status()).available).toBe(true);
    } finally {
      env.NODE_ENV = nodeEnv;
    }
  });

  it("needs integration.manage and keeps secrets encrypted and hidden", async () => {
    const tenant = await createTenant(t.prisma);
    const admin = await callerAs(
      t.prisma,
      (await createUser(t.prisma, { roleKey: "tenant_admin", tenantId: tenant.id })).id,
    );
    const noc = await callerAs(
      t.prisma,
      (await createUser(t.prisma, { roleKey: "noc_engineer", tenantId: tenant.id })).id,
    );
    await expect(noc.integrations.list()).rejects.toMatchObject({ code: "FORBIDDEN" });
    const before = await admin.integrations.list();
    expect(before.map((i) => [i.system, i.mode])).toEqual([
      ["OLT", "SIMULATOR"],
      ["ACS", "SIMULATOR"],
      ["IPAM", "BUILTIN"],
    ]);
    await expect(admin.integrations.save({ system: "IPAM", mode: "REAL", url: netbox.url })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    await admin.integrations.save({ system: "IPAM", mode: "REAL", url: netbox.url, credentials: { token: TOKEN } });
    const row = await t.prisma.integrationConfig.findFirstOrThrow({ where: { tenantId: tenant.id, system: "IPAM" } });
    expect(row.credentialsEncrypted).toMatch(/^enc:v1:/);
    expect(row.credentialsEncrypted).not.toContain(TOKEN);
    const listed = await admin.integrations.list();
    expect(JSON.stringify(listed)).not.toContain(TOKEN);
    expect(listed.find((i) => i.system === "IPAM")?.hasCredentials).toBe(true);
    const audit = await t.prisma.auditLog.findMany({ where: { tenantId: tenant.id, action: "integration.save" } });
    expect(JSON.stringify(audit.map((a) => [a.before, a.after]))).not.toContain(TOKEN);
    expect((await admin.network.testIntegration({ system: "IPAM" })).ok).toBe(true);
    // Saving without credentials keeps the stored token.
    await admin.integrations.save({ system: "IPAM", mode: "REAL", url: netbox.url });
    expect((await admin.network.testIntegration({ system: "IPAM" })).ok).toBe(true);
  });

  it("drives real VOLTHA, GenieACS and NetBox clients when a tenant points at them", async () => {
    const tenant = await createTenant(t.prisma);
    const admin = await callerAs(
      t.prisma,
      (await createUser(t.prisma, { roleKey: "tenant_admin", tenantId: tenant.id })).id,
    );
    await admin.integrations.save({ system: "OLT", mode: "REAL", url: voltha.address, options: { timeoutMs: 2000 } });
    await admin.integrations.save({ system: "ACS", mode: "REAL", url: acs.url });
    await admin.integrations.save({ system: "IPAM", mode: "REAL", url: netbox.url, credentials: { token: TOKEN } });
    for (const system of ["OLT", "ACS", "IPAM"] as const)
      expect((await admin.network.testIntegration({ system })).ok).toBe(true);

    const olt = await admin.network.olts.register({ name: "Real-OLT", hostAndPort: "10.9.0.1:9191" });
    expect(olt.ports).toHaveLength(4);
    const onus = await admin.network.onus.list({ page: 1, pageSize: 50, oltId: olt.id });
    expect(onus.total).toBe(8);
    const serial = onus.rows[0].serialNumber;
    expect(sim.findOnuBySerial(serial)).toBeTruthy();
    // Bandwidth goes through ONOS, which is not configured: a clear message, nothing enabled half-way is hidden.
    await expect(
      admin.network.onus.activate({ id: serial, downstreamKbps: 100_000, upstreamKbps: 50_000 }),
    ).rejects.toThrow(/ONOS/);
    await admin.network.onus.activate({ id: serial });
    expect(sim.findOnuBySerial(serial)?.adminState).toBe("ENABLED");
    const optics = await admin.network.onus.optics({ id: serial });
    expect(optics.verdict).toMatch(/ok|warning|critical/);

    await admin.network.cpes.sync();
    const cpe = await admin.network.cpes.get({ id: serial });
    expect(cpe.acsDeviceId).toContain(serial);
    await admin.network.cpes.wifi({ id: serial, ssid: "RealWifi", passphrase: "long enough", band: "2.4GHz" });
    expect(sim.cpeForOnu(serial)?.params.get("Device.WiFi.SSID.1.SSID")?.value).toBe("RealWifi");

    const pool = await admin.ipam.pools.create({ name: "nb", prefix: "100.80.0.0/30" });
    expect(pool.externalId).toBeTruthy();
    const a = await admin.ipam.addresses.allocate({ poolId: pool.id });
    const b = await admin.ipam.addresses.allocate({ poolId: pool.id });
    expect([a.address, b.address]).toEqual(["100.80.0.1", "100.80.0.2"]);
    await expect(admin.ipam.addresses.allocate({ poolId: pool.id })).rejects.toMatchObject({ code: "CONFLICT" });
    await admin.ipam.addresses.release({ id: a.id });
    // NetBox records an allocated address with the mask of its prefix.
    expect([...sim.ipAddresses.values()].map((x) => x.address)).toEqual(["100.80.0.2/30"]);
  });

  it("reports a failed connection test", async () => {
    const tenant = await createTenant(t.prisma);
    const admin = await callerAs(
      t.prisma,
      (await createUser(t.prisma, { roleKey: "tenant_admin", tenantId: tenant.id })).id,
    );
    await admin.integrations.save({
      system: "ACS",
      mode: "REAL",
      url: "http://127.0.0.1:1",
      options: { timeoutMs: 500 },
    });
    const result = await admin.network.testIntegration({ system: "ACS" });
    expect(result.ok).toBe(false);
    const [row] = (await admin.integrations.list()).filter((i) => i.system === "ACS");
    expect(row.lastTestOk).toBe(false);
  });
});
