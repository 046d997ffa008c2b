// The simulated-network port over a tenant's in-process simulator: rebuilt from the inventory
// after a restart (same device ids: they derive from tenant and address), faults armed and
// cleared, ONUs plugged in.
import type {
  AdoptedIds,
  ArmedFault,
  FaultKind,
  NetworkInventory,
  SimulatedNetwork,
} from "@/server/adapters/simulated-network";
import type { NetworkSimulator } from "@/simulator/network/state";

// One rebuild per simulator: concurrent requests (a page fires several) wait for the same one
// instead of using a half-built network.
const rebuilding = new WeakMap<NetworkSimulator, Promise<void>>();

export class SimulatedNetworkControl implements SimulatedNetwork {
  constructor(private readonly sim: NetworkSimulator) {}

  restore(load: () => Promise<NetworkInventory>, adopt: (ids: AdoptedIds) => Promise<void>): Promise<void> {
    const sim = this.sim;
    if (sim.restored) return rebuilding.get(sim) ?? Promise.resolve();
    sim.restored = true;
    const done = load()
      .then((inventory) => adopt(rebuild(sim, inventory)))
      .catch((error: unknown) => {
        sim.restored = false; // let the next request try again
        throw error;
      });
    rebuilding.set(sim, done);
    return done;
  }

  faults(): ArmedFault[] {
    return [...this.sim.faults.entries()].map(([operation, f]) => ({
      operation,
      kind: f.kind,
      remaining: f.remaining,
      message: f.message ?? null,
    }));
  }

  injectFault(operation: string, kind: FaultKind, times: number, message?: string) {
    this.sim.injectFault(operation, kind, times, message);
  }

  clearFaults() {
    this.sim.clearFaults();
  }

  plugOnu(oltExternalId: string, ponPortNo: number, serialNumber: string): boolean {
    if (this.sim.findOnuBySerial(serialNumber)) return false;
    this.sim.plugOnu(oltExternalId, ponPortNo, serialNumber);
    return true;
  }

  setFibre(oltExternalId: string, ponPortNo: number, cut: boolean): number {
    return (cut ? this.sim.cutFibre(oltExternalId, ponPortNo) : this.sim.repairFibre(oltExternalId, ponPortNo)).length;
  }

  degradeOnu(serialNumber: string, dbm: number): boolean {
    if (!this.sim.findOnuBySerial(serialNumber)) return false;
    this.sim.degradeOnu(serialNumber, dbm);
    return true;
  }
}

function rebuild(sim: NetworkSimulator, inventory: NetworkInventory): AdoptedIds {
  const adopted: AdoptedIds = { olts: [], onus: [] };
  if (!inventory.olts.length) return adopted;
  sim.silent = true;
  try {
    for (const olt of inventory.olts) {
      const known = olt.externalId ? sim.devices.get(olt.externalId) : undefined;
      const device = known ?? sim.createOlt({ hostAndPort: olt.managementAddress });
      if (device.id !== olt.externalId) adopted.olts.push({ id: olt.id, externalId: device.id });
      if (!known && olt.adminState !== "PREPROVISIONED") sim.enableDevice(device.id);
      if (olt.adminState === "DISABLED") sim.disableDevice(device.id);
      for (const onu of olt.onus) {
        let d = sim.findOnuBySerial(onu.serialNumber);
        if (!d && onu.ponPortNo !== null)
          d = sim.plugOnu(device.id, onu.ponPortNo, onu.serialNumber, onu.vendor ?? undefined);
        if (!d) continue;
        if (d.id !== onu.externalId) adopted.onus.push({ id: onu.id, externalId: d.id });
        if (onu.adminState === "ENABLED" && d.adminState !== "ENABLED")
          sim.setOnuSerialEnabled(device.id, d.parentPortNo, d.serialNumber, true);
        if (onu.adminState === "DISABLED" && d.adminState !== "DISABLED")
          sim.setOnuSerialEnabled(device.id, d.parentPortNo, d.serialNumber, false);
        const profile = onu.bandwidthProfile as { upstream?: unknown; downstream?: unknown } | null;
        if (profile?.upstream && profile.downstream)
          sim.setBandwidth(d.serialNumber, profile as Parameters<NetworkSimulator["setBandwidth"]>[1]);
      }
    }
    for (const cpe of inventory.cpes) {
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
  return adopted;
}
