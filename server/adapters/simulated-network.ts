// The port of a tenant's simulated network (simulator/adapters/network.ts): what the platform
// does to the simulator itself rather than through the OLT, ACS and IPAM ports — rebuild it
// from the inventory after a restart, arm faults for an operator or a test, plug an ONU in.

/** What the inventory knows of the network: enough to rebuild the simulator from it. */
export type NetworkInventory = {
  olts: Array<{
    id: string;
    managementAddress: string;
    externalId: string | null;
    adminState: string;
    onus: Array<{
      id: string;
      serialNumber: string;
      vendor: string | null;
      externalId: string | null;
      adminState: string;
      ponPortNo: number | null;
      bandwidthProfile: unknown;
    }>;
  }>;
  /** What we last pushed to the CPEs (their parameters live only in the simulator's memory). */
  cpes: Array<{ acsDeviceId: string; wifiSsid: string | null; firmwareVersion: string | null }>;
};

/** The device ids the simulator gave to inventory rows whose stored id differs. */
export type AdoptedIds = {
  olts: Array<{ id: string; externalId: string }>;
  onus: Array<{ id: string; externalId: string }>;
};

export type FaultKind = "timeout" | "error" | "nak";
export type ArmedFault = { operation: string; kind: FaultKind; remaining: number; message: string | null };

export interface SimulatedNetwork {
  /**
   * Rebuilds the simulator from the inventory, once per process (concurrent callers wait for
   * the same rebuild); `adopt` stores the ids the simulator gave.
   */
  restore(load: () => Promise<NetworkInventory>, adopt: (ids: AdoptedIds) => Promise<void>): Promise<void>;
  faults(): ArmedFault[];
  /** The next `times` calls of `operation` ("olt.enableOnu", "acs.*", …) fail with `kind`. */
  injectFault(operation: string, kind: FaultKind, times: number, message?: string): void;
  clearFaults(): void;
  /** A technician plugs an ONU into a PON port; false when the serial is already on the network. */
  plugOnu(oltExternalId: string, ponPortNo: number, serialNumber: string): boolean;
  /** The fibre behind a PON port is cut (every ONU there loses signal) or repaired; ONUs hit. */
  setFibre(oltExternalId: string, ponPortNo: number, cut: boolean): number;
  /** An ONU's light drops by `dbm` (a dirty connector, a bent drop); false if no such ONU. */
  degradeOnu(serialNumber: string, dbm: number): boolean;
}
