// The real GenieACS NBI client against the fake NBI, over HTTP.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startGenieAcsFake } from "@/simulator/genieacs/server";
import type { FakeServer } from "@/simulator/network/http";
import { NetworkSimulator } from "@/simulator/network/state";
import { GenieAcsClient } from "./genieacs";

let sim: NetworkSimulator;
let fake: FakeServer;
let client: GenieAcsClient;
let online: string;
let offline: string;

beforeAll(async () => {
  sim = new NetworkSimulator("acs-wire", { onusPerPort: 1, diagnosticsDelayMs: 200 });
  const olt = sim.createOlt({ hostAndPort: "10.2.0.1:9191" });
  sim.enableDevice(olt.id);
  const [a, b] = sim.onusOf(olt.id);
  sim.setOnuSerialEnabled(olt.id, a.parentPortNo, a.serialNumber, true);
  online = sim.cpeForOnu(a.serialNumber)!.deviceId;
  offline = sim.cpeForOnu(b.serialNumber)!.deviceId;
  fake = await startGenieAcsFake(sim);
  client = new GenieAcsClient({ baseUrl: fake.url, timeoutMs: 2500 });
});
afterAll(() => fake.close());

describe("GenieACS NBI client", () => {
  it("lists devices with query, projection, paging and the total header", async () => {
    const all = await client.listDevices({ limit: 2 });
    expect(all.total).toBe(4);
    expect(all.rows).toHaveLength(2);
    const one = await client.listDevices({ serialNumber: sim.getCpe(online).serialNumber });
    expect(one.rows.map((d) => d.id)).toEqual([online]);
    const device = await client.getDevice(online);
    expect(device.parameters["Device.DeviceInfo.SerialNumber"].value).toBe(device.serialNumber);
    expect(device.parameters["Device.WiFi.SSID.1.SSID"].writable).toBe(true);
  });

  it("runs tasks: 200 done on an online CPE, 202 queued when offline, 404 for no device", async () => {
    const set = await client.setParameters(online, [["Device.WiFi.SSID.1.SSID", "Wire-Test", "xsd:string"]]);
    expect(set.status).toBe("done");
    const { values } = await client.getParameters(online, ["Device.WiFi.SSID.1.SSID"]);
    expect(values["Device.WiFi.SSID.1.SSID"].value).toBe("Wire-Test");
    const queued = await client.reboot(offline);
    expect(queued.status).toBe("queued");
    expect(queued.taskId).toBeTruthy();
    await client.deleteTask(queued.taskId!);
    await expect(client.deleteTask(queued.taskId!)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(client.reboot("no-such-device")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("reports a CWMP fault (202 Task faulted) with the fault record", async () => {
    const r = await client.setParameters(online, [["Device.DeviceInfo.SerialNumber", "X", "xsd:string"]]);
    expect(r.status).toBe("faulted");
    expect(r.fault).toMatch(/9008/);
    sim.injectFault("acs.task", "nak");
    const refused = await client.reboot(online);
    expect(refused.status).toBe("faulted");
    const faults = await client.listFaults(online);
    expect(faults.length).toBeGreaterThanOrEqual(2);
    await client.retryTask(refused.taskId!);
  });

  it("runs a ping diagnostic that completes after a delay", async () => {
    const start = await client.startDiagnostic(online, "ping", { Host: "1.1.1.1", NumberOfRepetitions: 3 });
    expect(start.status).toBe("done");
    expect((await client.readDiagnostic(online, "ping")).state).toBe("Requested");
    await new Promise((r) => setTimeout(r, 400));
    const result = await client.readDiagnostic(online, "ping");
    expect(result.state).toBe("Complete");
    expect(result.results.SuccessCount).toBe(3);
  });

  it("manages presets and firmware files, and downloads firmware to a CPE", async () => {
    await client.putPreset({
      name: "inform",
      weight: 0,
      channel: "default",
      events: { "2 PERIODIC": true },
      precondition: "{}",
      configurations: [],
    });
    expect((await client.listPresets()).map((p) => p.name)).toContain("inform");
    await client.deletePreset("inform");
    expect(await client.listPresets()).toEqual([]);
    const cpe = sim.getCpe(online);
    await client.putFile(
      {
        name: "fw-2.0.bin",
        fileType: "1 Firmware Upgrade Image",
        oui: cpe.oui,
        productClass: cpe.productClass,
        version: "V2.0.0",
      },
      new Uint8Array([1, 2, 3]),
    );
    expect(await client.listFiles()).toEqual([
      expect.objectContaining({ name: "fw-2.0.bin", version: "V2.0.0", length: 3 }),
    ]);
    expect((await client.downloadFirmware(online, "fw-2.0.bin")).status).toBe("done");
    expect((await client.getDevice(online)).parameters["Device.DeviceInfo.SoftwareVersion"].value).toBe("V2.0.0");
    // A file the ACS does not hold: the CPE answers the Download RPC with CWMP fault 9016.
    const missing = await client.downloadFirmware(online, "fw-9.9.bin");
    expect(missing).toMatchObject({ status: "faulted", fault: expect.stringMatching(/9016.*fw-9\.9\.bin/) });
    expect((await client.getDevice(online)).parameters["Device.DeviceInfo.SoftwareVersion"].value).toBe("V2.0.0");
    // An offline CPE gets the download queued for its next inform.
    expect((await client.downloadFirmware(offline, "fw-2.0.bin")).status).toBe("queued");
  });

  it("times out a task whose connection request the NBI does not answer in time", async () => {
    sim.injectFault("acs.task", "timeout");
    const fast = new GenieAcsClient({ baseUrl: fake.url, timeoutMs: 400 });
    const started = Date.now();
    await expect(fast.reboot(online)).rejects.toMatchObject({
      code: "UNAVAILABLE",
      details: { system: "GenieACS", kind: "timeout", retryable: true },
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(350);
    // The fault was one-shot: the next task goes through.
    expect((await fast.reboot(online)).status).toBe("done");
  });

  it("maps a server error and a timeout", async () => {
    sim.injectFault("acs.list", "error");
    await expect(client.listDevices({})).rejects.toMatchObject({ code: "UNAVAILABLE", details: { kind: "error" } });
    sim.injectFault("acs.list", "timeout");
    const fast = new GenieAcsClient({ baseUrl: fake.url, timeoutMs: 300 });
    await expect(fast.listDevices({})).rejects.toMatchObject({ code: "UNAVAILABLE", details: { kind: "timeout" } });
    expect((await client.testConnection()).ok).toBe(true);
  });
});
