// A fake VOLTHA core: voltha.VolthaService and extension.Extension over real gRPC, serving the
// shared network simulator. Injected faults map to what a real core does: timeout = no answer
// (the client's deadline fires), error = INTERNAL, NAK = FAILED_PRECONDITION.
import * as grpc from "@grpc/grpc-js";
import {
  type NetworkSimulator,
  type SimDevice,
  SimInvalid,
  SimNotFound,
  SimulatedFault,
} from "@/simulator/network/state";
import { loadVolthaProtos } from "@/simulator/protos/load";

type Call = grpc.ServerUnaryCall<Record<string, unknown>, unknown>;
type Callback = grpc.sendUnaryData<unknown>;

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
    adapter: d.root ? "openolt" : "brcm_openomci_onu",
    ...(d.hostAndPort ? { host_and_port: d.hostAndPort } : {}),
    proxy_address: d.proxy
      ? { device_id: d.proxy.deviceId, device_type: "openolt", channel_id: d.proxy.channelId, onu_id: d.proxy.onuId }
      : null,
    admin_state: d.adminState === "DELETED" ? "UNKNOWN" : d.adminState,
    oper_status: d.operStatus,
    reason: d.reason,
    connect_status: d.connectStatus,
  };
}

export type VolthaFake = { address: string; port: number; close(): Promise<void> };

export async function startVolthaFake(sim: NetworkSimulator, port = 0): Promise<VolthaFake> {
  const pkg = loadVolthaProtos();
  const server = new grpc.Server();
  const hung = new Set<NodeJS.Timeout>();

  const unary = (work: (req: Record<string, unknown>) => unknown) => (call: Call, callback: Callback) => {
    try {
      callback(null, work(call.request));
    } catch (error) {
      if (error instanceof SimulatedFault) {
        if (error.kind === "timeout") {
          const timer = setTimeout(() => {
            hung.delete(timer);
            callback({ code: grpc.status.UNAVAILABLE, details: "simulated timeout" });
          }, 60_000);
          timer.unref();
          hung.add(timer);
          return;
        }
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

  const id = (req: Record<string, unknown>) => String(req.id ?? "");
  const serialRequest = (req: Record<string, unknown>) => ({
    oltId: String((req.olt_device_id as { id?: string } | null)?.id ?? ""),
    portNo: Number((req.port as { port_no?: number } | null)?.port_no ?? 0),
    serial: String(req.serial_number ?? ""),
  });
  const empty = {};

  server.addService(pkg.voltha.VolthaService.service, {
    ListLogicalDevices: unary(() => ({
      items: sim.olts().map((o) => ({ id: `of:${o.id.slice(0, 8)}`, datapath_id: "0", root_device_id: o.id })),
    })),
    ListDevices: unary(() => {
      sim.checkFault("olt.list");
      return { items: sim.listDevices().map(toDevice) };
    }),
    GetDevice: unary((req) => toDevice(sim.getDevice(id(req)))),
    CreateDevice: unary((req) => {
      if (req.parent_id) {
        const d = sim.preprovisionOnu(String(req.parent_id), Number(req.parent_port_no), String(req.serial_number));
        return toDevice(d);
      }
      if (!req.host_and_port) throw new SimInvalid("host_and_port is required to pre-provision an OLT");
      return toDevice(sim.createOlt({ type: String(req.type || "openolt"), hostAndPort: String(req.host_and_port) }));
    }),
    EnableDevice: unary((req) => {
      sim.enableDevice(id(req));
      return empty;
    }),
    DisableDevice: unary((req) => {
      sim.disableDevice(id(req));
      return empty;
    }),
    RebootDevice: unary((req) => {
      sim.rebootDevice(id(req));
      return empty;
    }),
    DeleteDevice: unary((req) => {
      sim.deleteDevice(id(req));
      return empty;
    }),
    DownloadImage: unary((req) => {
      sim.downloadImage(id(req), String(req.image_version || req.name));
      return { code: "OPERATION_SUCCESS", additional_info: "" };
    }),
    ListDevicePorts: unary((req) => ({
      items: sim.getDevice(id(req)).ports.map((p) => ({
        port_no: p.portNo,
        label: p.label,
        type: p.type,
        admin_state: p.adminState,
        oper_status: p.operStatus,
        device_id: id(req),
        peers: [],
      })),
    })),
    EnableOnuDevice: unary((req) => {
      sim.enableDevice(id(req));
      return empty;
    }),
    DisableOnuDevice: unary((req) => {
      sim.disableDevice(id(req));
      return empty;
    }),
    EnableOnuSerialNumber: unary((req) => {
      const r = serialRequest(req);
      sim.setOnuSerialEnabled(r.oltId, r.portNo, r.serial, true);
      return empty;
    }),
    DisableOnuSerialNumber: unary((req) => {
      const r = serialRequest(req);
      sim.setOnuSerialEnabled(r.oltId, r.portNo, r.serial, false);
      return empty;
    }),
  });

  server.addService(pkg.extension.Extension.service, {
    GetExtValue: unary((req) => {
      const target = String(req.targetId ?? "");
      const request = (req.request ?? {}) as Record<string, unknown>;
      if (!request.onuOpticalInfo) return { response: { status: "ERROR", errReason: "UNSUPPORTED" } };
      const device = sim.devices.get(target);
      if (!device || device.adminState === "DELETED")
        return { response: { status: "ERROR", errReason: "INVALID_DEVICE_ID" } };
      if (device.root) return { response: { status: "ERROR", errReason: "INVALID_DEVICE" } };
      const o = sim.optics(target);
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
    server.bindAsync(`127.0.0.1:${port}`, grpc.ServerCredentials.createInsecure(), (err, p) =>
      err ? reject(err) : resolve(p),
    ),
  );
  return {
    address: `127.0.0.1:${bound}`,
    port: bound,
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of hung) clearTimeout(timer);
        server.forceShutdown();
        resolve();
      }),
  };
}
