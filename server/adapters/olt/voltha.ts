// The OLT port over VOLTHA's gRPC northbound (voltha.VolthaService + extension.Extension),
// using our own .proto subset (simulator/protos). Bandwidth profiles live in ONOS (SADIS), so
// they go to ONOS's network-configuration REST API when an ONOS URL is configured.
import * as grpc from "@grpc/grpc-js";
import { externalFailure } from "@/server/adapters/errors";
import { invalid } from "@/server/errors";
import { loadVolthaProtos } from "@/simulator/protos/load";
import type { BandwidthProfile, OltAdapter, OltDevice, OltPortInfo, OnuDevice, OpticalLevels } from "./port";

type Device = {
  id: string;
  type: string;
  root: boolean;
  parent_id: string;
  parent_port_no: number;
  vendor: string;
  model: string;
  firmware_version: string;
  serial_number: string;
  host_and_port?: string;
  address?: string;
  proxy_address: { device_id: string; channel_id: number; onu_id: number } | null;
  admin_state: string;
  oper_status: string;
  connect_status: string;
};
type Port = { port_no: number; label: string; type: string; admin_state: string; oper_status: string };

export type VolthaClientOptions = {
  /** host:port of the VOLTHA northbound gRPC API (voltctl's default is 55555). */
  address: string;
  timeoutMs?: number;
  onosUrl?: string;
  onosUser?: string;
  onosPassword?: string;
};

type Rpc = (
  request: unknown,
  metadata: grpc.Metadata,
  options: grpc.CallOptions,
  cb: (err: grpc.ServiceError | null, res: unknown) => void,
) => void;

export class VolthaClient implements OltAdapter {
  readonly kind = "voltha" as const;
  private readonly voltha: grpc.Client & Record<string, Rpc>;
  private readonly extension: grpc.Client & Record<string, Rpc>;
  private readonly timeoutMs: number;

  constructor(private readonly options: VolthaClientOptions) {
    const pkg = loadVolthaProtos();
    const credentials = grpc.credentials.createInsecure();
    const address = options.address.replace(/^grpc:\/\//, "");
    this.voltha = new pkg.voltha.VolthaService(address, credentials) as grpc.Client & Record<string, Rpc>;
    this.extension = new pkg.extension.Extension(address, credentials) as grpc.Client & Record<string, Rpc>;
    this.timeoutMs = options.timeoutMs ?? 10_000;
  }

  close() {
    this.voltha.close();
    this.extension.close();
  }

  private call<T>(client: Record<string, Rpc>, method: string, request: unknown, what: string): Promise<T> {
    return new Promise((resolve, reject) => {
      client[method](request, new grpc.Metadata(), { deadline: Date.now() + this.timeoutMs }, (err, res) => {
        if (!err) return resolve(res as T);
        const detail = `${method}: ${err.details || err.message}`;
        switch (err.code) {
          case grpc.status.DEADLINE_EXCEEDED:
            return reject(externalFailure("VOLTHA", "timeout", `${method} after ${this.timeoutMs} ms`));
          case grpc.status.NOT_FOUND:
            return reject(externalFailure("VOLTHA", "not_found", what));
          case grpc.status.FAILED_PRECONDITION:
          case grpc.status.ALREADY_EXISTS:
          case grpc.status.ABORTED:
          case grpc.status.PERMISSION_DENIED:
            return reject(externalFailure("VOLTHA", "nak", detail));
          case grpc.status.INVALID_ARGUMENT:
            return reject(invalid(`VOLTHA rejected the request: ${err.details}`));
          default:
            return reject(externalFailure("VOLTHA", "error", detail));
        }
      });
    });
  }

  private v<T>(method: string, request: unknown, what = "device") {
    return this.call<T>(this.voltha, method, request, what);
  }

  private static olt(d: Device): OltDevice {
    return {
      id: d.id,
      serialNumber: d.serial_number,
      vendor: d.vendor,
      model: d.model,
      firmwareVersion: d.firmware_version,
      hostAndPort: d.host_and_port ?? "",
      adminState: d.admin_state,
      operStatus: d.oper_status,
      connectStatus: d.connect_status,
    };
  }

  private static onu(d: Device): OnuDevice {
    return {
      id: d.id,
      oltId: d.proxy_address?.device_id || d.parent_id,
      ponPortNo: d.parent_port_no,
      onuId: d.proxy_address?.onu_id ?? 0,
      serialNumber: d.serial_number,
      vendor: d.vendor,
      model: d.model,
      firmwareVersion: d.firmware_version,
      adminState: d.admin_state,
      operStatus: d.oper_status,
      connectStatus: d.connect_status,
    };
  }

  private async devices() {
    return (await this.v<{ items: Device[] }>("ListDevices", {})).items;
  }

  async listOlts() {
    return (await this.devices()).filter((d) => d.root).map(VolthaClient.olt);
  }
  async getOlt(id: string) {
    return VolthaClient.olt(await this.v<Device>("GetDevice", { id }, `OLT ${id}`));
  }
  async preprovisionOlt(input: { hostAndPort: string; type?: string }) {
    const device = await this.v<Device>("CreateDevice", {
      type: input.type ?? "openolt",
      host_and_port: input.hostAndPort,
    });
    return VolthaClient.olt(device);
  }
  async enableDevice(id: string) {
    await this.v("EnableDevice", { id }, `device ${id}`);
  }
  async disableDevice(id: string) {
    await this.v("DisableDevice", { id }, `device ${id}`);
  }
  async rebootDevice(id: string) {
    await this.v("RebootDevice", { id }, `device ${id}`);
  }
  async deleteDevice(id: string) {
    await this.v("DeleteDevice", { id }, `device ${id}`);
  }
  async listPorts(deviceId: string): Promise<OltPortInfo[]> {
    const ports = (await this.v<{ items: Port[] }>("ListDevicePorts", { id: deviceId }, `device ${deviceId}`)).items;
    return ports.map((p) => ({
      portNo: p.port_no,
      label: p.label,
      type: p.type,
      adminState: p.admin_state,
      operStatus: p.oper_status,
    }));
  }
  async listOnus(oltId: string) {
    return (await this.devices()).filter((d) => !d.root && d.parent_id === oltId).map(VolthaClient.onu);
  }
  async getOnu(id: string) {
    return VolthaClient.onu(await this.v<Device>("GetDevice", { id }, `ONU ${id}`));
  }
  async preprovisionOnu(input: { oltId: string; ponPortNo: number; serialNumber: string }) {
    const device = await this.v<Device>("CreateDevice", {
      type: "brcm_openomci_onu",
      parent_id: input.oltId,
      parent_port_no: input.ponPortNo,
      serial_number: input.serialNumber,
      root: false,
    });
    return VolthaClient.onu(device);
  }
  private serialRequest(input: { oltId: string; ponPortNo: number; serialNumber: string }) {
    return {
      olt_device_id: { id: input.oltId },
      port: { port_no: input.ponPortNo, type: "PON_OLT" },
      serial_number: input.serialNumber,
    };
  }
  async enableOnu(input: { oltId: string; ponPortNo: number; serialNumber: string }) {
    await this.v("EnableOnuSerialNumber", this.serialRequest(input), `ONU ${input.serialNumber}`);
  }
  async disableOnu(input: { oltId: string; ponPortNo: number; serialNumber: string }) {
    await this.v("DisableOnuSerialNumber", this.serialRequest(input), `ONU ${input.serialNumber}`);
  }

  async setBandwidthProfile(input: { serialNumber: string; upstream: BandwidthProfile; downstream: BandwidthProfile }) {
    if (!this.options.onosUrl)
      throw invalid("Bandwidth profiles are applied through ONOS (SADIS): set the ONOS URL of the VOLTHA integration");
    const entries = [input.upstream, input.downstream].map((p) => ({
      id: p.id,
      cir: p.cir,
      cbs: p.cbs,
      eir: p.eir,
      ebs: p.ebs,
      air: p.air,
    }));
    const body = {
      apps: {
        "org.opencord.sadis": {
          bandwidthprofile: { integration: { cache: { enabled: false } }, entries },
          sadis: {
            entries: [
              {
                id: `${input.serialNumber}-1`,
                uniTagList: [
                  { upstreamBandwidthProfile: input.upstream.id, downstreamBandwidthProfile: input.downstream.id },
                ],
              },
            ],
          },
        },
      },
    };
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (this.options.onosUser)
      headers.authorization = `Basic ${Buffer.from(`${this.options.onosUser}:${this.options.onosPassword ?? ""}`).toString("base64")}`;
    let res: Response;
    try {
      res = await fetch(new URL("/onos/v1/network/configuration/", this.options.onosUrl), {
        method: "POST",
        headers,
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      const timedOut = (error as Error).name === "TimeoutError";
      throw externalFailure("ONOS", timedOut ? "timeout" : "error", (error as Error).message);
    }
    if (!res.ok)
      throw externalFailure("ONOS", res.status >= 500 ? "error" : "nak", `network configuration: HTTP ${res.status}`);
  }

  async getOptics(onuDeviceId: string): Promise<OpticalLevels> {
    const res = await this.call<{
      response: {
        status: string;
        errReason: string;
        onuOpticalInfo?: {
          receivedOpticalPower: number;
          meanOpticalLaunchPower: number;
          temperature: number;
          laserBiasCurrent: number;
        };
      };
    }>(
      this.extension,
      "GetExtValue",
      { targetId: onuDeviceId, request: { onuOpticalInfo: { empty: {} } } },
      `ONU ${onuDeviceId}`,
    );
    const info = res.response?.onuOpticalInfo;
    if (res.response?.status !== "OK" || !info) {
      const reason = res.response?.errReason ?? "REASON_UNDEFINED";
      if (reason === "INVALID_DEVICE_ID" || reason === "INVALID_DEVICE")
        throw externalFailure("VOLTHA", "not_found", `ONU ${onuDeviceId}`);
      throw externalFailure("VOLTHA", reason === "TIMEOUT" ? "timeout" : "error", `optical info: ${reason}`);
    }
    const round = (n: number) => Math.round(n * 100) / 100;
    return {
      rxDbm: round(info.receivedOpticalPower),
      txDbm: round(info.meanOpticalLaunchPower),
      temperatureC: round(info.temperature),
      biasCurrentMa: round(info.laserBiasCurrent),
      readAt: new Date(),
    };
  }

  async downloadFirmware(deviceId: string, input: { version: string; url?: string }) {
    const res = await this.v<{ code: string; additional_info: string }>(
      "DownloadImage",
      { id: deviceId, name: `image-${input.version}`, url: input.url ?? "", image_version: input.version },
      `device ${deviceId}`,
    );
    if (res.code !== "OPERATION_SUCCESS" && res.code !== "OPERATION_IN_PROGRESS")
      throw externalFailure("VOLTHA", "nak", `image download: ${res.code} ${res.additional_info}`);
  }

  async testConnection() {
    try {
      const olts = await this.listOlts();
      return { ok: true, message: `VOLTHA at ${this.options.address} answers (${olts.length} OLTs)` };
    } catch (error) {
      return { ok: false, message: (error as Error).message };
    }
  }
}
