import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { subscriberForNetwork } from "@/server/modules/subscribers";
import type { ServiceContext } from "@/server/service-context";
import { type TestDatabase, testDatabase } from "@/server/testing/db";
import { createTestSubscriber, tenantContext } from "@/server/testing/network-fixtures";
import { resetSimulator, simulatorFor } from "@/simulator/network/state";
import { getCpe } from "./cpes";
import { getOnu, readOnuOptics } from "./onus";
import {
  activateSubscriberOnu,
  applySubscriberBandwidth,
  configureSubscriberCpe,
  deactivateSubscriberOnu,
  resetSubscriberCpe,
  subscriberNetwork,
} from "./provisioning";
import { getOlt, pollOltEvents, registerOlt } from "./service";

let t: TestDatabase;
let svc: ServiceContext;
let serials: string[];

beforeAll(async () => {
  t = await testDatabase();
  svc = await tenantContext(t.prisma);
  const olt = await registerOlt(svc, {
    name: "OLT-1",
    hostAndPort: "10.0.0.10:9191",
    technology: "GPON",
    splitRatio: 32,
  });
  serials = (await t.prisma.onu.findMany({ where: { oltId: olt.id }, orderBy: { serialNumber: "asc" } })).map(
    (o) => o.serialNumber,
  );
});
afterAll(() => t.drop());

describe("network inventory on the simulator", () => {
  it("registers an OLT with its PON ports and the ONUs it discovers", async () => {
    const olt = await t.prisma.olt.findFirstOrThrow({ where: { tenantId: svc.tenantId } });
    const view = await getOlt(svc, olt.id);
    expect(view.adminState).toBe("ENABLED");
    expect(view.ports).toHaveLength(4);
    expect(view.ports.every((p) => p.onus === 4 && p.splitRatio === 32)).toBe(true);
    expect(serials).toHaveLength(16);
    const discoveries = await t.prisma.networkEvent.count({ where: { tenantId: svc.tenantId, kind: "ONU_DISCOVERY" } });
    expect(discoveries).toBe(16);
    await expect(registerOlt(svc, { name: "OLT-1", hostAndPort: "10.0.0.11:9191" })).rejects.toMatchObject({
      code: "CONFLICT",
    });
  });
});

describe("subscriber provisioning contract", () => {
  it("activates the subscriber's ONU with the plan's bandwidth, idempotently", async () => {
    const sub = await createTestSubscriber(t.prisma, svc, { onuSerial: serials[0] });
    const first = await activateSubscriberOnu(svc, await subscriberForNetwork(svc, sub.id));
    expect(first.changed).toBe(true);
    const second = await activateSubscriberOnu(svc, await subscriberForNetwork(svc, sub.id));
    expect(second).toMatchObject({ changed: false, onuId: first.onuId });
    const onu = await getOnu(svc, serials[0]);
    expect(onu.state).toBe("ACTIVE");
    expect(onu.subscriberId).toBe(sub.id);
    expect(onu.downstreamKbps).toBe(300_000);
    const sim = simulatorFor(svc.tenantId);
    expect(sim.findOnuBySerial(serials[0])?.bandwidth?.downstream.eir).toBe(240_000);
    const optics = await readOnuOptics(svc, serials[0]);
    expect(optics.rxDbm).toBeLessThan(-8);
    expect(optics.rxDbm).toBeGreaterThan(-30);

    // Plan change: new rates on the ONU; applying twice changes nothing more.
    await t.prisma.plan.update({ where: { id: sub.planId }, data: { downloadKbps: 500_000 } });
    expect((await applySubscriberBandwidth(svc, await subscriberForNetwork(svc, sub.id))).applied).toBe(true);
    expect((await applySubscriberBandwidth(svc, await subscriberForNetwork(svc, sub.id))).applied).toBe(false);

    const undo = await deactivateSubscriberOnu(svc, await subscriberForNetwork(svc, sub.id));
    expect(undo.changed).toBe(true);
    expect((await deactivateSubscriberOnu(svc, await subscriberForNetwork(svc, sub.id))).changed).toBe(false);
    expect((await getOnu(svc, serials[0])).state).toBe("DISABLED");
  });

  it("surfaces injected faults (timeout, error, NAK) and leaves nothing half-done after undo", async () => {
    const sub = await createTestSubscriber(t.prisma, svc, { onuSerial: serials[1] });
    const sim = simulatorFor(svc.tenantId);
    sim.injectFault("olt.enableOnu", "timeout");
    await expect(activateSubscriberOnu(svc, await subscriberForNetwork(svc, sub.id))).rejects.toMatchObject({
      code: "UNAVAILABLE",
      details: { system: "VOLTHA", kind: "timeout", retryable: true },
    });
    sim.injectFault("olt.bandwidth", "nak");
    await expect(activateSubscriberOnu(svc, await subscriberForNetwork(svc, sub.id))).rejects.toMatchObject({
      code: "CONFLICT",
      details: { kind: "nak" },
    });
    // The ONU was enabled before the NAK: undo finds and disables it.
    expect(sim.findOnuBySerial(serials[1])?.adminState).toBe("ENABLED");
    expect((await deactivateSubscriberOnu(svc, await subscriberForNetwork(svc, sub.id))).changed).toBe(true);
    expect(sim.findOnuBySerial(serials[1])?.adminState).toBe("DISABLED");
    // Retrying later works.
    expect((await activateSubscriberOnu(svc, await subscriberForNetwork(svc, sub.id))).changed).toBe(true);
  });

  it("refuses an ONU that serves another subscriber", async () => {
    const a = await createTestSubscriber(t.prisma, svc, { onuSerial: serials[2] });
    const b = await createTestSubscriber(t.prisma, svc, { onuSerial: serials[2] });
    await activateSubscriberOnu(svc, await subscriberForNetwork(svc, a.id));
    await expect(activateSubscriberOnu(svc, await subscriberForNetwork(svc, b.id))).rejects.toMatchObject({
      code: "CONFLICT",
    });
  });

  it("configures the subscriber's CPE with PPPoE and WiFi, and resets it", async () => {
    const sub = await createTestSubscriber(t.prisma, svc, { onuSerial: serials[3] });
    await activateSubscriberOnu(svc, await subscriberForNetwork(svc, sub.id));
    const done = await configureSubscriberCpe(svc, await subscriberForNetwork(svc, sub.id), {
      ssid: "Home-3",
      wifiPassphrase: "correct horse",
    });
    expect(done.outcome).toBe("done");
    const cpe = await getCpe(svc, serials[3]);
    expect(cpe.parameters["Device.PPP.Interface.1.Username"].value).toBe(sub.username);
    expect(cpe.parameters["Device.PPP.Interface.1.Password"].value).toBe("••••••");
    expect(cpe.wifi[0].ssid).toBe("Home-3");
    expect(cpe.subscriberId).toBe(sub.id);
    const sim = simulatorFor(svc.tenantId);
    sim.injectFault("acs.task", "error");
    await expect(configureSubscriberCpe(svc, await subscriberForNetwork(svc, sub.id))).rejects.toMatchObject({
      code: "UNAVAILABLE",
    });
    const net = await subscriberNetwork(svc, sub.id);
    expect(net.onu?.serialNumber).toBe(serials[3]);
    expect(net.cpe?.id).toBe(cpe.id);
    expect((await resetSubscriberCpe(svc, sub.id)).changed).toBe(true);
    expect((await resetSubscriberCpe(svc, sub.id)).changed).toBe(false);
    expect(sim.getCpe(cpe.acsDeviceId).params.get("Device.PPP.Interface.1.Username")?.value).toBe("");
  });

  it("queues CPE configuration when the CPE is offline", async () => {
    const sub = await createTestSubscriber(t.prisma, svc, { onuSerial: serials[4] });
    // ONU not activated: its CPE has no link, the ACS queues the task.
    const res = await configureSubscriberCpe(svc, await subscriberForNetwork(svc, sub.id));
    expect(res.outcome).toBe("queued");
  });

  it("records loss of signal on a fibre cut and clears it on repair", async () => {
    const sim = simulatorFor(svc.tenantId);
    const olt = sim.olts()[0];
    sim.cutFibre(olt.id, 536870912);
    await pollOltEvents(svc);
    const onu = await getOnu(svc, serials.find((s) => sim.findOnuBySerial(s)?.parentPortNo === 536870912)!);
    expect(onu.state).toBe("LOS");
    sim.repairFibre(olt.id, 536870912);
    await pollOltEvents(svc);
    expect((await getOnu(svc, onu.serialNumber)).state).not.toBe("LOS");
  });

  it("rebuilds the simulator from the inventory after a restart, CPEs under their old ACS ids", async () => {
    const sim = simulatorFor(svc.tenantId);
    const olt = sim.olts()[0];
    // An ONU plugged in by serial (as the demo seed does), activated and its CPE configured.
    sim.plugOnu(olt.id, 536870913, "ACME0000R001");
    await pollOltEvents(svc);
    const sub = await createTestSubscriber(t.prisma, svc, { onuSerial: "ACME0000R001" });
    await activateSubscriberOnu(svc, await subscriberForNetwork(svc, sub.id));
    await configureSubscriberCpe(svc, await subscriberForNetwork(svc, sub.id), { ssid: "Before-Restart" });
    const before = await getCpe(svc, "ACME0000R001");

    resetSimulator(svc.tenantId); // the app process restarted: the simulated network is gone
    // A page asks for several things at once: none may see a half-rebuilt network.
    const [after] = await Promise.all([getCpe(svc, "ACME0000R001"), getCpe(svc, "ACME0000R001")]);
    expect(after.acsDeviceId).toBe(before.acsDeviceId);
    expect(after.wifi[0].ssid).toBe("Before-Restart");
    expect((await getOnu(svc, "ACME0000R001")).state).toBe("ACTIVE");
    expect(simulatorFor(svc.tenantId).findOnuBySerial("ACME0000R001")?.adminState).toBe("ENABLED");
  });
});
