// The ACS port over the GenieACS 1.2 NBI (HTTP on port 7557), held to GenieACS's lib/nbi.ts
// (simulator/genieacs/README.md says where each behaviour was checked): devices by MongoDB-style
// query and projection; tasks with connection_request and ?timeout= (200 = done; 202 = faulted
// or queued, the reason in the status line; 404 = no such device); presets, files and faults.
// GenieACS's worker crashes on a task it cannot sanitize, a malformed task id or a retry of a
// missing task, so those are checked here before anything is sent. GenieACS also skips, without
// a fault, values the CPE does not offer as writable: setParameters reads back what was written.
import { externalFailure } from "@/server/adapters/errors";
import { invalid } from "@/server/errors";
import { guardedFetch } from "@/server/outbound-http";
import {
  type AcsAdapter,
  type AcsDevice,
  type AcsFaultInfo,
  type AcsFileInfo,
  type AcsPreset,
  DIAGNOSTIC_PATHS,
  type DiagnosticKind,
  type ParamValue,
  type TaskOutcome,
} from "./port";

export type GenieAcsOptions = { baseUrl: string; timeoutMs?: number; username?: string; password?: string };

type Doc = Record<string, unknown>;

/** Flattens a GenieACS device document's parameter tree into path → value. */
export function flattenParameters(doc: Doc, prefix = ""): Record<string, ParamValue> {
  const out: Record<string, ParamValue> = {};
  for (const [key, node] of Object.entries(doc)) {
    if (key.startsWith("_") || typeof node !== "object" || node === null) continue;
    const path = prefix ? `${prefix}.${key}` : key;
    const n = node as Doc;
    if ("_value" in n) {
      out[path] = {
        value: n._value as string | number | boolean,
        type: String(n._type ?? "xsd:string"),
        writable: Boolean(n._writable),
        timestamp: n._timestamp ? new Date(String(n._timestamp)) : null,
      };
    } else Object.assign(out, flattenParameters(n, path));
  }
  return out;
}

/** A task GenieACS's sanitizeTask() accepts (lib/api-functions.ts); anything else crashes its worker. */
function checkTask(task: Doc) {
  const value = (p: unknown) =>
    Array.isArray(p) &&
    p.length >= 2 &&
    typeof p[0] === "string" &&
    p[0].length > 0 &&
    ["string", "boolean", "number"].includes(typeof p[1]) &&
    (p[2] == null || typeof p[2] === "string");
  const names = task.parameterNames as unknown[] | undefined;
  const values = task.parameterValues as unknown[] | undefined;
  if (task.name === "getParameterValues" && !(names?.length && names.every((n) => typeof n === "string" && n)))
    throw invalid("Name at least one parameter to read");
  if (task.name === "setParameterValues" && !(values?.length && values.every(value)))
    throw invalid("Give at least one [parameter, value, type] to set, with a string, number or boolean value");
  if (task.name === "download" && !(task.fileType && task.fileName))
    throw invalid("A download needs a file type and name");
}

const OBJECT_ID = /^[0-9a-f]{24}$/i;
function checkTaskId(taskId: string) {
  if (!OBJECT_ID.test(taskId)) throw invalid(`"${taskId}" is not a GenieACS task id`);
}

function toDevice(doc: Doc): AcsDevice {
  const id = (doc._deviceId ?? {}) as Doc;
  return {
    id: String(doc._id),
    serialNumber: String(id._SerialNumber ?? ""),
    oui: String(id._OUI ?? ""),
    productClass: String(id._ProductClass ?? ""),
    manufacturer: String(id._Manufacturer ?? ""),
    lastInform: doc._lastInform ? new Date(String(doc._lastInform)) : null,
    tags: Array.isArray(doc._tags) ? (doc._tags as string[]) : [],
  };
}

export class GenieAcsClient implements AcsAdapter {
  readonly kind = "genieacs" as const;
  private readonly timeoutMs: number;

  constructor(private readonly options: GenieAcsOptions) {
    this.timeoutMs = options.timeoutMs ?? 15_000;
  }

  private async request(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
    what = "resource",
  ) {
    const h: Record<string, string> = { ...headers };
    if (body !== undefined && !(body instanceof Uint8Array)) h["content-type"] = "application/json";
    if (this.options.username)
      h.authorization = `Basic ${Buffer.from(`${this.options.username}:${this.options.password ?? ""}`).toString("base64")}`;
    let res: Response;
    try {
      // The ACS address is tenant-supplied: guarded against private destinations (SSRF).
      res = await guardedFetch(
        new URL(path, this.options.baseUrl.endsWith("/") ? this.options.baseUrl : `${this.options.baseUrl}/`),
        {
          method,
          headers: h,
          body:
            body === undefined
              ? undefined
              : body instanceof Uint8Array
                ? (body as unknown as BodyInit)
                : JSON.stringify(body),
          timeoutMs: this.timeoutMs,
        },
      );
    } catch (error) {
      const e = error as Error;
      if (e.name === "TimeoutError")
        throw externalFailure("GenieACS", "timeout", `${method} ${path.split("?")[0]} after ${this.timeoutMs} ms`);
      throw externalFailure("GenieACS", "error", `${method} ${path.split("?")[0]}: ${e.message}`);
    }
    if (res.status === 404) throw externalFailure("GenieACS", "not_found", what);
    // 503 "Device is in session": the CPE is busy with the ACS; worth trying again.
    if (res.status === 503)
      throw externalFailure(
        "GenieACS",
        "error",
        `${method} ${path.split("?")[0]}: Device is in session with the ACS (HTTP 503)`,
      );
    if (res.status >= 500)
      throw externalFailure(
        "GenieACS",
        "error",
        // The answer's body is not repeated: the address may not be the ACS it claims to be.
        `${method} ${path.split("?")[0]}: HTTP ${res.status}`,
      );
    if (res.status >= 400)
      throw externalFailure("GenieACS", "nak", `${method} ${path.split("?")[0]}: HTTP ${res.status}`);
    return res;
  }

  private static dev(id: string) {
    // Device ids already carry %-escapes; the URL path needs them escaped again.
    return encodeURIComponent(id);
  }

  async listDevices(input: { serialNumber?: string; search?: string; skip?: number; limit?: number }) {
    const query: Doc = {};
    if (input.serialNumber) query["_deviceId._SerialNumber"] = input.serialNumber;
    if (input.search) query._id = { $regex: input.search.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), $options: "i" };
    const params = new URLSearchParams({
      query: JSON.stringify(query),
      projection: "_id,_deviceId,_lastInform,_tags",
      skip: String(input.skip ?? 0),
      limit: String(input.limit ?? 50),
      sort: JSON.stringify({ _id: 1 }),
    });
    const res = await this.request("GET", `devices/?${params}`);
    const rows = ((await res.json()) as Doc[]).map(toDevice);
    return { rows, total: Number(res.headers.get("total") ?? rows.length) };
  }

  async listDeviceValues(names: string[], page: { skip: number; limit: number }) {
    const params = new URLSearchParams({
      query: "{}",
      projection: ["_id", "_deviceId._SerialNumber", ...names].join(","),
      skip: String(page.skip),
      limit: String(page.limit),
      sort: JSON.stringify({ _id: 1 }),
    });
    const res = await this.request("GET", `devices/?${params}`);
    const docs = (await res.json()) as Doc[];
    const rows = docs.map((doc) => {
      const flat = flattenParameters(doc);
      const values: Record<string, string | number | boolean> = {};
      for (const n of names) if (flat[n]) values[n] = flat[n].value;
      return { id: String(doc._id), serialNumber: toDevice(doc).serialNumber, values };
    });
    return { rows, total: Number(res.headers.get("total") ?? rows.length) };
  }

  private async document(id: string, projection?: string) {
    const params = new URLSearchParams({ query: JSON.stringify({ _id: id }) });
    if (projection) params.set("projection", projection);
    const res = await this.request("GET", `devices/?${params}`);
    const [doc] = (await res.json()) as Doc[];
    if (!doc) throw externalFailure("GenieACS", "not_found", `device ${id}`);
    return doc;
  }

  async getDevice(id: string) {
    const doc = await this.document(id);
    return { ...toDevice(doc), parameters: flattenParameters(doc) };
  }

  /**
   * Queues a task and asks the CPE to connect now. `timeout` is how long GenieACS waits for the
   * CPE's session to start (after the connection request, before the session runs), so it is a
   * third of our deadline: the session itself needs the rest.
   */
  private async task(id: string, task: Doc): Promise<TaskOutcome> {
    checkTask(task);
    const wait = Math.max(1000, Math.floor(this.timeoutMs / 3));
    const res = await this.request(
      "POST",
      `devices/${GenieAcsClient.dev(id)}/tasks?connection_request&timeout=${wait}`,
      task,
      {},
      `device ${id}`,
    );
    const body = (await res.json().catch(() => ({}))) as Doc;
    const taskId = body._id ? String(body._id) : null;
    if (res.status === 200) return { status: "done", taskId };
    // GenieACS says why in the status line: "Task faulted", "Task queued but not processed", or
    // why the connection request failed ("Device is offline", "Connection request error: …").
    const reason = res.statusText;
    if (reason === "Task faulted" && taskId) {
      const [fault] = await this.faults({ _id: `${id}:task_${taskId}` });
      return { status: "faulted", taskId, fault: fault ? `${fault.code}: ${fault.message}` : reason, reason };
    }
    return { status: "queued", taskId, reason };
  }

  async getParameters(id: string, names: string[]) {
    const outcome = await this.task(id, { name: "getParameterValues", parameterNames: names });
    const doc = await this.document(id, names.join(","));
    const values = flattenParameters(doc);
    return { outcome, values };
  }
  /** Sets values, then reads them back: GenieACS skips a value the CPE does not offer as writable. */
  async setParameters(id: string, values: [string, string | number | boolean, string][]) {
    const outcome = await this.task(id, { name: "setParameterValues", parameterValues: values });
    if (outcome.status !== "done") return outcome;
    const now = flattenParameters(await this.document(id, values.map(([path]) => path).join(",")));
    const skipped = values.filter(([path, value]) => !now[path] || String(now[path].value) !== String(value));
    if (!skipped.length) return outcome;
    return {
      ...outcome,
      status: "faulted" as const,
      fault: `GenieACS did not write ${skipped.map(([path]) => path).join(", ")}: the CPE does not offer ${skipped.length > 1 ? "them" : "it"} as writable`,
    };
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
  /** The file must be on the ACS: the CPE fetches it from there (and fails late if it is not). */
  async downloadFirmware(id: string, fileName: string) {
    const params = new URLSearchParams({ query: JSON.stringify({ _id: fileName }), projection: "_id" });
    const res = await this.request("GET", `files/?${params}`);
    if (!((await res.json()) as Doc[]).length)
      throw externalFailure("GenieACS", "not_found", `Firmware file "${fileName}" (upload it to the ACS first)`);
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
  async readDiagnostic(id: string, kind: DiagnosticKind) {
    const base = DIAGNOSTIC_PATHS[kind];
    await this.task(id, { name: "refreshObject", objectName: base });
    const doc = await this.document(id, base);
    const results: Record<string, string | number | boolean> = {};
    for (const [path, p] of Object.entries(flattenParameters(doc)))
      if (path.startsWith(`${base}.`)) results[path.slice(base.length + 1)] = p.value;
    return { state: String(results.DiagnosticsState ?? "None"), results };
  }

  async listPresets() {
    const res = await this.request("GET", "presets/");
    return ((await res.json()) as Doc[]).map(
      (p): AcsPreset => ({
        name: String(p._id),
        weight: Number(p.weight ?? 0),
        channel: String(p.channel ?? "default"),
        events: (p.events ?? {}) as Record<string, boolean>,
        precondition: String(p.precondition ?? ""),
        configurations: (p.configurations ?? []) as unknown[],
      }),
    );
  }
  async putPreset(preset: AcsPreset) {
    const { name, ...body } = preset;
    await this.request("PUT", `presets/${encodeURIComponent(name)}`, body);
  }
  async deletePreset(name: string) {
    await this.request("DELETE", `presets/${encodeURIComponent(name)}`, undefined, {}, `preset ${name}`);
  }
  async listFiles(): Promise<AcsFileInfo[]> {
    const res = await this.request("GET", "files/");
    return ((await res.json()) as Doc[]).map((f) => {
      const m = (f.metadata ?? {}) as Doc;
      return {
        name: String(f._id),
        fileType: String(m.fileType ?? ""),
        oui: String(m.oui ?? ""),
        productClass: String(m.productClass ?? ""),
        version: String(m.version ?? ""),
        length: Number(f.length ?? 0),
      };
    });
  }
  async putFile(file: Omit<AcsFileInfo, "length">, content: Uint8Array) {
    await this.request("PUT", `files/${encodeURIComponent(file.name)}`, content, {
      fileType: file.fileType,
      oui: file.oui,
      productClass: file.productClass,
      version: file.version,
    });
  }
  listFaults(deviceId?: string): Promise<AcsFaultInfo[]> {
    return this.faults(deviceId ? { device: deviceId } : {});
  }
  private async faults(query: Doc): Promise<AcsFaultInfo[]> {
    const params = new URLSearchParams({ query: JSON.stringify(query) });
    const res = await this.request("GET", `faults/?${params}`);
    return ((await res.json()) as Doc[]).map((f) => ({
      id: String(f._id),
      device: String(f.device),
      channel: String(f.channel),
      code: String(f.code),
      message: String(f.message),
      retries: Number(f.retries ?? 0),
      timestamp: new Date(String(f.timestamp)),
    }));
  }
  async deleteTask(taskId: string) {
    checkTaskId(taskId);
    await this.request("DELETE", `tasks/${taskId}`, undefined, {}, `Task ${taskId}`);
  }
  /** Retrying a task GenieACS does not hold crashes its worker: look first. */
  async retryTask(taskId: string) {
    checkTaskId(taskId);
    const params = new URLSearchParams({ query: JSON.stringify({ _id: taskId }), projection: "_id" });
    const found = (await (await this.request("GET", `tasks/?${params}`)).json()) as Doc[];
    if (!found.length) throw externalFailure("GenieACS", "not_found", `Task ${taskId}`);
    await this.request("POST", `tasks/${taskId}/retry`, undefined, {}, `Task ${taskId}`);
  }
  async testConnection() {
    try {
      const params = new URLSearchParams({ query: "{}", projection: "_id", limit: "1" });
      const res = await this.request("GET", `devices/?${params}`);
      const version = res.headers.get("genieacs-version");
      if (version && !/^1\.2\./.test(version))
        return { ok: false, message: `GenieACS ${version} at ${this.options.baseUrl}: FiberOps supports GenieACS 1.2` };
      return {
        ok: true,
        message: `GenieACS ${version ?? "NBI"} at ${this.options.baseUrl} answers (${res.headers.get("total") ?? "?"} devices)`,
      };
    } catch (error) {
      return { ok: false, message: (error as Error).message };
    }
  }
}
