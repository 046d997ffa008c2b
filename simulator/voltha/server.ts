// A fake VOLTHA core: voltha.VolthaService and extension.Extension over real gRPC, serving the
// shared network simulator and answering as voltha-go 3.7 (rw_core) with the openolt and
// openonu adapters does — README.md beside this file says where each behaviour was checked:
// CreateDevice makes root devices only and refuses a second one at the same address; enabling
// an OLT answers at once with ACTIVATING and the adapter brings it ACTIVE (and its ports and
// ONUs) a moment later; a discovered ONU is activated by the OLT and enabled by the core
// without being asked; repeating an enable or disable is FAILED_PRECONDITION; firmware goes to
// ONUs only (DownloadImageToDevice), never to OLTs. Injected faults: timeout = no answer,
// error = INTERNAL, NAK = FAILED_PRECONDITION.
import * as grpc from "@grpc/grpc-js";
import { loadVolthaProtos } from "@/server/adapters/olt/protos/load";
import {
  type NetworkSimulator,
  type SimDevice,
  SimInvalid,
  SimNotFound,
  SimulatedFault,
} from "@/simulator/network/state";

type Request = Record<string, unknown>;
type Call = grpc.ServerUnaryCall<Request, unknown>;
type Callback = grpc.sendUnaryData<unknown>;

/** A gRPC status the handler answers with. */
class Status {
  constructor(
    readonly code: grpc.status,
    readonly details: string,
  ) {}
}
const fail = (code: grpc.status, details: string): never => {
  throw new Status(code, details);
};

function toDevice(d: SimDevice) {
  return {
    id: d.id,
    type: d.type,
    root: d.root,
    parent_id: d.parentId,
    parent_port_no: d.parentPortNo,
    vendor: d.vendor,
    model: d.model,
    hardware_version: d.hardwareVersion,
    firmware_version: d.firmwareVersion,
    serial_number: d.serialNumber,
    vendor_id: d.root ? "" : d.serialNumber.slice(0, 4),
    adapter_endpoint: d.root ? "voltha-openolt-adapter:50060" : "voltha-openonu-adapter:50060",
    ...(d.hostAndPort ? { host_and_port: d.hostAndPort } : {}),
    proxy_address: d.proxy
      ? {
          device_id: d.proxy.deviceId,
          device_type: "openolt",
          channel_id: d.proxy.channelId,
          onu_id: d.proxy.onuId,
          adapter_endpoint: "voltha-openolt-adapter:50060",
        }
      : null,
    admin_state: d.adminState === "DELETED" ? "UNKNOWN" : d.adminState,
    oper_status: d.operStatus,
    reason: d.reason,
    connect_status: d.connectStatus,
  };
}

export type VolthaFakeOptions = {
  port?: number;
  /** Time the openolt adapter takes to connect to an enabled OLT (ACTIVATING → ACTIVE). */
  activationDelayMs?: number;
  /**
   * The OLT activates every ONU it discovers and the core enables it (voltha-go's
   * ChildDeviceDetected, openolt's onuDiscIndication → activateONU), as VOLTHA does.
   */
  autoEnableOnus?: boolean;
};

export type VolthaFake = { address: string; port: number; close(): Promise<void> };

export async function startVolthaFake(sim: NetworkSimulator, options: VolthaFakeOptions = {}): Promise<VolthaFake> {
  const pkg = loadVolthaProtos();
  const server = new grpc.Server();
  const timers = new Set<NodeJS.Timeout>();
  const later = (ms: number, work: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      work();
    }, ms);
    timer.unref();
    timers.add(timer);
  };

  const autoEnable = options.autoEnableOnus ?? true;
  const stopListening = sim.onEvent((e) => {
    if (!autoEnable || e.kind !== "ONU_DISCOVERY" || e.state !== "RAISE") return;
    const onu = sim.devices.get(e.resourceId);
    if (onu && onu.adminState === "PREPROVISIONED") sim.setOnuEnabled(onu, true);
  });

  const unary = (work: (req: Request) => unknown) => (call: Call, callback: Callback) => {
    try {
      callback(null, work(call.request));
    } catch (error) {
      if (error instanceof Status) return callback({ code: error.code, details: error.details });
      if (error instanceof SimulatedFault) {
        if (error.kind === "timeout") return later(60_000, () => callback({ code: grpc.status.UNAVAILABLE }));
        return callback({
          code: error.kind === "nak" ? grpc.status.FAILED_PRECONDITION : grpc.status.INTERNAL,
          details: error.message,
        });
      }
      if (error instanceof SimNotFound) return callback({ code: grpc.status.NOT_FOUND, details: error.message });
      if (error instanceof SimInvalid) return callback({ code: grpc.status.INVALID_ARGUMENT, details: error.message });
      callback({ code: grpc.status.INTERNAL, details: (error as Error).message });
    }
  };

  /** The device agent of `id`; voltha-go answers NotFound "%s" with the id when there is none. */
  const agent = (id: string, details = id) => {
    const d = sim.devices.get(id);
    if (!d || d.adminState === "DELETED") return fail(grpc.status.NOT_FOUND, details);
    return d;
  };
  const idOf = (req: Request) => String(req.id ?? "");
  const empty = {};

  /** ONU enable/disable by serial (manager_nbi.go, agent.go enable/disableOnuSerialNumber). */
  const onuBySerial = (req: Request) => {
    const oltId = String((req.olt_device_id as { id?: string } | null)?.id ?? "");
    const olt = sim.devices.get(oltId);
    if (!olt?.root || olt.adminState === "DELETED") fail(grpc.status.NOT_FOUND, `id:"${oltId}"`);
    const serial = String(req.serial_number ?? "");
    const onu = sim.listDevices().find((d) => !d.root && d.serialNumber === serial && d.parentId === oltId);
    if (!onu) return fail(grpc.status.NOT_FOUND, `onu-device-id-not-found-for-serial-number-${serial}`);
    return { onu, oltId, serial, portNo: Number((req.port as { port_no?: number } | null)?.port_no ?? 0) };
  };
  const viaAdapter = (what: string, work: () => void) => {
    try {
      work();
    } catch (error) {
      // The adapter's failure comes back through the core as a plain error: gRPC UNKNOWN.
      if (error instanceof SimNotFound) fail(grpc.status.UNKNOWN, `${what}-failed: rpc error: ${error.message}`);
      throw error;
    }
  };

  server.addService(pkg.voltha.VolthaService.service, {
    ListLogicalDevices: unary(() => ({
      items: sim.olts().map((o) => ({ id: `of:${o.id.slice(0, 8)}`, datapath_id: "0", root_device_id: o.id })),
    })),
    ListDevices: unary(() => {
      sim.checkFault("olt.list");
      return { items: sim.listDevices().map(toDevice) };
    }),
    GetDevice: unary((req) => toDevice(agent(idOf(req)))),
    CreateDevice: unary((req) => {
      const hostAndPort = String(req.host_and_port ?? "");
      if (!req.mac_address && !hostAndPort) fail(grpc.status.UNKNOWN, "no-device-info-present; MAC or HOSTIP&PORT");
      if (sim.listDevices().some((d) => d.root && d.hostAndPort === hostAndPort))
        fail(grpc.status.UNKNOWN, "device is already pre-provisioned");
      // CreateDevice always makes a root device (an OLT), whatever parent the request names.
      return toDevice(sim.createOlt({ type: String(req.type || "openolt"), hostAndPort }));
    }),
    EnableDevice: unary((req) => {
      const d = agent(idOf(req));
      if (d.adminState === "ENABLED" && d.operStatus !== "FAILED")
        fail(grpc.status.FAILED_PRECONDITION, `cannot-enable-an-already-enabled-device: ${d.id}`);
      if (!d.root) {
        sim.enableDevice(d.id);
        return empty;
      }
      sim.checkFault("olt.enable");
      d.adminState = "ENABLED";
      d.operStatus = "ACTIVATING";
      later(options.activationDelayMs ?? 50, () => {
        if (d.adminState !== "ENABLED") return;
        d.operStatus = "ACTIVE";
        d.connectStatus = "REACHABLE";
        sim.discoverOnus(d);
      });
      return empty;
    }),
    DisableDevice: unary((req) => {
      const d = agent(idOf(req));
      if (d.adminState === "DISABLED") return empty;
      if (d.adminState === "PREPROVISIONED")
        fail(grpc.status.FAILED_PRECONDITION, `deviceId:${d.id}, invalid-admin-state:PREPROVISIONED`);
      sim.disableDevice(d.id);
      return empty;
    }),
    RebootDevice: unary((req) => {
      const d = agent(idOf(req));
      if (!d.root) {
        const parent = agent(d.parentId, `device agent for parent id ${d.parentId} for child ${d.id}`);
        if (parent.connectStatus !== "REACHABLE")
          fail(
            grpc.status.FAILED_PRECONDITION,
            `cannot complete operation as parent device :${parent.id} is in operstatus:${parent.operStatus} ,connect-status:${parent.connectStatus}`,
          );
      }
      if (d.connectStatus !== "REACHABLE")
        fail(
          grpc.status.FAILED_PRECONDITION,
          `cannot complete operation as device :${d.id} is in operstatus:${d.operStatus} ,connect-status:${d.connectStatus}`,
        );
      sim.rebootDevice(d.id);
      return empty;
    }),
    DeleteDevice: unary((req) => {
      sim.deleteDevice(agent(idOf(req)).id);
      return empty;
    }),
    ListDevicePorts: unary((req) => {
      const d = agent(idOf(req), `device-${idOf(req)}`);
      // Ports are reported by the adapter once it has adopted the device.
      if (d.root && d.adminState === "PREPROVISIONED") return { items: [] };
      return {
        items: d.ports.map((p) => ({
          port_no: p.portNo,
          label: p.label,
          type: p.type,
          admin_state: p.adminState,
          oper_status: p.operStatus,
          device_id: d.id,
          peers: [],
        })),
      };
    }),
    EnableOnuSerialNumber: unary((req) => {
      const { onu, oltId, serial, portNo } = onuBySerial(req);
      if (onu.adminState === "ENABLED" && onu.operStatus !== "FAILED")
        fail(grpc.status.FAILED_PRECONDITION, `device-already-enabled: ${onu.id}`);
      viaAdapter("enable-child-serial-number", () => sim.setOnuSerialEnabled(oltId, portNo, serial, true));
      return empty;
    }),
    DisableOnuSerialNumber: unary((req) => {
      const { onu, oltId, serial, portNo } = onuBySerial(req);
      if (onu.adminState === "DISABLED") fail(grpc.status.FAILED_PRECONDITION, `device-already-disabled: ${onu.id}`);
      if (onu.adminState === "PREPROVISIONED")
        fail(grpc.status.FAILED_PRECONDITION, `deviceId:${onu.id}, invalid-admin-state:PREPROVISIONED`);
      viaAdapter("disable-child-serial-number", () => sim.setOnuSerialEnabled(oltId, portNo, serial, false));
      return empty;
    }),
    DownloadImageToDevice: unary((req) => {
      const ids = ((req.device_id as { id?: string }[] | undefined) ?? []).map((d) => String(d.id ?? ""));
      const image = req.image as { version?: string; url?: string } | null;
      if (!image || !ids.length) fail(grpc.status.INVALID_ARGUMENT, "invalid argument");
      const version = String(image!.version ?? "");
      const failed = (device_id: string, reason = "UNKNOWN_ERROR") => ({
        device_id,
        imageState: { version, download_state: "DOWNLOAD_FAILED", reason, image_state: "IMAGE_UNKNOWN" },
      });
      return {
        device_image_states: ids.map((id) => {
          const d = sim.devices.get(id);
          // An unknown device, an OLT, an https URL (openonu: "image download via https not
          // supported"): the core reports the device's download as failed, not the call.
          if (!d || d.adminState === "DELETED" || d.root || String(image!.url ?? "").startsWith("https:"))
            return failed(id);
          try {
            sim.downloadImage(id, version);
          } catch (error) {
            if (error instanceof SimulatedFault && error.kind !== "timeout") return failed(id, "DEVICE_BUSY");
            throw error;
          }
          return {
            device_id: id,
            imageState: {
              version,
              download_state: "DOWNLOAD_STARTED",
              reason: "NO_ERROR",
              image_state: "IMAGE_DOWNLOADING",
            },
          };
        }),
      };
    }),
  });

  server.addService(pkg.extension.Extension.service, {
    GetExtValue: unary((req) => {
      const target = String(req.targetId ?? "");
      const device = agent(target, `target-id ${target}`);
      const request = (req.request ?? {}) as Request;
      const answer = (status: string, errReason: string) => ({ response: { status, errReason } });
      // openolt answers requests it does not serve, onuOpticalInfo among them, with UNSUPPORTED.
      if (!request.onuOpticalInfo || device.root) return answer("ERROR", "UNSUPPORTED");
      // openonu reads the levels with an OMCI self test, which times out on a dark ONU.
      if (device.connectStatus !== "REACHABLE") return answer("ERROR", "TIMEOUT");
      let o: ReturnType<NetworkSimulator["optics"]>;
      try {
        o = sim.optics(target);
      } catch (error) {
        if (error instanceof SimulatedFault && error.kind === "timeout") return answer("ERROR", "TIMEOUT");
        throw error;
      }
      return {
        response: {
          status: "OK",
          errReason: "REASON_UNDEFINED",
          onuOpticalInfo: {
            powerFeedVoltage: o.powerFeedVoltage,
            receivedOpticalPower: o.receivedOpticalPower,
            meanOpticalLaunchPower: o.meanOpticalLaunchPower,
            laserBiasCurrent: o.laserBiasCurrent,
            temperature: o.temperature,
          },
        },
      };
    }),
  });

  const bound = await new Promise<number>((resolve, reject) =>
    server.bindAsync(`127.0.0.1:${options.port ?? 0}`, grpc.ServerCredentials.createInsecure(), (err, p) =>
      err ? reject(err) : resolve(p),
    ),
  );
  return {
    address: `127.0.0.1:${bound}`,
    port: bound,
    close: () =>
      new Promise<void>((resolve) => {
        stopListening();
        for (const timer of timers) clearTimeout(timer);
        server.forceShutdown();
        resolve();
      }),
  };
}
