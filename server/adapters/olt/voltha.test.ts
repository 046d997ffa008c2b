// The real VOLTHA client against the fake VOLTHA core, over real gRPC.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeServer, readBody, sendJson, startHttp } from "@/simulator/network/http";
import { NetworkSimulator } from "@/simulator/network/state";
import { startVolthaFake, type VolthaFake } from "@/simulator/voltha/server";
import { VolthaClient } from "./voltha";

let sim: NetworkSimulator;
let fake: VolthaFake;
let onos: FakeServer;
let client: VolthaClient;
const onosBodies: unknown[] = [];

beforeAll(async () => {
  sim = new NetworkSimulator("voltha-wire", { onusPerPort: 2 });
  fake = await startVolthaFake(sim);
  onos = await startHttp(async (req, res) => {
    onosBodies.push({ auth: req.headers.authorization, body: JSON.parse((await readBody(req)).toString()) });
    sendJson(res, 200, {});
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

  it("reports an unreachable VOLTHA in the connection test", async () => {
    const dead = new VolthaClient({ address: "127.0.0.1:1", timeoutMs: 300 });
    const result = await dead.testConnection();
    dead.close();
    expect(result.ok).toBe(false);
  });
});
