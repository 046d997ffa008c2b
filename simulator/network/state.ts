// The virtual FTTH network: OLTs with PON ports, ONUs with serials and drifting optical
// levels, CPEs with TR-181 parameter trees, a NetBox-style IPAM, and fault injection.
// One instance is the shared state behind the VOLTHA gRPC fake, the GenieACS NBI fake and
// the NetBox REST fake, and behind the in-process simulated adapters (demo tenant, e2e).
// Everything is derived deterministically from names (an OLT registered at the same address
// after a restart has the same ONUs), and mutated by the operations the fakes expose.
import { EventEmitter } from "node:events";
import { intToIp, ipToInt } from "@/lib/ipv4";

// ---------------------------------------------------------------- deterministic randomness
function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function seededRandom(seed: string) {
  let a = hash32(seed);
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const hex = (n: number, width: number) => n.toString(16).toUpperCase().padStart(width, "0");

// ---------------------------------------------------------------- types
export type AdminState = "UNKNOWN" | "PREPROVISIONED" | "ENABLED" | "DISABLED" | "DOWNLOADING_IMAGE" | "DELETED";
export type OperStatus =
  | "UNKNOWN"
  | "DISCOVERED"
  | "ACTIVATING"
  | "TESTING"
  | "ACTIVE"
  | "FAILED"
  | "RECONCILING"
  | "RECONCILING_FAILED";
export type ConnectStatus = "UNKNOWN" | "UNREACHABLE" | "REACHABLE";
export type PortType = "UNKNOWN" | "ETHERNET_NNI" | "ETHERNET_UNI" | "PON_OLT" | "PON_ONU" | "VENET_OLT" | "VENET_ONU";

export type SimPort = {
  portNo: number;
  label: string;
  type: PortType;
  adminState: AdminState;
  operStatus: OperStatus;
  technology: "GPON" | "XGS_PON";
  /** A cut feeder fibre: every ONU behind this port loses signal. */
  fibreCut: boolean;
};

export type BandwidthProfile = { id: string; cir: number; cbs: number; eir: number; ebs: number; air: number };

export type SimDevice = {
  id: string;
  type: string;
  root: boolean;
  parentId: string;
  parentPortNo: number;
  vendor: string;
  model: string;
  hardwareVersion: string;
  firmwareVersion: string;
  serialNumber: string;
  hostAndPort: string;
  adminState: AdminState;
  operStatus: OperStatus;
  connectStatus: ConnectStatus;
  reason: string;
  /** ONU only: channel (PON port) and onu id within it. */
  proxy?: { deviceId: string; channelId: number; onuId: number };
  ports: SimPort[];
  /** ONU only: optical baseline (dBm) around which the levels drift. */
  optics?: { baseRx: number; baseTx: number; phase: number };
  /** ONU only: the bandwidth profiles applied upstream/downstream (ONOS SADIS, kbps). */
  bandwidth?: { upstream: BandwidthProfile; downstream: BandwidthProfile };
  imageDownload?: { version: string; state: string };
  createdAt: number;
};

export type NetworkEventKind =
  | "ONU_DISCOVERY"
  | "ONU_LOSS_OF_SIGNAL"
  | "ONU_DYING_GASP"
  | "OLT_LOSS_OF_SIGNAL"
  | "ONU_ACTIVATED"
  | "ONU_DISABLED";

/** Shaped like VOLTHA's event.Event: header + device event with a string context. */
export type SimEvent = {
  id: string;
  seq: number;
  type: "DEVICE_EVENT";
  category: "ONU" | "OLT" | "EQUIPMENT";
  subCategory: "PON" | "ONU" | "OLT" | "NONE";
  /** e.g. ONU_DISCOVERY_RAISE_EVENT, ONU_LOSS_OF_SIGNAL_CLEAR_EVENT */
  deviceEventName: string;
  kind: NetworkEventKind;
  state: "RAISE" | "CLEAR";
  resourceId: string;
  description: string;
  raisedTs: number;
  context: Record<string, string>;
};

export type Tr069Param = { value: string | number | boolean; type: string; writable: boolean; timestamp: number };

export type SimCpe = {
  deviceId: string;
  oui: string;
  productClass: string;
  serialNumber: string;
  manufacturer: string;
  onuSerial: string | null;
  online: boolean;
  lastInform: number;
  registered: number;
  tags: string[];
  params: Map<string, Tr069Param>;
};

export type AcsTask = {
  _id: string;
  device: string;
  name: string;
  timestamp: string;
  [key: string]: unknown;
};

export type AcsFault = {
  _id: string;
  device: string;
  channel: string;
  code: string;
  message: string;
  detail: unknown;
  retries: number;
  timestamp: string;
};

export type AcsPreset = {
  _id: string;
  weight: number;
  channel: string;
  events: Record<string, boolean>;
  precondition: string;
  configurations: unknown[];
};

export type AcsFile = {
  _id: string;
  length: number;
  filename: string;
  uploadDate: string;
  metadata: { fileType: string; oui: string; productClass: string; version: string };
};

export type NbPrefix = {
  id: number;
  prefix: string;
  status: string;
  tenant: number | null;
  vlan: number | null;
  description: string;
  isPool: boolean;
};
export type NbIpAddress = {
  id: number;
  address: string;
  status: string;
  tenant: number | null;
  dnsName: string;
  description: string;
  customFields: Record<string, unknown>;
};
export type NbVlan = {
  id: number;
  vid: number;
  name: string;
  status: string;
  tenant: number | null;
  description: string;
};

export type FaultKind = "timeout" | "error" | "nak";
export type Fault = { kind: FaultKind; remaining: number; message?: string };

/** Thrown by simulator operations when a fault is injected. */
export class SimulatedFault extends Error {
  constructor(
    readonly kind: FaultKind,
    readonly operation: string,
    message?: string,
  ) {
    super(message ?? `simulated ${kind} in ${operation}`);
    this.name = "SimulatedFault";
  }
}

export class SimNotFound extends Error {
  constructor(what: string) {
    super(`${what} not found`);
    this.name = "SimNotFound";
  }
}

export class SimInvalid extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SimInvalid";
  }
}

export type SimulatorOptions = {
  /** Delay before CPE diagnostics complete. */
  diagnosticsDelayMs?: number;
  /** ONUs each PON port discovers when its OLT is enabled. */
  onusPerPort?: number;
  ponPortsPerOlt?: number;
  /** Time source (tests may freeze it). */
  now?: () => number;
};

const VENDORS = [
  { vendor: "BBSM", model: "V-ONU-G", oui: "00A0C5", productClass: "HG8245", manufacturer: "Huawei" },
  { vendor: "ALPH", model: "G-240W-F", oui: "0019C7", productClass: "G-240W-F", manufacturer: "Nokia" },
  { vendor: "ZTEG", model: "F670L", oui: "D45F25", productClass: "F670L", manufacturer: "ZTE" },
];

// ---------------------------------------------------------------- the simulator
export class NetworkSimulator {
  readonly devices = new Map<string, SimDevice>();
  /** ONUs by serial: a network of 100,000 ONUs is searched by serial all the time. */
  private readonly onuBySerial = new Map<string, SimDevice>();
  private readonly cpeByOnu = new Map<string, SimCpe>();
  readonly cpes = new Map<string, SimCpe>();
  readonly tasks = new Map<string, AcsTask>();
  readonly faults = new Map<string, Fault>();
  readonly acsFaults = new Map<string, AcsFault>();
  readonly presets = new Map<string, AcsPreset>();
  readonly files = new Map<string, AcsFile>();
  readonly prefixes = new Map<number, NbPrefix>();
  readonly ipAddresses = new Map<number, NbIpAddress>();
  readonly vlans = new Map<number, NbVlan>();
  readonly events: SimEvent[] = [];
  readonly emitter = new EventEmitter();
  private seq = 0;
  /** Distinguishes event ids across restarts of the process (ids are stored downstream). */
  private readonly epoch = Date.now().toString(36);
  /** True while the simulator is rebuilt from the inventory: no events are emitted. */
  silent = false;
  /** Set once the simulator was rebuilt from a tenant's inventory after a restart. */
  restored = false;
  private nbSeq = 0;
  private taskSeq = 0;
  readonly options: Required<SimulatorOptions>;

  constructor(
    readonly name = "default",
    options: SimulatorOptions = {},
  ) {
    this.options = {
      diagnosticsDelayMs: options.diagnosticsDelayMs ?? 1500,
      onusPerPort: options.onusPerPort ?? 4,
      ponPortsPerOlt: options.ponPortsPerOlt ?? 4,
      now: options.now ?? Date.now,
    };
    this.emitter.setMaxListeners(100);
  }

  now() {
    return this.options.now();
  }

  // ------------------------------------------------------------ fault injection
  /** Makes the next `times` calls of `operation` (or "*" for all) fail with `kind`. */
  injectFault(operation: string, kind: FaultKind, times = 1, message?: string) {
    this.faults.set(operation, { kind, remaining: times, message });
  }

  clearFaults() {
    this.faults.clear();
  }

  /** Called at the start of every operation; throws if a fault is armed for it. */
  checkFault(operation: string) {
    for (const key of [operation, `${operation.split(".")[0]}.*`, "*"]) {
      const fault = this.faults.get(key);
      if (!fault) continue;
      fault.remaining -= 1;
      if (fault.remaining <= 0) this.faults.delete(key);
      throw new SimulatedFault(fault.kind, operation, fault.message);
    }
  }

  // ------------------------------------------------------------ events
  private emit(
    kind: NetworkEventKind,
    state: "RAISE" | "CLEAR",
    device: SimDevice,
    context: Record<string, string>,
    description: string,
  ) {
    if (this.silent) return null;
    const event: SimEvent = {
      id: `${this.name}-${this.epoch}-${++this.seq}`,
      seq: this.seq,
      type: "DEVICE_EVENT",
      category: kind.startsWith("OLT") ? "OLT" : "ONU",
      subCategory: kind.startsWith("OLT") ? "OLT" : "PON",
      deviceEventName: `${kind}_${state}_EVENT`,
      kind,
      state,
      resourceId: device.id,
      description,
      raisedTs: this.now(),
      context,
    };
    this.events.push(event);
    if (this.events.length > 5000) this.events.splice(0, this.events.length - 5000);
    this.emitter.emit("event", event);
    return event;
  }

  eventsSince(seq: number) {
    return this.events.filter((e) => e.seq > seq);
  }

  onEvent(handler: (event: SimEvent) => void) {
    this.emitter.on("event", handler);
    return () => this.emitter.off("event", handler);
  }

  // ------------------------------------------------------------ OLTs and ONUs (VOLTHA)
  private deviceId(seed: string) {
    const r = seededRandom(`${this.name}/${seed}`);
    return [8, 4, 4, 4, 12]
      .map((n) =>
        Array.from({ length: n }, () => Math.floor(r() * 16).toString(16))
          .join("")
          .toLowerCase(),
      )
      .join("-");
  }

  listDevices() {
    return [...this.devices.values()].filter((d) => d.adminState !== "DELETED");
  }

  getDevice(id: string) {
    const device = this.devices.get(id);
    if (!device || device.adminState === "DELETED") throw new SimNotFound(`device ${id}`);
    return device;
  }

  olts() {
    return this.listDevices().filter((d) => d.root);
  }

  onusOf(oltId: string) {
    return this.listDevices().filter((d) => !d.root && d.parentId === oltId);
  }

  findOnuBySerial(serial: string) {
    const onu = this.onuBySerial.get(serial);
    return onu && this.devices.get(onu.id) === onu && onu.adminState !== "DELETED" ? onu : undefined;
  }

  /** CreateDevice: pre-provision an OLT at host:port (idempotent per address). */
  createOlt(input: { type?: string; hostAndPort: string }) {
    this.checkFault("olt.create");
    if (!/^[\w.-]+:\d+$/.test(input.hostAndPort)) throw new SimInvalid("host_and_port must look like host:port");
    const existing = this.listDevices().find((d) => d.root && d.hostAndPort === input.hostAndPort);
    if (existing) return existing;
    const id = this.deviceId(`olt/${input.hostAndPort}`);
    const r = seededRandom(`${this.name}/olt/${input.hostAndPort}`);
    const ports: SimPort[] = [
      {
        portNo: 1048576,
        label: "nni-1048576",
        type: "ETHERNET_NNI",
        adminState: "ENABLED",
        operStatus: "ACTIVE",
        technology: "GPON",
        fibreCut: false,
      },
    ];
    for (let i = 0; i < this.options.ponPortsPerOlt; i++) {
      ports.push({
        portNo: 536870912 + i,
        label: `pon-${i}`,
        type: "PON_OLT",
        adminState: "ENABLED",
        operStatus: "ACTIVE",
        technology: i % 4 === 3 ? "XGS_PON" : "GPON",
        fibreCut: false,
      });
    }
    const device: SimDevice = {
      id,
      type: input.type ?? "openolt",
      root: true,
      parentId: "",
      parentPortNo: 0,
      vendor: "EdgeCore",
      model: "ASGvOLT64",
      hardwareVersion: "1.0",
      firmwareVersion: `BAL.3.10.${Math.floor(r() * 5)}`,
      serialNumber: `EC${hex(Math.floor(r() * 0xffffffff), 8)}`,
      hostAndPort: input.hostAndPort,
      adminState: "PREPROVISIONED",
      operStatus: "UNKNOWN",
      connectStatus: "UNKNOWN",
      reason: "",
      ports,
      createdAt: this.now(),
    };
    this.devices.set(id, device);
    return device;
  }

  /** EnableDevice on an OLT: it connects and discovers the ONUs on its PON ports. */
  enableDevice(id: string) {
    this.checkFault("olt.enable");
    const device = this.getDevice(id);
    if (device.root) {
      device.adminState = "ENABLED";
      device.operStatus = "ACTIVE";
      device.connectStatus = "REACHABLE";
      this.discoverOnus(device);
    } else {
      this.setOnuEnabled(device, true);
    }
    return device;
  }

  disableDevice(id: string) {
    this.checkFault("olt.disable");
    const device = this.getDevice(id);
    if (device.root) {
      device.adminState = "DISABLED";
      device.operStatus = "UNKNOWN";
      for (const onu of this.onusOf(id)) {
        onu.operStatus = "UNKNOWN";
        onu.connectStatus = "UNREACHABLE";
      }
    } else {
      this.setOnuEnabled(device, false);
    }
    return device;
  }

  rebootDevice(id: string) {
    this.checkFault("olt.reboot");
    const device = this.getDevice(id);
    device.reason = `rebooted at ${new Date(this.now()).toISOString()}`;
    return device;
  }

  deleteDevice(id: string) {
    this.checkFault("olt.delete");
    const device = this.getDevice(id);
    device.adminState = "DELETED";
    if (device.root) for (const onu of this.onusOf(id)) onu.adminState = "DELETED";
    return device;
  }

  /** Discovers `onusPerPort` ONUs per PON port (deterministic serials), once. */
  discoverOnus(olt: SimDevice) {
    const created: SimDevice[] = [];
    for (const port of olt.ports.filter((p) => p.type === "PON_OLT")) {
      for (let onuId = 1; onuId <= this.options.onusPerPort; onuId++) {
        const seed = `${olt.hostAndPort}/${port.portNo}/${onuId}`;
        const r = seededRandom(`${this.name}/onu/${seed}`);
        const kind = VENDORS[Math.floor(r() * VENDORS.length)];
        const serial = `${kind.vendor}${hex(Math.floor(r() * 0xffffffff), 8)}`;
        if (this.findOnuBySerial(serial)) continue;
        created.push(this.addOnu(olt, port, onuId, serial, kind.vendor, kind.model, r));
      }
    }
    return created;
  }

  /**
   * A new ONU plugged into a PON port (tests and the demo use this to discover more). `vendor`
   * pins the vendor (a rebuild from the inventory must give the ONU's CPE its old ACS id).
   */
  plugOnu(oltId: string, portNo: number, serial?: string, vendor?: string | null) {
    const olt = this.getDevice(oltId);
    const port = olt.ports.find((p) => p.portNo === portNo && p.type === "PON_OLT");
    if (!port) throw new SimNotFound(`PON port ${portNo} on OLT ${oltId}`);
    const onuId = this.onusOf(oltId).filter((o) => o.parentPortNo === portNo).length + 1;
    const r = seededRandom(`${this.name}/onu/${olt.hostAndPort}/${portNo}/${onuId}/plug`);
    const random = VENDORS[Math.floor(r() * VENDORS.length)];
    const kind = VENDORS.find((v) => v.vendor === vendor) ?? random;
    const sn = serial ?? `${kind.vendor}${hex(Math.floor(r() * 0xffffffff), 8)}`;
    const existing = this.findOnuBySerial(sn);
    if (existing) return existing;
    return this.addOnu(olt, port, onuId, sn, kind.vendor, kind.model, r);
  }

  private addOnu(
    olt: SimDevice,
    port: SimPort,
    onuId: number,
    serial: string,
    vendor: string,
    model: string,
    r: () => number,
  ) {
    const id = this.deviceId(`onu/${serial}`);
    const onu: SimDevice = {
      id,
      type: "brcm_openomci_onu",
      root: false,
      parentId: olt.id,
      parentPortNo: port.portNo,
      vendor,
      model,
      hardwareVersion: "1.0",
      firmwareVersion: `V${1 + Math.floor(r() * 3)}.${Math.floor(r() * 10)}.${Math.floor(r() * 20)}`,
      serialNumber: serial,
      hostAndPort: "",
      adminState: "PREPROVISIONED",
      operStatus: "DISCOVERED",
      connectStatus: "REACHABLE",
      reason: "",
      proxy: { deviceId: olt.id, channelId: port.portNo - 536870912, onuId },
      ports: [
        {
          portNo: 16,
          label: "uni-16",
          type: "ETHERNET_UNI",
          adminState: "ENABLED",
          operStatus: "UNKNOWN",
          technology: port.technology,
          fibreCut: false,
        },
        {
          portNo: 1,
          label: "pon-1",
          type: "PON_ONU",
          adminState: "ENABLED",
          operStatus: "ACTIVE",
          technology: port.technology,
          fibreCut: false,
        },
      ],
      // Typical GPON class B+ Rx: -8 .. -27 dBm; most sit around -18..-22, a few are weak.
      optics: { baseRx: -16 - r() * 10, baseTx: 1.5 + r() * 2.5, phase: r() * Math.PI * 2 },
      createdAt: this.now(),
    };
    this.devices.set(id, onu);
    this.onuBySerial.set(serial, onu);
    this.addCpeFor(onu, r);
    this.emit(
      "ONU_DISCOVERY",
      "RAISE",
      onu,
      {
        "onu-id": String(onuId),
        "intf-id": String(port.portNo - 536870912),
        "serial-number": serial,
        "onu-device-id": id,
        "olt-device-id": olt.id,
        "pon-technology": port.technology === "XGS_PON" ? "XGS-PON" : port.technology,
        "port-label": port.label,
      },
      `ONU ${serial} discovered on ${port.label}`,
    );
    return onu;
  }

  /** An ONU comes up (or goes down) on its PON port: states, CPE reachability, event. */
  setOnuEnabled(onu: SimDevice, enabled: boolean) {
    const port = this.ponPortOf(onu);
    onu.adminState = enabled ? "ENABLED" : "DISABLED";
    if (enabled) {
      onu.operStatus = port?.fibreCut ? "FAILED" : "ACTIVE";
      onu.connectStatus = port?.fibreCut ? "UNREACHABLE" : "REACHABLE";
      for (const p of onu.ports) p.operStatus = "ACTIVE";
      this.emit("ONU_ACTIVATED", "RAISE", onu, this.onuContext(onu), `ONU ${onu.serialNumber} activated`);
    } else {
      onu.operStatus = "UNKNOWN";
      for (const p of onu.ports) if (p.type === "ETHERNET_UNI") p.operStatus = "UNKNOWN";
      this.emit("ONU_DISABLED", "RAISE", onu, this.onuContext(onu), `ONU ${onu.serialNumber} disabled`);
    }
    const cpe = this.cpeForOnu(onu.serialNumber);
    if (cpe) cpe.online = enabled && !port?.fibreCut;
  }

  private onuContext(onu: SimDevice): Record<string, string> {
    return {
      "onu-id": String(onu.proxy?.onuId ?? 0),
      "intf-id": String(onu.proxy?.channelId ?? 0),
      "serial-number": onu.serialNumber,
      "onu-device-id": onu.id,
      "olt-device-id": onu.parentId,
    };
  }

  ponPortOf(onu: SimDevice) {
    const olt = this.devices.get(onu.parentId);
    return olt?.ports.find((p) => p.portNo === onu.parentPortNo);
  }

  /** EnableOnuSerialNumber / DisableOnuSerialNumber: by OLT, PON port and serial. */
  setOnuSerialEnabled(oltId: string, portNo: number, serial: string, enabled: boolean) {
    this.checkFault(enabled ? "olt.enableOnu" : "olt.disableOnu");
    const onu = this.findOnuBySerial(serial);
    if (!onu || onu.parentId !== oltId || (portNo && onu.parentPortNo !== portNo))
      throw new SimNotFound(`ONU ${serial} on OLT ${oltId} port ${portNo}`);
    this.setOnuEnabled(onu, enabled);
    return onu;
  }

  /** Pre-provision an ONU by serial on a PON port before it is seen (CreateDevice of an ONU). */
  preprovisionOnu(oltId: string, portNo: number, serial: string) {
    this.checkFault("olt.preprovision");
    const existing = this.findOnuBySerial(serial);
    if (existing) return existing;
    return this.plugOnu(oltId, portNo, serial);
  }

  setBandwidth(serial: string, profiles: { upstream: BandwidthProfile; downstream: BandwidthProfile }) {
    this.checkFault("olt.bandwidth");
    const onu = this.findOnuBySerial(serial);
    if (!onu) throw new SimNotFound(`ONU ${serial}`);
    onu.bandwidth = profiles;
    return onu;
  }

  /** Optical levels now: slow drift around the baseline; no light on LOS. */
  optics(id: string) {
    this.checkFault("olt.optics");
    const onu = this.getDevice(id);
    if (onu.root || !onu.optics) throw new SimInvalid("optical levels are read from ONUs");
    const port = this.ponPortOf(onu);
    const t = this.now() / 60_000;
    const drift = Math.sin(t / 7 + onu.optics.phase) * 0.8 + Math.sin(t * 1.3 + onu.optics.phase * 2) * 0.15;
    const dark = port?.fibreCut || onu.connectStatus === "UNREACHABLE";
    return {
      receivedOpticalPower: dark ? -40 : Math.round((onu.optics.baseRx + drift) * 100) / 100,
      meanOpticalLaunchPower: Math.round((onu.optics.baseTx + drift / 4) * 100) / 100,
      temperature: Math.round((42 + Math.sin(t / 30 + onu.optics.phase) * 6) * 10) / 10,
      laserBiasCurrent: Math.round((12 + Math.sin(t / 11) * 1.5) * 100) / 100,
      powerFeedVoltage: 3.3,
      los: Boolean(dark),
    };
  }

  /** Degrades one ONU's optical baseline (dirty connector, bent fibre). */
  degradeOnu(serial: string, dbm: number) {
    const onu = this.findOnuBySerial(serial);
    if (!onu?.optics) throw new SimNotFound(`ONU ${serial}`);
    onu.optics.baseRx -= dbm;
    // The CPE behind it reads the same light (its speed tests follow it).
    const level = this.cpeForOnu(serial)?.params.get("Device.Optical.Interface.1.OpticalSignalLevel");
    if (level) level.value = Math.round(onu.optics.baseRx * 1000);
  }

  /** Cuts the fibre behind a PON port: LOS on every ONU of that port (one event each). */
  cutFibre(oltId: string, portNo: number) {
    const olt = this.getDevice(oltId);
    const port = olt.ports.find((p) => p.portNo === portNo);
    if (!port) throw new SimNotFound(`port ${portNo}`);
    port.fibreCut = true;
    port.operStatus = "FAILED";
    const hit = this.onusOf(oltId).filter((o) => o.parentPortNo === portNo);
    for (const onu of hit) {
      onu.connectStatus = "UNREACHABLE";
      if (onu.adminState === "ENABLED") onu.operStatus = "FAILED";
      const cpe = this.cpeForOnu(onu.serialNumber);
      if (cpe) cpe.online = false;
      this.emit(
        "ONU_LOSS_OF_SIGNAL",
        "RAISE",
        onu,
        { ...this.onuContext(onu), "port-label": port.label },
        `ONU ${onu.serialNumber} loss of signal`,
      );
    }
    return hit;
  }

  repairFibre(oltId: string, portNo: number) {
    const olt = this.getDevice(oltId);
    const port = olt.ports.find((p) => p.portNo === portNo);
    if (!port) throw new SimNotFound(`port ${portNo}`);
    port.fibreCut = false;
    port.operStatus = "ACTIVE";
    const hit = this.onusOf(oltId).filter((o) => o.parentPortNo === portNo);
    for (const onu of hit) {
      onu.connectStatus = "REACHABLE";
      if (onu.adminState === "ENABLED") onu.operStatus = "ACTIVE";
      const cpe = this.cpeForOnu(onu.serialNumber);
      if (cpe) cpe.online = onu.adminState === "ENABLED";
      this.emit(
        "ONU_LOSS_OF_SIGNAL",
        "CLEAR",
        onu,
        { ...this.onuContext(onu), "port-label": port.label },
        `ONU ${onu.serialNumber} signal restored`,
      );
    }
    return hit;
  }

  /** Firmware download on an OLT or ONU: DOWNLOADING_IMAGE, then the new version. */
  downloadImage(id: string, version: string) {
    this.checkFault("olt.firmware");
    const device = this.getDevice(id);
    device.imageDownload = { version, state: "DOWNLOAD_SUCCEEDED" };
    device.firmwareVersion = version;
    return device;
  }

  // ------------------------------------------------------------ CPEs (GenieACS / TR-069)
  /** GenieACS's device id (lib/util.ts generateDeviceId): all but [A-Za-z0-9_] %-escaped per UTF-8 byte. */
  static acsDeviceId(oui: string, productClass: string, serial: string) {
    const esc = (s: string) =>
      s.replace(/[^A-Za-z0-9_]/g, (c) =>
        [...Buffer.from(c, "utf8")].map((b) => `%${b.toString(16).toUpperCase()}`).join(""),
      );
    return productClass ? `${esc(oui)}-${esc(productClass)}-${esc(serial)}` : `${esc(oui)}-${esc(serial)}`;
  }

  private addCpeFor(onu: SimDevice, r: () => number) {
    const kind = VENDORS.find((v) => v.vendor === onu.vendor) ?? VENDORS[0];
    // An ONT with an integrated home gateway: the CPE's serial is the ONU's.
    const serial = onu.serialNumber;
    const deviceId = NetworkSimulator.acsDeviceId(kind.oui, kind.productClass, serial);
    if (this.cpes.has(deviceId)) return this.cpes.get(deviceId)!;
    const t = this.now();
    const p = (value: string | number | boolean, type = "xsd:string", writable = false): Tr069Param => ({
      value,
      type,
      writable,
      timestamp: t,
    });
    const mac = Array.from({ length: 6 }, (_, i) => hex(i === 0 ? 0x02 : Math.floor(r() * 256), 2)).join(":");
    const params = new Map<string, Tr069Param>([
      ["Device.DeviceInfo.Manufacturer", p(kind.manufacturer)],
      ["Device.DeviceInfo.ManufacturerOUI", p(kind.oui)],
      ["Device.DeviceInfo.ProductClass", p(kind.productClass)],
      ["Device.DeviceInfo.ModelName", p(kind.model)],
      ["Device.DeviceInfo.SerialNumber", p(serial)],
      ["Device.DeviceInfo.SoftwareVersion", p(onu.firmwareVersion)],
      ["Device.DeviceInfo.HardwareVersion", p("1.0")],
      ["Device.DeviceInfo.UpTime", p(Math.floor(r() * 100000), "xsd:unsignedInt")],
      ["Device.ManagementServer.ConnectionRequestURL", p(`http://10.250.0.${Math.floor(r() * 250) + 2}:7547/`)],
      ["Device.Ethernet.Interface.1.MACAddress", p(mac)],
      ["Device.WiFi.Radio.1.OperatingFrequencyBand", p("2.4GHz")],
      ["Device.WiFi.Radio.1.Channel", p(1 + Math.floor(r() * 11), "xsd:unsignedInt", true)],
      ["Device.WiFi.Radio.2.OperatingFrequencyBand", p("5GHz")],
      ["Device.WiFi.Radio.2.Channel", p([36, 40, 44, 48, 149][Math.floor(r() * 5)], "xsd:unsignedInt", true)],
      ["Device.WiFi.SSID.1.SSID", p(`${kind.manufacturer}-${serial.slice(-4)}`, "xsd:string", true)],
      ["Device.WiFi.SSID.1.Enable", p(true, "xsd:boolean", true)],
      ["Device.WiFi.SSID.2.SSID", p(`${kind.manufacturer}-${serial.slice(-4)}-5G`, "xsd:string", true)],
      ["Device.WiFi.SSID.2.Enable", p(true, "xsd:boolean", true)],
      ["Device.WiFi.AccessPoint.1.Security.ModeEnabled", p("WPA2-Personal", "xsd:string", true)],
      ["Device.WiFi.AccessPoint.1.Security.KeyPassphrase", p("", "xsd:string", true)],
      // At least one client on 2.4 GHz (a home always has one), so WiFi analysis has something to read.
      ["Device.WiFi.AccessPoint.1.AssociatedDeviceNumberOfEntries", p(1 + Math.floor(r() * 5), "xsd:unsignedInt")],
      ["Device.WiFi.AccessPoint.2.Security.ModeEnabled", p("WPA2-Personal", "xsd:string", true)],
      ["Device.WiFi.AccessPoint.2.Security.KeyPassphrase", p("", "xsd:string", true)],
      ["Device.WiFi.AccessPoint.2.AssociatedDeviceNumberOfEntries", p(Math.floor(r() * 4), "xsd:unsignedInt")],
      ["Device.PPP.Interface.1.Username", p("", "xsd:string", true)],
      ["Device.PPP.Interface.1.Password", p("", "xsd:string", true)],
      ["Device.PPP.Interface.1.Enable", p(false, "xsd:boolean", true)],
      ["Device.IP.Interface.1.IPv4Address.1.IPAddress", p("")],
      ["Device.Optical.Interface.1.OpticalSignalLevel", p(Math.round((onu.optics?.baseRx ?? -20) * 1000), "xsd:int")],
      ["Device.Optical.Interface.1.TransmitOpticalLevel", p(Math.round((onu.optics?.baseTx ?? 2) * 1000), "xsd:int")],
      ["Device.IP.Diagnostics.IPPing.DiagnosticsState", p("None", "xsd:string", true)],
      ["Device.IP.Diagnostics.IPPing.Host", p("", "xsd:string", true)],
      ["Device.IP.Diagnostics.IPPing.NumberOfRepetitions", p(4, "xsd:unsignedInt", true)],
      ["Device.IP.Diagnostics.IPPing.SuccessCount", p(0, "xsd:unsignedInt")],
      ["Device.IP.Diagnostics.IPPing.FailureCount", p(0, "xsd:unsignedInt")],
      ["Device.IP.Diagnostics.IPPing.AverageResponseTime", p(0, "xsd:unsignedInt")],
      ["Device.IP.Diagnostics.IPPing.MinimumResponseTime", p(0, "xsd:unsignedInt")],
      ["Device.IP.Diagnostics.IPPing.MaximumResponseTime", p(0, "xsd:unsignedInt")],
      ["Device.IP.Diagnostics.DownloadDiagnostics.DiagnosticsState", p("None", "xsd:string", true)],
      ["Device.IP.Diagnostics.DownloadDiagnostics.DownloadURL", p("", "xsd:string", true)],
      ["Device.IP.Diagnostics.DownloadDiagnostics.BOMTime", p("0001-01-01T00:00:00Z", "xsd:dateTime")],
      ["Device.IP.Diagnostics.DownloadDiagnostics.EOMTime", p("0001-01-01T00:00:00Z", "xsd:dateTime")],
      ["Device.IP.Diagnostics.DownloadDiagnostics.TestBytesReceived", p(0, "xsd:unsignedInt")],
      ["Device.IP.Diagnostics.UploadDiagnostics.DiagnosticsState", p("None", "xsd:string", true)],
      ["Device.IP.Diagnostics.UploadDiagnostics.UploadURL", p("", "xsd:string", true)],
      ["Device.IP.Diagnostics.UploadDiagnostics.TestFileLength", p(0, "xsd:unsignedInt", true)],
      ["Device.IP.Diagnostics.UploadDiagnostics.BOMTime", p("0001-01-01T00:00:00Z", "xsd:dateTime")],
      ["Device.IP.Diagnostics.UploadDiagnostics.EOMTime", p("0001-01-01T00:00:00Z", "xsd:dateTime")],
      ["Device.IP.Diagnostics.TraceRoute.DiagnosticsState", p("None", "xsd:string", true)],
      ["Device.IP.Diagnostics.TraceRoute.Host", p("", "xsd:string", true)],
      ["Device.IP.Diagnostics.TraceRoute.NumberOfTries", p(3, "xsd:unsignedInt", true)],
      ["Device.IP.Diagnostics.TraceRoute.Timeout", p(5000, "xsd:unsignedInt", true)],
      ["Device.IP.Diagnostics.TraceRoute.DataBlockSize", p(38, "xsd:unsignedInt", true)],
      ["Device.IP.Diagnostics.TraceRoute.MaxHopCount", p(30, "xsd:unsignedInt", true)],
      ["Device.IP.Diagnostics.TraceRoute.ResponseTime", p(0, "xsd:unsignedInt")],
      ["Device.IP.Diagnostics.TraceRoute.RouteHopsNumberOfEntries", p(0, "xsd:unsignedInt")],
    ]);
    this.addAssociatedDevices(params, serial, p);
    const cpe: SimCpe = {
      deviceId,
      oui: kind.oui,
      productClass: kind.productClass,
      serialNumber: serial,
      manufacturer: kind.manufacturer,
      onuSerial: onu.serialNumber,
      online: false,
      lastInform: t,
      registered: t,
      tags: [],
      params,
    };
    this.cpes.set(deviceId, cpe);
    this.cpeByOnu.set(onu.serialNumber, cpe);
    return cpe;
  }

  /**
   * The WiFi clients of each access point (TR-181 AccessPoint.{i}.AssociatedDevice.{i}), as many
   * as AssociatedDeviceNumberOfEntries says, with their signal strength in dBm: most near the
   * router, some in a far room. Drawn from their own seed so the rest of the network is unchanged.
   */
  private addAssociatedDevices(
    params: Map<string, Tr069Param>,
    serial: string,
    p: (value: string | number | boolean, type?: string, writable?: boolean) => Tr069Param,
  ) {
    const r = seededRandom(`${this.name}/cpe/${serial}/stations`);
    for (const ap of [1, 2]) {
      const count = Number(params.get(`Device.WiFi.AccessPoint.${ap}.AssociatedDeviceNumberOfEntries`)?.value ?? 0);
      for (let i = 1; i <= count; i++) {
        const base = `Device.WiFi.AccessPoint.${ap}.AssociatedDevice.${i}`;
        const signal = -38 - Math.floor(r() * 48); // -38 … -85 dBm
        // The PHY rate falls with the signal (roughly what 802.11n/ac negotiate).
        const maxKbps = ap === 1 ? 144_000 : 866_000;
        const downKbps = Math.round(maxKbps * Math.max(0.05, Math.min(1, (signal + 90) / 40)));
        const mac = Array.from({ length: 6 }, (_, k) => hex(k === 0 ? 0x0a : Math.floor(r() * 256), 2)).join(":");
        params.set(`${base}.MACAddress`, p(mac));
        params.set(`${base}.AuthenticationState`, p(true, "xsd:boolean"));
        params.set(`${base}.Active`, p(true, "xsd:boolean"));
        params.set(`${base}.OperatingStandard`, p(ap === 1 ? "n" : "ac"));
        params.set(`${base}.SignalStrength`, p(signal, "xsd:int"));
        params.set(`${base}.LastDataDownlinkRate`, p(downKbps, "xsd:unsignedInt"));
        params.set(`${base}.LastDataUplinkRate`, p(Math.round(downKbps / 2), "xsd:unsignedInt"));
        params.set(
          `${base}.Retransmissions`,
          p(signal < -75 ? 40 + Math.floor(r() * 200) : Math.floor(r() * 10), "xsd:unsignedInt"),
        );
      }
    }
  }

  getCpe(deviceId: string) {
    const cpe = this.cpes.get(deviceId);
    if (!cpe) throw new SimNotFound(`device ${deviceId}`);
    return cpe;
  }

  cpeForOnu(onuSerial: string) {
    const cpe = this.cpeByOnu.get(onuSerial);
    return cpe && this.cpes.get(cpe.deviceId) === cpe ? cpe : null;
  }

  /** The GenieACS document of a CPE: _id, _deviceId, _lastInform, _tags and the parameter tree. */
  cpeDocument(cpe: SimCpe): Record<string, unknown> {
    const doc: Record<string, unknown> = {
      _id: cpe.deviceId,
      _deviceId: {
        _Manufacturer: cpe.manufacturer,
        _OUI: cpe.oui,
        _ProductClass: cpe.productClass,
        _SerialNumber: cpe.serialNumber,
      },
      _lastInform: new Date(cpe.lastInform).toISOString(),
      _registered: new Date(cpe.registered).toISOString(),
      _tags: [...cpe.tags],
    };
    for (const [path, param] of cpe.params) {
      const parts = path.split(".");
      let node = doc as Record<string, unknown>;
      for (const part of parts.slice(0, -1)) {
        node[part] ??= { _object: true, _writable: false, _timestamp: new Date(param.timestamp).toISOString() };
        node = node[part] as Record<string, unknown>;
      }
      node[parts[parts.length - 1]] = {
        _value: param.value,
        _type: param.type,
        _writable: param.writable,
        _timestamp: new Date(param.timestamp).toISOString(),
      };
    }
    return doc;
  }

  /**
   * Runs a GenieACS task against a CPE. Returns "done" when the CPE answered the connection
   * request, "queued" when it is offline (the task stays queued), or "faulted" with a fault.
   */
  runTask(deviceId: string, task: Record<string, unknown>, connectionRequest: boolean) {
    // A NAK fault is the CPE refusing the RPC: a CWMP fault on the task, not a transport error.
    let refused: string | null = null;
    try {
      this.checkFault("acs.task");
    } catch (error) {
      if (!(error instanceof SimulatedFault && error.kind === "nak")) throw error;
      refused = error.message;
    }
    const cpe = this.getCpe(deviceId);
    const record: AcsTask = {
      ...task,
      _id: `${hex(Math.floor(this.now() / 1000), 8).toLowerCase()}${hex(++this.taskSeq, 16).toLowerCase()}`,
      device: deviceId,
      name: String(task.name),
      timestamp: new Date(this.now()).toISOString(),
    };
    if (!connectionRequest || !cpe.online) {
      this.tasks.set(record._id, record);
      return { status: "queued" as const, task: record };
    }
    const fault = refused ? { code: "cwmp.9002", message: `Internal error: ${refused}` } : this.applyTask(cpe, record);
    if (fault) {
      this.tasks.set(record._id, record);
      // A CPE fault is recorded with the SOAP fault struct as detail (lib/cwmp/db.ts saveFault).
      const f: AcsFault = {
        _id: `${deviceId}:task_${record._id}`,
        device: deviceId,
        channel: `task_${record._id}`,
        code: fault.code,
        message: fault.message,
        detail: fault.code.startsWith("cwmp.") ? { faultCode: fault.code.slice(5), faultString: fault.message } : null,
        retries: 0,
        timestamp: new Date(this.now()).toISOString(),
      };
      this.acsFaults.set(f._id, f);
      return { status: "faulted" as const, task: record, fault: f };
    }
    cpe.lastInform = this.now();
    return { status: "done" as const, task: record };
  }

  /** Applies queued tasks of a device (as on its next inform). */
  flushTasks(deviceId: string) {
    const cpe = this.getCpe(deviceId);
    if (!cpe.online) return 0;
    let n = 0;
    for (const task of [...this.tasks.values()].filter((t) => t.device === deviceId)) {
      if (!this.applyTask(cpe, task)) {
        this.tasks.delete(task._id);
        n++;
      }
    }
    cpe.lastInform = this.now();
    return n;
  }

  private applyTask(cpe: SimCpe, task: AcsTask): { code: string; message: string } | null {
    const t = this.now();
    switch (task.name) {
      case "getParameterValues":
      case "refreshObject":
        for (const param of cpe.params.values()) param.timestamp = t;
        return null;
      case "setParameterValues": {
        // GenieACS sends SetParameterValues only for parameters it knows to be writable and
        // skips the rest without a fault (lib/session.ts generateSetRpcRequest, canWrite).
        const values = (task.parameterValues ?? []) as [string, unknown, string?][];
        for (const [path, value, type] of values) {
          const param = cpe.params.get(path);
          if (!param?.writable) continue;
          param.value = value as string | number | boolean;
          if (type) param.type = type;
          param.timestamp = t;
          if (path.endsWith("DiagnosticsState") && value === "Requested") this.scheduleDiagnostics(cpe, path);
        }
        return null;
      }
      case "reboot":
        cpe.params.get("Device.DeviceInfo.UpTime")!.value = 0;
        return null;
      case "factoryReset":
        for (const [path, param] of cpe.params) {
          if (path.endsWith("KeyPassphrase") || path.startsWith("Device.PPP.Interface.1.")) {
            param.value = typeof param.value === "boolean" ? false : "";
            param.timestamp = t;
          }
        }
        cpe.tags = [];
        return null;
      case "download": {
        const file = this.files.get(String(task.fileName));
        // The CPE cannot fetch it from genieacs-fs: TransferComplete with fault 9016.
        if (!file)
          return {
            code: "cwmp.9016",
            message: `File transfer failure: unable to access file ${String(task.fileName)}`,
          };
        cpe.params.get("Device.DeviceInfo.SoftwareVersion")!.value = file.metadata.version;
        return null;
      }
      case "addObject":
      case "deleteObject":
        return null;
      default:
        return { code: "invalid_task", message: `Unknown task ${task.name}` };
    }
  }

  private scheduleDiagnostics(cpe: SimCpe, statePath: string) {
    const base = statePath.replace(/\.DiagnosticsState$/, "");
    const timer = setTimeout(() => {
      const set = (leaf: string, value: string | number) => {
        const param = cpe.params.get(`${base}.${leaf}`);
        if (param) {
          param.value = value;
          param.timestamp = this.now();
        }
      };
      const rxDbm = Number(cpe.params.get("Device.Optical.Interface.1.OpticalSignalLevel")?.value ?? -20000) / 1000;
      const quality = Math.max(0.1, Math.min(1, (rxDbm + 30) / 12));
      if (base.endsWith("IPPing")) {
        const n = Number(cpe.params.get(`${base}.NumberOfRepetitions`)?.value ?? 4);
        const ok = cpe.online ? n : 0;
        set("SuccessCount", ok);
        set("FailureCount", n - ok);
        set("AverageResponseTime", cpe.online ? Math.round(4 + (1 - quality) * 40) : 0);
        set("MinimumResponseTime", cpe.online ? Math.round(3 + (1 - quality) * 20) : 0);
        set("MaximumResponseTime", cpe.online ? Math.round(8 + (1 - quality) * 80) : 0);
      } else if (base.endsWith("TraceRoute")) {
        if (cpe.online) this.traceRoute(cpe, base, quality);
      } else {
        const start = new Date(this.now() - 2000);
        set("BOMTime", start.toISOString());
        set("EOMTime", new Date(this.now()).toISOString());
        if (base.endsWith("DownloadDiagnostics"))
          set("TestBytesReceived", cpe.online ? Math.round(25_000_000 * quality) : 0);
      }
      const traced = String(cpe.params.get(`${base}.DiagnosticsState`)?.value);
      if (!cpe.online) set("DiagnosticsState", "Error_CannotResolveHostName");
      else if (!(base.endsWith("TraceRoute") && traced.startsWith("Error"))) set("DiagnosticsState", "Complete");
      cpe.lastInform = this.now();
    }, this.options.diagnosticsDelayMs);
    timer.unref?.();
  }

  /**
   * A TR-143 trace route from the CPE: the BNG, the core, the peering point and the target, each
   * with NumberOfTries round-trip times (0 = no answer). Poor light loses probes from the first
   * hop on; a target in TEST-NET-1 (192.0.2.0/24, never routed) is not reached before
   * MaxHopCount (Error_MaxHopCountExceeded).
   */
  private traceRoute(cpe: SimCpe, base: string, quality: number) {
    const param = (leaf: string) => cpe.params.get(`${base}.${leaf}`);
    for (const path of [...cpe.params.keys()]) if (path.startsWith(`${base}.RouteHops.`)) cpe.params.delete(path);
    const host = String(param("Host")?.value || "8.8.8.8");
    const tries = Number(param("NumberOfTries")?.value ?? 3);
    const maxHops = Number(param("MaxHopCount")?.value ?? 30);
    const unroutable = host.startsWith("192.0.2.");
    const target = /^[\d.]+$/.test(host) ? host : "203.0.113.80";
    const path = [
      { name: "bng1.access.fiberops.sim", address: "100.64.0.1", ms: 1 },
      { name: "core1.fra.fiberops.sim", address: "10.255.0.1", ms: 3 },
      { name: "ix-fra.peering.example.net", address: "198.51.100.17", ms: 6 },
      ...(unroutable ? [] : [{ name: host, address: target, ms: 9 }]),
    ];
    const hops = unroutable
      ? [...path, ...Array.from({ length: maxHops - path.length }, () => ({ name: "", address: "", ms: 0 }))]
      : path;
    const t = this.now();
    const set = (leaf: string, value: string | number, type = "xsd:string") =>
      cpe.params.set(`${base}.${leaf}`, {
        value,
        type,
        writable: cpe.params.get(`${base}.${leaf}`)?.writable ?? false,
        timestamp: t,
      });
    hops.forEach((hop, i) => {
      // With poor light the PON drops probes: the second try of every hop goes unanswered.
      const rtts = Array.from({ length: tries }, (_, k) =>
        hop.ms === 0 || (quality < 0.5 && k === 1) ? 0 : Math.round(hop.ms + (1 - quality) * 30 + k),
      );
      set(`RouteHops.${i + 1}.Host`, hop.name);
      set(`RouteHops.${i + 1}.HostAddress`, hop.address);
      set(`RouteHops.${i + 1}.ErrorCode`, 0, "xsd:unsignedInt");
      set(`RouteHops.${i + 1}.RTTimes`, rtts.join(","));
    });
    const last = hops[hops.length - 1]!;
    set("RouteHopsNumberOfEntries", hops.length, "xsd:unsignedInt");
    set("ResponseTime", unroutable ? 0 : Math.round(last.ms + (1 - quality) * 30), "xsd:unsignedInt");
    if (unroutable) set("DiagnosticsState", "Error_MaxHopCountExceeded");
  }

  putPreset(preset: AcsPreset) {
    this.presets.set(preset._id, preset);
  }

  putFile(file: AcsFile) {
    this.files.set(file._id, file);
  }

  // ------------------------------------------------------------ IPAM (NetBox)
  nbId() {
    return ++this.nbSeq;
  }

  addPrefix(input: Omit<NbPrefix, "id">) {
    const prefix = { ...input, id: this.nbId() };
    this.prefixes.set(prefix.id, prefix);
    return prefix;
  }

  /** Next free host addresses of a prefix (network and broadcast excluded unless is_pool). */
  availableIps(prefixId: number, limit = 50) {
    const prefix = this.prefixes.get(prefixId);
    if (!prefix) throw new SimNotFound(`prefix ${prefixId}`);
    const [base, lenText] = prefix.prefix.split("/");
    const len = Number(lenText);
    const start = ipToInt(base);
    const size = 2 ** (32 - len);
    const used = new Set([...this.ipAddresses.values()].map((a) => a.address.split("/")[0]));
    const first = prefix.isPool || len >= 31 ? 0 : 1;
    const last = prefix.isPool || len >= 31 ? size - 1 : size - 2;
    const out: string[] = [];
    for (let i = first; i <= last && out.length < limit; i++) {
      const ip = intToIp(start + i);
      if (!used.has(ip)) out.push(ip);
    }
    return out;
  }

  allocateIp(prefixId: number, fields: Partial<Omit<NbIpAddress, "id" | "address">>) {
    this.checkFault("ipam.allocate");
    const [ip] = this.availableIps(prefixId, 1);
    if (!ip) return null;
    // NetBox gives an allocated address the mask of its parent prefix.
    const address: NbIpAddress = {
      id: this.nbId(),
      address: `${ip}/${this.prefixes.get(prefixId)!.prefix.split("/")[1]}`,
      status: fields.status ?? "active",
      tenant: fields.tenant ?? null,
      dnsName: fields.dnsName ?? "",
      description: fields.description ?? "",
      customFields: fields.customFields ?? {},
    };
    this.ipAddresses.set(address.id, address);
    return address;
  }

  releaseIp(id: number) {
    this.checkFault("ipam.release");
    return this.ipAddresses.delete(id);
  }
}

// ---------------------------------------------------------------- registry
const registry = globalThis as unknown as { __networkSimulators?: Map<string, NetworkSimulator> };

/**
 * The simulator of one tenant in this process (demo tenant, e2e, tests of services). Tests
 * reach the same instance to inject faults: `simulatorFor(tenantId).injectFault(...)`.
 */
export function simulatorFor(key: string, options?: SimulatorOptions): NetworkSimulator {
  registry.__networkSimulators ??= new Map();
  let sim = registry.__networkSimulators.get(key);
  if (!sim) {
    sim = new NetworkSimulator(key, options);
    registry.__networkSimulators.set(key, sim);
  }
  return sim;
}

export function resetSimulator(key: string) {
  registry.__networkSimulators?.delete(key);
}
