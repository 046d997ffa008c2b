// The OLT port: what the platform needs from a PON management system (VOLTHA northbound).
// Implementations: voltha.ts (gRPC to voltha.VolthaService) and simulated.ts (in-process
// network simulator). Chosen per tenant by server/adapters/olt/index.ts.

export type OltDevice = {
  id: string;
  serialNumber: string;
  vendor: string;
  model: string;
  firmwareVersion: string;
  hostAndPort: string;
  adminState: string;
  operStatus: string;
  connectStatus: string;
};

export type OltPortInfo = {
  portNo: number;
  label: string;
  /** PON_OLT, ETHERNET_NNI, PON_ONU, ETHERNET_UNI */
  type: string;
  adminState: string;
  operStatus: string;
};

export type OnuDevice = {
  id: string;
  oltId: string;
  /** The PON port (port_no on the OLT) the ONU hangs off. */
  ponPortNo: number;
  onuId: number;
  serialNumber: string;
  vendor: string;
  model: string;
  firmwareVersion: string;
  adminState: string;
  operStatus: string;
  connectStatus: string;
};

export type OpticalLevels = {
  rxDbm: number;
  txDbm: number;
  temperatureC: number;
  biasCurrentMa: number;
  readAt: Date;
};

/** SADIS bandwidth profile (kbps / bytes). */
export type BandwidthProfile = { id: string; cir: number; cbs: number; eir: number; ebs: number; air: number };

export type OltEvent = {
  id: string;
  /** ONU_DISCOVERY, ONU_LOSS_OF_SIGNAL, ONU_DYING_GASP, OLT_LOSS_OF_SIGNAL, ... */
  kind: string;
  state: "RAISE" | "CLEAR";
  serialNumber: string | null;
  oltDeviceId: string | null;
  onuDeviceId: string | null;
  intfId: number | null;
  onuId: number | null;
  raisedAt: Date;
  context: Record<string, string>;
};

export type ConnectionTest = { ok: boolean; message: string };

export interface OltAdapter {
  readonly kind: "voltha" | "simulator";
  listOlts(): Promise<OltDevice[]>;
  getOlt(id: string): Promise<OltDevice>;
  /** CreateDevice: pre-provision an OLT at host:port. */
  preprovisionOlt(input: { hostAndPort: string; type?: string }): Promise<OltDevice>;
  enableDevice(id: string): Promise<void>;
  disableDevice(id: string): Promise<void>;
  rebootDevice(id: string): Promise<void>;
  deleteDevice(id: string): Promise<void>;
  listPorts(deviceId: string): Promise<OltPortInfo[]>;
  listOnus(oltId: string): Promise<OnuDevice[]>;
  getOnu(id: string): Promise<OnuDevice>;
  /**
   * The ONU with this serial on the OLT. VOLTHA cannot pre-provision ONUs (it creates them when
   * the OLT detects them), so with VOLTHA this finds a discovered ONU or fails NOT_FOUND.
   */
  preprovisionOnu(input: { oltId: string; ponPortNo: number; serialNumber: string }): Promise<OnuDevice>;
  /** EnableOnuSerialNumber; an ONU already enabled is left as it is. */
  enableOnu(input: { oltId: string; ponPortNo: number; serialNumber: string }): Promise<void>;
  /** DisableOnuSerialNumber; an ONU already disabled is left as it is. */
  disableOnu(input: { oltId: string; ponPortNo: number; serialNumber: string }): Promise<void>;
  setBandwidthProfile(input: {
    serialNumber: string;
    upstream: BandwidthProfile;
    downstream: BandwidthProfile;
  }): Promise<void>;
  /** Every ONU's bandwidth profiles as the system holds them (SADIS), by ONU serial. */
  listBandwidthProfiles(): Promise<Map<string, { upstream: BandwidthProfile; downstream: BandwidthProfile }>>;
  getOptics(onuDeviceId: string): Promise<OpticalLevels>;
  /** Starts a firmware download; VOLTHA upgrades ONUs only (it refuses OLT images). */
  downloadFirmware(deviceId: string, input: { version: string; url?: string }): Promise<void>;
  /** Events the system produced since `cursor` (simulator; the real one pushes to our webhook). */
  pollEvents?(cursor: number): Promise<{ events: OltEvent[]; cursor: number }>;
  testConnection(): Promise<ConnectionTest>;
}
