// The real GenieACS NBI client against the fake NBI over HTTP (the fake is held to GenieACS
// 1.2.16's behaviour by simulator/genieacs/contract.test.ts).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startGenieAcsFake } from "@/simulator/genieacs/server";
import { type FakeServer, readBody, startHttp } from "@/simulator/network/http";
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
    expect(queued).toMatchObject({ status: "queued", reason: "Device is offline" });
    expect(queued.taskId).toMatch(/^[0-9a-f]{24}$/);
    await client.deleteTask(queued.taskId!);
    await expect(client.deleteTask(queued.taskId!)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(client.reboot("no-such-device")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("reports a value GenieACS skipped as not writable, and a CWMP fault with its record", async () => {
    // GenieACS does not send a value the CPE does not offer as writable, and says 200.
    const r = await client.setParameters(online, [["Device.DeviceInfo.SerialNumber", "X", "xsd:string"]]);
    expect(r).toMatchObject({
      status: "faulted",
      fault: expect.stringMatching(/did not write Device\.DeviceInfo\.SerialNumber/),
    });
    sim.injectFault("acs.task", "nak", 1, "CPE busy");
    const refused = await client.reboot(online);
    expect(refused).toMatchObject({
      status: "faulted",
      reason: "Task faulted",
      fault: "cwmp.9002: Internal error: CPE busy",
    });
    const faults = await client.listFaults(online);
    expect(faults.map((f) => f.channel)).toContain(`task_${refused.taskId}`);
    await client.retryTask(refused.taskId!);
    expect((await client.listFaults(online)).map((f) => f.channel)).not.toContain(`task_${refused.taskId}`);
  });

  it("checks what would take GenieACS's worker down before sending it", async () => {
    await expect(client.getParameters(online, [])).rejects.toMatchObject({ code: "INVALID" });
    await expect(client.setParameters(online, [])).rejects.toMatchObject({ code: "INVALID" });
    await expect(client.deleteTask("not-a-task-id")).rejects.toMatchObject({ code: "INVALID" });
    await expect(client.retryTask("0123456789abcdef01234567")).rejects.toMatchObject({ code: "NOT_FOUND" });
    // The fake is still up.
    expect((await client.testConnection()).ok).toBe(true);
  });

  it("waits ?timeout= for a slow CPE's session, then leaves the task queued", async () => {
    const slowSim = new NetworkSimulator("acs-slow", { onusPerPort: 1 });
    const olt = slowSim.createOlt({ hostAndPort: "10.2.0.2:9191" });
    slowSim.enableDevice(olt.id);
    const [onu] = slowSim.onusOf(olt.id);
    slowSim.setOnuSerialEnabled(olt.id, onu.parentPortNo, onu.serialNumber, true);
    const slow = await startGenieAcsFake(slowSim, { sessionDelayMs: 1500 });
    try {
      // A 3 s deadline gives GenieACS 1 s to see the session start.
      const impatient = new GenieAcsClient({ baseUrl: slow.url, timeoutMs: 3000 });
      const outcome = await impatient.reboot(slowSim.cpeForOnu(onu.serialNumber)!.deviceId);
      expect(outcome).toMatchObject({ status: "queued", reason: "Task queued but not processed" });
      const patient = new GenieAcsClient({ baseUrl: slow.url, timeoutMs: 6000 });
      expect((await patient.reboot(slowSim.cpeForOnu(onu.serialNumber)!.deviceId)).status).toBe("done");
    } finally {
      await slow.close();
    }
  });

  it("takes a device in session (503) as worth retrying", async () => {
    const busy = await startHttp(async (req, res) => {
      await readBody(req);
      res.writeHead(503).end("Device is in session");
    });
    try {
      await expect(
        new GenieAcsClient({ baseUrl: busy.url }).deleteTask("0123456789abcdef01234567"),
      ).rejects.toMatchObject({
        code: "UNAVAILABLE",
        details: { kind: "error", retryable: true },
        message: expect.stringMatching(/Device is in session/),
      });
    } finally {
      await busy.close();
    }
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
    // A file the ACS does not hold is refused before the CPE is told to fetch it (and fail late).
    await expect(client.downloadFirmware(online, "fw-9.9.bin")).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: expect.stringMatching(/fw-9\.9\.bin.*upload it/),
    });
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
    expect(await client.testConnection()).toMatchObject({
      ok: true,
      message: expect.stringMatching(/GenieACS 1\.2\.16/),
    });
  });
});
