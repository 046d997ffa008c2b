// The ACS port over the in-process network simulator: the same task semantics as the
// GenieACS NBI (done when the CPE answers the connection request, queued when it is offline).

import {
  type AcsAdapter,
  type AcsDevice,
  type AcsPreset,
  DIAGNOSTIC_PATHS,
  type DiagnosticKind,
  type ParamValue,
  type TaskOutcome,
} from "@/server/adapters/acs/port";
import { simCall } from "@/simulator/network/faults";
import type { NetworkSimulator, SimCpe } from "@/simulator/network/state";

function toDevice(c: SimCpe): AcsDevice {
  return {
    id: c.deviceId,
    serialNumber: c.serialNumber,
    oui: c.oui,
    productClass: c.productClass,
    manufacturer: c.manufacturer,
    lastInform: new Date(c.lastInform),
    tags: [...c.tags],
  };
}

function params(c: SimCpe, prefix = ""): Record<string, ParamValue> {
  const out: Record<string, ParamValue> = {};
  for (const [path, p] of c.params)
    if (path.startsWith(prefix))
      out[path] = { value: p.value, type: p.type, writable: p.writable, timestamp: new Date(p.timestamp) };
  return out;
}

export class SimulatedAcsAdapter implements AcsAdapter {
  readonly kind = "simulator" as const;
  constructor(private readonly sim: NetworkSimulator) {}

  private task(id: string, task: Record<string, unknown>): Promise<TaskOutcome> {
    return simCall("GenieACS", () => {
      const r = this.sim.runTask(id, task, true);
      return { status: r.status, taskId: r.status === "done" ? null : r.task._id, fault: r.fault?.message };
    });
  }

  listDevices(input: { serialNumber?: string; search?: string; skip?: number; limit?: number }) {
    return simCall("GenieACS", () => {
      this.sim.checkFault("acs.list");
      let all = [...this.sim.cpes.values()];
      if (input.serialNumber) all = all.filter((c) => c.serialNumber === input.serialNumber);
      if (input.search) {
        const q = input.search.toLowerCase();
        all = all.filter((c) => c.deviceId.toLowerCase().includes(q) || c.serialNumber.toLowerCase().includes(q));
      }
      const skip = input.skip ?? 0;
      return { rows: all.slice(skip, skip + (input.limit ?? 50)).map(toDevice), total: all.length };
    });
  }
  getDevice(id: string) {
    return simCall("GenieACS", () => {
      const c = this.sim.getCpe(id);
      return { ...toDevice(c), parameters: params(c) };
    });
  }
  listDeviceValues(names: string[], page: { skip: number; limit: number }) {
    return simCall("GenieACS", () => {
      this.sim.checkFault("acs.list");
      // In registration order, which is stable from page to page.
      const all = [...this.sim.cpes.values()];
      const rows = all.slice(page.skip, page.skip + page.limit).map((c) => {
        const values: Record<string, string | number | boolean> = {};
        for (const n of names) {
          const p = c.params.get(n);
          if (p) values[n] = p.value;
        }
        return { id: c.deviceId, serialNumber: c.serialNumber, values };
      });
      return { rows, total: all.length };
    });
  }
  async getParameters(id: string, names: string[]) {
    const outcome = await this.task(id, { name: "getParameterValues", parameterNames: names });
    const c = this.sim.getCpe(id);
    const values: Record<string, ParamValue> = {};
    for (const n of names) Object.assign(values, params(c, n));
    return { outcome, values };
  }
  setParameters(id: string, values: [string, string | number | boolean, string][]) {
    return this.task(id, { name: "setParameterValues", parameterValues: values });
  }
  refresh(id: string, objectName: string) {
    return this.task(id, { name: "refreshObject", objectName });
  }
  reboot(id: string) {
    return this.task(id, { name: "reboot" });
  }
  factoryReset(id: string) {
    return this.task(id, { name: "factoryReset" });
  }
  downloadFirmware(id: string, fileName: string) {
    return this.task(id, { name: "download", fileType: "1 Firmware Upgrade Image", fileName });
  }
  startDiagnostic(id: string, kind: DiagnosticKind, input: Record<string, string | number>) {
    const base = DIAGNOSTIC_PATHS[kind];
    const values: [string, string | number, string][] = Object.entries(input).map(([k, v]) => [
      `${base}.${k}`,
      v,
      typeof v === "number" ? "xsd:unsignedInt" : "xsd:string",
    ]);
    values.push([`${base}.DiagnosticsState`, "Requested", "xsd:string"]);
    return this.task(id, { name: "setParameterValues", parameterValues: values });
  }
  readDiagnostic(id: string, kind: DiagnosticKind) {
    return simCall("GenieACS", () => {
      const all = params(this.sim.getCpe(id), `${DIAGNOSTIC_PATHS[kind]}.`);
      const results: Record<string, string | number | boolean> = {};
      for (const [path, p] of Object.entries(all)) results[path.slice(DIAGNOSTIC_PATHS[kind].length + 1)] = p.value;
      return { state: String(results.DiagnosticsState ?? "None"), results };
    });
  }
  listPresets() {
    return simCall("GenieACS", () =>
      [...this.sim.presets.values()].map(
        (p): AcsPreset => ({
          name: p._id,
          weight: p.weight,
          channel: p.channel,
          events: p.events,
          precondition: p.precondition,
          configurations: p.configurations,
        }),
      ),
    );
  }
  putPreset(preset: AcsPreset) {
    return simCall("GenieACS", () => this.sim.putPreset({ _id: preset.name, ...preset }));
  }
  deletePreset(name: string) {
    return simCall("GenieACS", () => void this.sim.presets.delete(name));
  }
  listFiles() {
    return simCall("GenieACS", () =>
      [...this.sim.files.values()].map((f) => ({
        name: f._id,
        fileType: f.metadata.fileType,
        oui: f.metadata.oui,
        productClass: f.metadata.productClass,
        version: f.metadata.version,
        length: f.length,
      })),
    );
  }
  putFile(
    file: { name: string; fileType: string; oui: string; productClass: string; version: string },
    content: Uint8Array,
  ) {
    return simCall("GenieACS", () =>
      this.sim.putFile({
        _id: file.name,
        length: content.byteLength,
        filename: file.name,
        uploadDate: new Date(this.sim.now()).toISOString(),
        metadata: { fileType: file.fileType, oui: file.oui, productClass: file.productClass, version: file.version },
      }),
    );
  }
  listFaults(deviceId?: string) {
    return simCall("GenieACS", () =>
      [...this.sim.acsFaults.values()]
        .filter((f) => !deviceId || f.device === deviceId)
        .map((f) => ({ ...f, id: f._id, timestamp: new Date(f.timestamp) })),
    );
  }
  deleteTask(taskId: string) {
    return simCall("GenieACS", () => void this.sim.tasks.delete(taskId));
  }
  retryTask(taskId: string) {
    return simCall("GenieACS", () => {
      for (const [id, f] of this.sim.acsFaults) if (f.channel === `task_${taskId}`) this.sim.acsFaults.delete(id);
    });
  }
  async testConnection() {
    try {
      const { total } = await this.listDevices({ limit: 1 });
      return { ok: true, message: `Simulated ACS answers (${total} devices)` };
    } catch (error) {
      return { ok: false, message: (error as Error).message };
    }
  }
}
