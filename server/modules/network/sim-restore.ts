// The simulated network lives in memory; our inventory is durable. After a restart (or in a
// new process) the tenant's simulator is rebuilt from the inventory, so the demo network
// keeps its OLTs (same device ids: they derive from tenant and address), its ONUs (including
// ones plugged in by serial) and their activation and bandwidth profiles.
import type { ServiceContext } from "@/server/service-context";
import type { NetworkSimulator } from "@/simulator/network/state";

// One rebuild per simulator: concurrent requests (a page fires several) wait for the same one
// instead of using a half-built network.
const rebuilding = new WeakMap<NetworkSimulator, Promise<void>>();

export function restoreSimulator(svc: ServiceContext, sim: NetworkSimulator): Promise<void> {
  if (sim.restored) return rebuilding.get(sim) ?? Promise.resolve();
  sim.restored = true;
  const done = rebuild(svc, sim).catch((error: unknown) => {
    sim.restored = false; // let the next request try again
    throw error;
  });
  rebuilding.set(sim, done);
  return done;
}

async function rebuild(svc: ServiceContext, sim: NetworkSimulator) {
  const olts = await svc.db.olt.findMany({
    where: { managementAddress: { not: null } },
    include: { onus: { include: { ponPort: true } } },
  });
  if (!olts.length) return;
  sim.silent = true;
  try {
    for (const olt of olts) {
      const known = olt.externalId ? sim.devices.get(olt.externalId) : undefined;
      const device = known ?? sim.createOlt({ hostAndPort: olt.managementAddress! });
      if (device.id !== olt.externalId)
        await svc.db.olt.update({ where: { id: olt.id }, data: { externalId: device.id } });
      if (!known && olt.adminState !== "PREPROVISIONED") sim.enableDevice(device.id);
      if (olt.adminState === "DISABLED") sim.disableDevice(device.id);
      for (const onu of olt.onus) {
        let d = sim.findOnuBySerial(onu.serialNumber);
        if (!d && onu.ponPort) d = sim.plugOnu(device.id, onu.ponPort.portNo, onu.serialNumber, onu.vendor);
        if (!d) continue;
        if (d.id !== onu.externalId) await svc.db.onu.update({ where: { id: onu.id }, data: { externalId: d.id } });
        if (onu.adminState === "ENABLED" && d.adminState !== "ENABLED")
          sim.setOnuSerialEnabled(device.id, d.parentPortNo, d.serialNumber, true);
        if (onu.adminState === "DISABLED" && d.adminState !== "DISABLED")
          sim.setOnuSerialEnabled(device.id, d.parentPortNo, d.serialNumber, false);
        const profile = onu.bandwidthProfile as { upstream?: unknown; downstream?: unknown } | null;
        if (profile?.upstream && profile.downstream)
          sim.setBandwidth(d.serialNumber, profile as Parameters<NetworkSimulator["setBandwidth"]>[1]);
      }
    }
    // What we last pushed to the CPEs (their parameters live only in the simulator's memory).
    for (const cpe of await svc.db.cpe.findMany({
      where: { OR: [{ wifiSsid: { not: null } }, { firmwareVersion: { not: null } }] },
    })) {
      const params = sim.cpes.get(cpe.acsDeviceId)?.params;
      const set = (path: string, value: string | null) => {
        const param = params?.get(path);
        if (param && value) param.value = value;
      };
      set("Device.WiFi.SSID.1.SSID", cpe.wifiSsid);
      set("Device.DeviceInfo.SoftwareVersion", cpe.firmwareVersion);
    }
  } finally {
    sim.silent = false;
  }
}
