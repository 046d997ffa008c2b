// The OLT port over VOLTHA's gRPC northbound (voltha.VolthaService + extension.Extension),
// using our own .proto subset of voltha-protos 5.7 (server/adapters/olt/protos), held to voltha-go 3.7
// (rw_core) and its openolt/openonu adapters (simulator/voltha/README.md says where each
// behaviour was checked):
// - CreateDevice makes root devices only and refuses a second device at the same host:port
//   (gRPC UNKNOWN), so an OLT already there is adopted; ONUs cannot be pre-provisioned at all:
//   VOLTHA creates them when the OLT detects them;
// - EnableDevice answers at once with ACTIVATING; we wait for the adapter to report ACTIVE;
// - enabling what is enabled, or disabling what is disabled, is FAILED_PRECONDITION: taken as done;
// - VOLTHA never upgrades OLT firmware; ONU images go through DownloadImageToDevice from an
//   http:// URL the ONU adapter fetches.
// Bandwidth profiles live in ONOS (SADIS), so they go to ONOS's network-configuration REST API
// when an ONOS URL is configured.
import * as grpc from "@grpc/grpc-js";
import { externalFailure } from "@/server/adapters/errors";
import { loadVolthaProtos } from "@/server/adapters/olt/protos/load";
import { DomainError, invalid } from "@/server/errors";
import { assertAllowedDestination, guardedFetch, OutboundRefused } from "@/server/outbound-http";
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
  reason: string;
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
  /** Null when the address may be reached; else the refusal every call throws. */
  private readonly destination: Promise<Error | null>;

  constructor(private readonly options: VolthaClientOptions) {
    const pkg = loadVolthaProtos();
    const credentials = grpc.credentials.createInsecure();
    const address = options.address.replace(/^grpc:\/\//, "");
    this.voltha = new pkg.voltha.VolthaService(address, credentials) as grpc.Client & Record<string, Rpc>;
    this.extension = new pkg.extension.Extension(address, credentials) as grpc.Client & Record<string, Rpc>;
    this.timeoutMs = options.timeoutMs ?? 10_000;
    // The address is tenant-supplied (SSRF): every call waits for its resolved addresses to be
    // allowed (gRPC connects on its own, so the check runs before the first call).
    const host = address.replace(/:\d+$/, "");
    this.destination = assertAllowedDestination(host).then(
      () => null,
      (error: unknown) => (error instanceof OutboundRefused ? externalFailure("VOLTHA", "error", error.message) : null),
    );
  }

  close() {
    this.voltha.close();
    this.extension.close();
  }

  /** A call whose FAILED_PRECONDITION matching `done` means the device is already as asked. */
  private async idempotent(method: string, request: unknown, what: string, done: RegExp) {
    try {
      await this.v(method, request, what);
    } catch (error) {
      if (error instanceof DomainError && error.details?.kind === "nak" && done.test(error.message)) return;
      throw error;
    }
  }

  private async call<T>(client: Record<string, Rpc>, method: string, request: unknown, what: string): Promise<T> {
    const refused = await this.destination;
    if (refused) throw refused;
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
  /** CreateDevice, or the OLT VOLTHA already has at that address (it refuses a second one). */
  async preprovisionOlt(input: { hostAndPort: string; type?: string }) {
    const m = /^([A-Za-z0-9.-]+):(\d{1,5})$/.exec(input.hostAndPort.trim());
    if (!m || Number(m[2]) < 1 || Number(m[2]) > 65535)
      throw invalid(`"${input.hostAndPort}" is not an OLT address like 10.0.0.1:9191 (host:port)`);
    const hostAndPort = input.hostAndPort.trim();
    const existing = async () => (await this.devices()).find((d) => d.root && d.host_and_port === hostAndPort);
    const found = await existing();
    if (found) return VolthaClient.olt(found);
    try {
      return VolthaClient.olt(
        await this.v<Device>("CreateDevice", { type: input.type ?? "openolt", host_and_port: hostAndPort }),
      );
    } catch (error) {
      const raced = /already pre-provisioned/.test((error as Error).message) ? await existing() : undefined;
      if (raced) return VolthaClient.olt(raced);
      throw error;
    }
  }
  /**
   * EnableDevice, then the wait for the adapter: VOLTHA answers with the device ACTIVATING and
   * the adapter reports it ACTIVE (or FAILED) once it has reached it.
   */
  async enableDevice(id: string) {
    await this.idempotent("EnableDevice", { id }, `device ${id}`, /already-enabled/);
    const deadline = Date.now() + this.timeoutMs;
    for (;;) {
      const d = await this.v<Device>("GetDevice", { id }, `device ${id}`);
      if (d.oper_status === "ACTIVE") return;
      if (d.oper_status === "FAILED")
        throw externalFailure("VOLTHA", "error", `device ${id} failed to activate${d.reason ? `: ${d.reason}` : ""}`);
      if (Date.now() > deadline)
        throw externalFailure(
          "VOLTHA",
          "timeout",
          `device ${id} is still ${d.oper_status} (connect status ${d.connect_status}) after ${this.timeoutMs} ms; check that VOLTHA reaches it${d.host_and_port ? ` at ${d.host_and_port}` : ""}`,
        );
      await new Promise((r) => setTimeout(r, Math.min(200, Math.max(20, this.timeoutMs / 20))));
    }
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
  /** VOLTHA has no ONU pre-provisioning: the ONU is the one the OLT discovered, or none yet. */
  async preprovisionOnu(input: { oltId: string; ponPortNo: number; serialNumber: string }) {
    const onu = (await this.devices()).find(
      (d) => !d.root && d.parent_id === input.oltId && d.serial_number === input.serialNumber,
    );
    if (!onu)
      throw externalFailure(
        "VOLTHA",
        "not_found",
        `ONU ${input.serialNumber} on OLT ${input.oltId} (VOLTHA creates an ONU when its OLT detects it on the fibre: check that it is connected and powered)`,
      );
    return VolthaClient.onu(onu);
  }
  private serialRequest(input: { oltId: string; ponPortNo: number; serialNumber: string }) {
    return {
      olt_device_id: { id: input.oltId },
      port: { port_no: input.ponPortNo, type: "PON_OLT" },
      serial_number: input.serialNumber,
    };
  }
  async enableOnu(input: { oltId: string; ponPortNo: number; serialNumber: string }) {
    await this.idempotent(
      "EnableOnuSerialNumber",
      this.serialRequest(input),
      `ONU ${input.serialNumber}`,
      /device-already-enabled/,
    );
  }
  async disableOnu(input: { oltId: string; ponPortNo: number; serialNumber: string }) {
    await this.idempotent(
      "DisableOnuSerialNumber",
      this.serialRequest(input),
      `ONU ${input.serialNumber}`,
      /device-already-disabled/,
    );
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
    await this.onos("POST", body, "network configuration");
  }

  /** ONOS's network-configuration REST API (where SADIS keeps the bandwidth profiles). */
  private async onos(method: "GET" | "POST", body: unknown, doing: string): Promise<unknown> {
    if (!this.options.onosUrl)
      throw invalid(
        "Bandwidth profiles are read and applied through ONOS (SADIS): set the ONOS URL of the VOLTHA integration",
      );
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (this.options.onosUser)
      headers.authorization = `Basic ${Buffer.from(`${this.options.onosUser}:${this.options.onosPassword ?? ""}`).toString("base64")}`;
    const path =
      method === "GET" ? "/onos/v1/network/configuration/apps/org.opencord.sadis" : "/onos/v1/network/configuration/";
    let res: Response;
    try {
      res = await guardedFetch(new URL(path, this.options.onosUrl), {
        method,
        headers,
        body: method === "POST" ? JSON.stringify(body) : undefined,
        timeoutMs: this.timeoutMs,
      });
    } catch (error) {
      const timedOut = (error as Error).name === "TimeoutError";
      throw externalFailure("ONOS", timedOut ? "timeout" : "error", (error as Error).message);
    }
    if (!res.ok) throw externalFailure("ONOS", res.status >= 500 ? "error" : "nak", `${doing}: HTTP ${res.status}`);
    return method === "GET" ? res.json() : null;
  }

  /** SADIS entries `<serial>-1` name the UNI's profiles; the profiles themselves are listed beside them. */
  async listBandwidthProfiles() {
    const config = (await this.onos("GET", undefined, "SADIS configuration")) as {
      sadis?: {
        entries?: Array<{
          id: string;
          uniTagList?: Array<{ upstreamBandwidthProfile?: string; downstreamBandwidthProfile?: string }>;
        }>;
      };
      bandwidthprofile?: { entries?: BandwidthProfile[] };
    };
    const profiles = new Map((config.bandwidthprofile?.entries ?? []).map((p) => [p.id, p]));
    const out = new Map<string, { upstream: BandwidthProfile; downstream: BandwidthProfile }>();
    for (const entry of config.sadis?.entries ?? []) {
      const tag = entry.uniTagList?.[0];
      const upstream = tag?.upstreamBandwidthProfile ? profiles.get(tag.upstreamBandwidthProfile) : undefined;
      const downstream = tag?.downstreamBandwidthProfile ? profiles.get(tag.downstreamBandwidthProfile) : undefined;
      if (upstream && downstream) out.set(entry.id.replace(/-\d+$/, ""), { upstream, downstream });
    }
    return out;
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
      if (reason === "INVALID_DEVICE_ID") throw externalFailure("VOLTHA", "not_found", `ONU ${onuDeviceId}`);
      if (reason === "UNSUPPORTED" || reason === "INVALID_DEVICE")
        throw externalFailure(
          "VOLTHA",
          "nak",
          `device ${onuDeviceId} has no optical levels to read (${reason}); it is not an ONU`,
        );
      // The ONU adapter reads the levels with an OMCI self test, which times out on a dark ONU.
      if (reason === "TIMEOUT")
        throw externalFailure("VOLTHA", "timeout", `the ONU did not answer the optical self test (is it dark?)`);
      throw externalFailure("VOLTHA", "error", `optical info: ${reason}`);
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

  /**
   * An ONU image: the ONU adapter fetches it from `url` (http only), then activates and commits
   * it. VOLTHA refuses OLT images ("Use Device Manager or other means"), so they are refused here.
   */
  async downloadFirmware(deviceId: string, input: { version: string; url?: string }) {
    const device = await this.v<Device>("GetDevice", { id: deviceId }, `device ${deviceId}`);
    if (device.root)
      throw externalFailure(
        "VOLTHA",
        "nak",
        "VOLTHA does not upgrade OLT firmware; upgrade the OLT with its vendor's device manager",
      );
    if (!input.url) throw invalid("Give the http:// URL the ONU adapter fetches the image from");
    if (!/^http:\/\//.test(input.url)) throw invalid("The ONU adapter fetches images over http:// only");
    const res = await this.v<{
      device_image_states: { device_id: string; imageState: { download_state: string; reason: string } }[];
    }>(
      "DownloadImageToDevice",
      {
        device_id: [{ id: deviceId }],
        image: { name: `onu-image-${input.version}`, version: input.version, url: input.url },
        activateOnSuccess: true,
        commitOnSuccess: true,
      },
      `device ${deviceId}`,
    );
    const state = res.device_image_states.find((s) => s.device_id === deviceId)?.imageState;
    if (!state || state.download_state === "DOWNLOAD_FAILED" || state.download_state === "DOWNLOAD_UNSUPPORTED")
      throw externalFailure(
        "VOLTHA",
        state?.reason === "DEVICE_BUSY" ? "error" : "nak",
        `the ONU image download failed: ${state ? `${state.download_state} (${state.reason})` : "no answer for the ONU"}`,
      );
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
