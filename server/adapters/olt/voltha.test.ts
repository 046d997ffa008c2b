// The real VOLTHA client against the fake VOLTHA core, over real gRPC.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeServer, hang, readBody, sendJson, startHttp } from "@/simulator/network/http";
import { NetworkSimulator } from "@/simulator/network/state";
import { startVolthaFake, type VolthaFake } from "@/simulator/voltha/server";
import { VolthaClient } from "./voltha";

const PON_PORT = 536870912;
let sim: NetworkSimulator;
let fake: VolthaFake;
let onos: FakeServer;
let client: VolthaClient;
const onosBodies: unknown[] = [];
/** What the fake ONOS answers next: a status, or "hang". */
let onosReply: number | "hang" = 200;

beforeAll(async () => {
  sim = new NetworkSimulator("voltha-wire", { onusPerPort: 2 });
  fake = await startVolthaFake(sim, { activationDelayMs: 30 });
  onos = await startHttp(async (req, res) => {
    onosBodies.push({ auth: req.headers.authorization, body: JSON.parse((await readBody(req)).toString()) });
    if (onosReply === "hang") return hang(res);
    sendJson(res, onosReply, onosReply === 200 ? {} : { code: onosReply, message: "refused" });
  });
  client = new VolthaClient({
    address: fake.address,
    timeoutMs: 500,
    onosUrl: onos.url,
    onosUser: "karaf",
    onosPassword: "karaf",
  });
});
afterAll(async () => {
  client.close();
  await fake.close();
  await onos.close();
});

describe("VOLTHA client over gRPC", () => {
  let oltId: string;
  it("pre-provisions an OLT (adopting one already there), enables it and waits until it is active", async () => {
    const olt = await client.preprovisionOlt({ hostAndPort: "10.1.0.1:9191" });
    expect(olt.adminState).toBe("PREPROVISIONED");
    expect(olt.hostAndPort).toBe("10.1.0.1:9191");
    oltId = olt.id;
    // VOLTHA refuses a second device at the same address: the client adopts the first.
    expect((await client.preprovisionOlt({ hostAndPort: "10.1.0.1:9191" })).id).toBe(oltId);
    // No ports until the adapter has adopted the OLT.
    expect(await client.listPorts(oltId)).toEqual([]);
    await client.enableDevice(oltId);
    expect((await client.getOlt(oltId)).operStatus).toBe("ACTIVE");
    // Enabling it again changes nothing and is no error.
    await client.enableDevice(oltId);
    const ports = await client.listPorts(oltId);
    expect(ports.filter((p) => p.type === "PON_OLT")).toHaveLength(4);
    expect(ports.find((p) => p.type === "ETHERNET_NNI")?.portNo).toBe(1048576);
    // The OLT activates the ONUs it discovers; VOLTHA enables them.
    const onus = await client.listOnus(oltId);
    expect(onus).toHaveLength(8);
    expect(onus[0]).toMatchObject({ oltId, adminState: "ENABLED", operStatus: "ACTIVE" });
    expect(onus[0].ponPortNo).toBeGreaterThanOrEqual(536870912);
    expect((await client.listOlts()).map((o) => o.id)).toEqual([oltId]);
    await expect(client.preprovisionOlt({ hostAndPort: "not an address" })).rejects.toMatchObject({ code: "INVALID" });
  });

  it("finds discovered ONUs, as VOLTHA cannot pre-provision any", async () => {
    const [onu] = await client.listOnus(oltId);
    const target = { oltId, ponPortNo: onu.ponPortNo, serialNumber: onu.serialNumber };
    expect((await client.preprovisionOnu(target)).id).toBe(onu.id);
    await expect(client.preprovisionOnu({ ...target, serialNumber: "NONE00000000" })).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: expect.stringMatching(/creates an ONU when its OLT detects it/),
    });
  });

  it("disables and enables an ONU by serial (repeats are no error), sets its bandwidth in ONOS and reads its optics", async () => {
    const [onu] = await client.listOnus(oltId);
    const target = { oltId, ponPortNo: onu.ponPortNo, serialNumber: onu.serialNumber };
    await client.enableOnu(target);
    await client.disableOnu(target);
    await client.disableOnu(target);
    expect((await client.getOnu(onu.id)).adminState).toBe("DISABLED");
    await client.enableOnu(target);
    expect((await client.getOnu(onu.id)).operStatus).toBe("ACTIVE");
    const optics = await client.getOptics(onu.id);
    expect(optics.rxDbm).toBeLessThan(-10);
    expect(optics.txDbm).toBeGreaterThan(0);
    const profile = { id: "P", cir: 1, cbs: 1522, eir: 2, ebs: 1522, air: 0 };
    await client.setBandwidthProfile({
      serialNumber: onu.serialNumber,
      upstream: profile,
      downstream: { ...profile, id: "Q" },
    });
    expect(JSON.stringify(onosBodies.at(-1))).toContain(`${onu.serialNumber}-1`);
    expect((onosBodies.at(-1) as { auth: string }).auth).toBe(`Basic ${Buffer.from("karaf:karaf").toString("base64")}`);
  });

  it("upgrades ONU firmware from an http URL and refuses OLT firmware as VOLTHA does", async () => {
    const [onu] = await client.listOnus(oltId);
    await client.downloadFirmware(onu.id, { version: "V9.9.9", url: "http://files/onu-9.9.9.bin" });
    expect((await client.getOnu(onu.id)).firmwareVersion).toBe("V9.9.9");
    await expect(
      client.downloadFirmware(oltId, { version: "BAL.3.11.0", url: "http://files/olt.bin" }),
    ).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(/does not upgrade OLT firmware/),
    });
    await expect(client.downloadFirmware(onu.id, { version: "V1" })).rejects.toMatchObject({ code: "INVALID" });
    await expect(client.downloadFirmware(onu.id, { version: "V1", url: "https://files/x" })).rejects.toMatchObject({
      code: "INVALID",
      message: expect.stringMatching(/http:\/\/ only/),
    });
    sim.injectFault("olt.firmware", "nak", 1, "image download already in progress");
    await expect(client.downloadFirmware(onu.id, { version: "V2", url: "http://files/x" })).rejects.toMatchObject({
      code: "UNAVAILABLE",
      details: { kind: "error", retryable: true },
      message: expect.stringMatching(/DEVICE_BUSY/),
    });
  });

  it("maps NOT_FOUND, NAK, error and timeout", async () => {
    await expect(client.getOnu("no-such-device")).rejects.toMatchObject({
      code: "NOT_FOUND",
      details: { kind: "not_found" },
    });
    await expect(client.getOptics("no-such-device")).rejects.toMatchObject({ code: "NOT_FOUND" });
    // An OLT has no ONU optical levels: openolt answers UNSUPPORTED.
    await expect(client.getOptics(oltId)).rejects.toMatchObject({ code: "CONFLICT", details: { kind: "nak" } });
    const [onu] = await client.listOnus(oltId);
    const target = { oltId, ponPortNo: onu.ponPortNo, serialNumber: onu.serialNumber };
    await client.disableOnu(target);
    sim.injectFault("olt.enableOnu", "nak", 1, "ONU not ranged");
    await expect(client.enableOnu(target)).rejects.toMatchObject({ code: "CONFLICT", details: { kind: "nak" } });
    sim.injectFault("olt.enableOnu", "error");
    await expect(client.enableOnu(target)).rejects.toMatchObject({ code: "UNAVAILABLE", details: { kind: "error" } });
    sim.injectFault("olt.enableOnu", "timeout");
    const started = Date.now();
    await expect(client.enableOnu(target)).rejects.toMatchObject({ code: "UNAVAILABLE", details: { kind: "timeout" } });
    expect(Date.now() - started).toBeGreaterThanOrEqual(450);
    await client.enableOnu(target);
    expect((await client.testConnection()).ok).toBe(true);
  });

  it("maps NOT_FOUND of ONU and OLT requests, and a dark ONU's optics", async () => {
    await expect(client.enableOnu({ oltId, ponPortNo: PON_PORT, serialNumber: "NONE00000000" })).rejects.toMatchObject({
      code: "NOT_FOUND",
      details: { system: "VOLTHA", kind: "not_found" },
    });
    await expect(client.listPorts("no-such-olt")).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(client.rebootDevice("no-such-olt")).rejects.toMatchObject({ code: "NOT_FOUND" });
    sim.injectFault("olt.optics", "timeout");
    const [onu] = await client.listOnus(oltId);
    await expect(client.getOptics(onu.id)).rejects.toMatchObject({ details: { kind: "timeout" } });
    sim.cutFibre(oltId, onu.ponPortNo);
    await expect(client.getOptics(onu.id)).rejects.toMatchObject({
      details: { kind: "timeout" },
      message: expect.stringMatching(/self test/),
    });
    sim.repairFibre(oltId, onu.ponPortNo);
  });

  it("reports an OLT that never becomes active", async () => {
    const stuck = await client.preprovisionOlt({ hostAndPort: "10.1.0.99:9191" });
    const slow = await startVolthaFake(sim, { activationDelayMs: 60_000 });
    const impatient = new VolthaClient({ address: slow.address, timeoutMs: 400 });
    try {
      await expect(impatient.enableDevice(stuck.id)).rejects.toMatchObject({
        code: "UNAVAILABLE",
        details: { kind: "timeout" },
        message: expect.stringMatching(/still ACTIVATING.*10\.1\.0\.99:9191/),
      });
    } finally {
      impatient.close();
      await slow.close();
    }
  });

  it("maps ONOS refusals, failures and timeouts when setting bandwidth", async () => {
    const [onu] = await client.listOnus(oltId);
    const profile = { id: "P", cir: 1, cbs: 1522, eir: 2, ebs: 1522, air: 0 };
    const input = { serialNumber: onu.serialNumber, upstream: profile, downstream: profile };
    onosReply = 400;
    await expect(client.setBandwidthProfile(input)).rejects.toMatchObject({
      code: "CONFLICT",
      details: { system: "ONOS", kind: "nak" },
    });
    onosReply = 503;
    await expect(client.setBandwidthProfile(input)).rejects.toMatchObject({
      code: "UNAVAILABLE",
      details: { system: "ONOS", kind: "error" },
    });
    onosReply = "hang";
    await expect(client.setBandwidthProfile(input)).rejects.toMatchObject({
      code: "UNAVAILABLE",
      details: { system: "ONOS", kind: "timeout" },
    });
    onosReply = 200;
    await client.setBandwidthProfile(input);
    const noOnos = new VolthaClient({ address: fake.address, timeoutMs: 500 });
    await expect(noOnos.setBandwidthProfile(input)).rejects.toMatchObject({ code: "INVALID" });
    noOnos.close();
  });

  it("reports an unreachable VOLTHA in the connection test", async () => {
    const dead = new VolthaClient({ address: "127.0.0.1:1", timeoutMs: 300 });
    const result = await dead.testConnection();
    dead.close();
    expect(result.ok).toBe(false);
  });
});
