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
  fake = await startVolthaFake(sim);
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
  it("pre-provisions and enables an OLT, lists its PON ports and discovered ONUs", async () => {
    const olt = await client.preprovisionOlt({ hostAndPort: "10.1.0.1:9191" });
    expect(olt.adminState).toBe("PREPROVISIONED");
    expect(olt.hostAndPort).toBe("10.1.0.1:9191");
    oltId = olt.id;
    await client.enableDevice(oltId);
    expect((await client.getOlt(oltId)).operStatus).toBe("ACTIVE");
    const ports = await client.listPorts(oltId);
    expect(ports.filter((p) => p.type === "PON_OLT")).toHaveLength(4);
    expect(ports.find((p) => p.type === "ETHERNET_NNI")?.portNo).toBe(1048576);
    const onus = await client.listOnus(oltId);
    expect(onus).toHaveLength(8);
    expect(onus[0]).toMatchObject({ oltId, adminState: "PREPROVISIONED", operStatus: "DISCOVERED" });
    expect(onus[0].ponPortNo).toBeGreaterThanOrEqual(536870912);
    expect((await client.listOlts()).map((o) => o.id)).toEqual([oltId]);
  });

  it("enables an ONU by serial, sets its bandwidth in ONOS and reads its optics", async () => {
    const [onu] = await client.listOnus(oltId);
    await client.enableOnu({ oltId, ponPortNo: onu.ponPortNo, serialNumber: onu.serialNumber });
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
    await client.disableOnu({ oltId, ponPortNo: onu.ponPortNo, serialNumber: onu.serialNumber });
    expect((await client.getOnu(onu.id)).adminState).toBe("DISABLED");
    await client.downloadFirmware(oltId, { version: "BAL.3.11.0", url: "http://files/olt.bin" });
    expect((await client.getOlt(oltId)).firmwareVersion).toBe("BAL.3.11.0");
  });

  it("maps NOT_FOUND, NAK, error and timeout", async () => {
    await expect(client.getOnu("no-such-device")).rejects.toMatchObject({
      code: "NOT_FOUND",
      details: { kind: "not_found" },
    });
    await expect(client.getOptics("no-such-device")).rejects.toMatchObject({ code: "NOT_FOUND" });
    // An OLT is not an ONU: no such ONU.
    await expect(client.getOptics(oltId)).rejects.toMatchObject({ code: "NOT_FOUND" });
    const [onu] = await client.listOnus(oltId);
    const target = { oltId, ponPortNo: onu.ponPortNo, serialNumber: onu.serialNumber };
    sim.injectFault("olt.enableOnu", "nak", 1, "ONU not ranged");
    await expect(client.enableOnu(target)).rejects.toMatchObject({ code: "CONFLICT", details: { kind: "nak" } });
    sim.injectFault("olt.enableOnu", "error");
    await expect(client.enableOnu(target)).rejects.toMatchObject({ code: "UNAVAILABLE", details: { kind: "error" } });
    sim.injectFault("olt.enableOnu", "timeout");
    const started = Date.now();
    await expect(client.enableOnu(target)).rejects.toMatchObject({ code: "UNAVAILABLE", details: { kind: "timeout" } });
    expect(Date.now() - started).toBeGreaterThanOrEqual(450);
    await client.enableOnu(target);
    await expect(client.preprovisionOlt({ hostAndPort: "not an address" })).rejects.toMatchObject({ code: "INVALID" });
    expect((await client.testConnection()).ok).toBe(true);
  });

  it("maps NOT_FOUND and NAK of ONU, OLT and firmware requests", async () => {
    await expect(client.enableOnu({ oltId, ponPortNo: PON_PORT, serialNumber: "NONE00000000" })).rejects.toMatchObject({
      code: "NOT_FOUND",
      details: { system: "VOLTHA", kind: "not_found" },
    });
    await expect(client.listPorts("no-such-olt")).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(client.rebootDevice("no-such-olt")).rejects.toMatchObject({ code: "NOT_FOUND" });
    sim.injectFault("olt.firmware", "nak", 1, "image download already in progress");
    await expect(client.downloadFirmware(oltId, { version: "BAL.3.12.0" })).rejects.toMatchObject({
      code: "CONFLICT",
      details: { kind: "nak", retryable: false },
      message: expect.stringMatching(/already in progress/),
    });
    sim.injectFault("olt.optics", "timeout");
    const [onu] = await client.listOnus(oltId);
    await expect(client.getOptics(onu.id)).rejects.toMatchObject({ details: { kind: "timeout" } });
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
