// A fake GenieACS 1.2 NBI (port 7557) over the shared network simulator, answering as
// lib/nbi.ts of GenieACS 1.2.16 does (README.md beside this file says where each behaviour was
// checked): the same routes and status codes, tasks with connection_request and ?timeout=
// (200 done; 202 "Task queued but not processed", "Task faulted" or the connection request's
// failure such as "Device is offline"), device queries with GenieACS's query expansion,
// projection, sort, skip/limit and the `total` header, faults as GenieACS stores them, presets
// and provisions. Where GenieACS's worker crashes on bad input (an invalid task, a malformed
// task id, retrying a missing task), the fake closes the connection without an answer too.
import type { IncomingMessage, ServerResponse } from "node:http";
import vm from "node:vm";
import { type FakeServer, hang, readBody, startHttp } from "@/simulator/network/http";
import { type NetworkSimulator, SimNotFound, SimulatedFault } from "@/simulator/network/state";

type Doc = Record<string, unknown>;

export const GENIEACS_FAKE_VERSION = "1.2.16";
/** DEVICE_ONLINE_THRESHOLD default (lib/config.ts): how long a task waits for the session without ?timeout=. */
const ONLINE_THRESHOLD_MS = 4000;

export type GenieAcsFakeOptions = {
  port?: number;
  /** Time from a connection request to the CPE's session (0: at once). */
  sessionDelayMs?: number;
};

// ------------------------------------------------------------------ queries (lib/query.ts)
const isObject = (v: unknown): v is Doc => Object.prototype.toString.call(v) === "[object Object]";

/** GenieACS's wildcard strings ("ABC*"); note it escapes only the first special character. */
function stringToRegexp(input: string, flags?: string): RegExp | false {
  if (!input.includes("*")) return false;
  let output = input.replace(/[[\]\\^$.|?+()]/, "\\$&");
  output = output[0] === "*" ? output.replace(/^\*+/g, "") : `^${output}`;
  output = output[output.length - 1] === "*" ? output.replace(/\*+$/g, "") : `${output}$`;
  output = output.replace(/[*]/, ".*");
  return new RegExp(output, flags);
}

/** The values a query string may stand for: itself, a /regex/, a number, a date, a wildcard. */
function normalize(input: unknown): unknown {
  if (typeof input !== "string") return input;
  const vals: unknown[] = [input];
  const m = /^\/(.*?)\/(g?i?m?y?)$/.exec(input);
  if (m) vals.push({ $regex: new RegExp(m[1], m[2]) });
  if (+input === Number.parseFloat(input)) vals.push(+input);
  const d = new Date(input);
  if (input.length >= 8 && d.getFullYear() > 1983) vals.push(d);
  const r = stringToRegexp(input);
  if (r !== false) vals.push({ $regex: r });
  return vals;
}

const EXPAND_OPS = new Set(["$eq", "$gt", "$gte", "$in", "$lt", "$lte", "$ne", "$nin"]);

function expandValue(value: unknown): unknown[] {
  if (Array.isArray(value)) return [value.flatMap((v) => expandValue(v))];
  if (!isObject(value)) {
    const n = normalize(value);
    return Array.isArray(n) ? n : [n];
  }
  const keys = Object.keys(value);
  const values = keys.map((k) => (EXPAND_OPS.has(k) ? expandValue(value[k]) : [value[k]]));
  const out: Doc[] = [];
  const indices = keys.map(() => 0);
  let i = 0;
  while (i < indices.length) {
    out.push(Object.fromEntries(keys.map((k, j) => [k, values[j][indices[j]]])));
    for (i = 0; i < indices.length; ++i) {
      indices[i] += 1;
      if (indices[i] < values[i].length) break;
      indices[i] = 0;
    }
  }
  return out;
}

/** query.expand(): parameters match on `._value`, each value on all it may stand for. */
export function expandQuery(query: Doc): Doc {
  const out: Doc = {};
  for (const [k, v] of Object.entries(query)) {
    if (k[0] === "$") {
      out[k] = (v as Doc[]).map((e) => expandQuery(e));
      continue;
    }
    const param = k[k.lastIndexOf(".") + 1] !== "_" ? `${k}._value` : k;
    const conditions = expandValue(v).map((c) => ({ [param]: c }));
    if (conditions.length > 1) {
      const and = ((out.$and as Doc[] | undefined) ?? []) as Doc[];
      if (isObject(v) && (v.$ne != null || v.$not != null)) {
        if (Object.keys(v).length > 1) throw new Error("Cannot mix $ne or $not with other operators");
        and.push(...conditions);
      } else and.push({ $or: conditions });
      out.$and = and;
    } else Object.assign(out, conditions[0]);
  }
  return out;
}

/** Values at a dotted path, descending into arrays as MongoDB does. */
function valuesAt(doc: unknown, path: string[]): unknown[] {
  if (!path.length) return [doc];
  if (Array.isArray(doc)) return doc.flatMap((d) => valuesAt(d, path));
  if (!isObject(doc) || !(path[0] in doc)) return [];
  return valuesAt(doc[path[0]], path.slice(1));
}

function compare(a: unknown, b: unknown): number | null {
  if (a instanceof Date && b instanceof Date) return a.getTime() - b.getTime();
  if (typeof a === "number" && typeof b === "number") return a - b;
  if (typeof a === "string" && typeof b === "string") return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === "boolean" && typeof b === "boolean") return Number(a) - Number(b);
  return null;
}
const equal = (a: unknown, b: unknown) =>
  compare(a, b) === 0 || (a === null && b === null) || JSON.stringify(a) === JSON.stringify(b);

function matchCondition(values: unknown[], cond: unknown): boolean {
  const flat = values.flatMap((v) => (Array.isArray(v) ? [v, ...v] : [v]));
  if (cond instanceof RegExp) return flat.some((v) => typeof v === "string" && cond.test(v));
  if (!isObject(cond) || !Object.keys(cond).some((k) => k[0] === "$"))
    return cond === null ? flat.length === 0 || flat.some((v) => v === null) : flat.some((v) => equal(v, cond));
  return Object.entries(cond).every(([op, x]) => {
    switch (op) {
      case "$eq":
        return matchCondition(values, x);
      case "$ne":
        return !matchCondition(values, x);
      case "$gt":
        return flat.some((v) => (compare(v, x) ?? Number.NaN) > 0);
      case "$gte":
        return flat.some((v) => (compare(v, x) ?? Number.NaN) >= 0);
      case "$lt":
        return flat.some((v) => (compare(v, x) ?? Number.NaN) < 0);
      case "$lte":
        return flat.some((v) => (compare(v, x) ?? Number.NaN) <= 0);
      case "$in":
        return (x as unknown[]).some((y) => matchCondition(values, y));
      case "$nin":
        return !(x as unknown[]).some((y) => matchCondition(values, y));
      case "$exists":
        return values.length > 0 === Boolean(x);
      case "$regex": {
        const re = x instanceof RegExp ? x : new RegExp(String(x), String(cond.$options ?? ""));
        return flat.some((v) => typeof v === "string" && re.test(v));
      }
      case "$options":
        return true;
      case "$not":
        return !matchCondition(values, x);
      default:
        throw new Error(`unknown operator: ${op}`);
    }
  });
}

export function matchQuery(doc: Doc, query: Doc): boolean {
  return Object.entries(query).every(([key, cond]) => {
    if (key === "$and") return (cond as Doc[]).every((q) => matchQuery(doc, q));
    if (key === "$or") return (cond as Doc[]).some((q) => matchQuery(doc, q));
    if (key === "$nor") return !(cond as Doc[]).some((q) => matchQuery(doc, q));
    return matchCondition(valuesAt(doc, key.split(".")), cond);
  });
}

/** MongoDB inclusion projection after lib/db/util.ts optimizeProjection; `_id` always kept. */
function project(doc: Doc, projection: string[] | null): Doc {
  if (!projection) return doc;
  const paths = [...new Set(projection.map((p) => p.trim()))].sort();
  if (paths.includes("")) return doc;
  const kept = paths.filter((p, i) => !paths.slice(0, i).some((a) => p.startsWith(`${a}.`)));
  const out: Doc = { _id: doc._id };
  const copy = (src: unknown, dst: Doc, parts: string[]) => {
    if (!isObject(src) || !(parts[0] in src)) return;
    if (parts.length === 1) {
      dst[parts[0]] = src[parts[0]];
      return;
    }
    const next = src[parts[0]];
    if (!isObject(next)) return;
    dst[parts[0]] = isObject(dst[parts[0]]) ? dst[parts[0]] : {};
    copy(next, dst[parts[0]] as Doc, parts.slice(1));
  };
  for (const p of kept) copy(doc, out, p.split("."));
  return out;
}

// ------------------------------------------------------------------ tasks (lib/api-functions.ts)
/** sanitizeTask(): what GenieACS refuses, by throwing (which takes its worker down). */
function sanitizeTask(task: Doc, now: number) {
  task.timestamp = new Date((task.timestamp as string | number | undefined) || now);
  const validParamValue = (p: unknown) =>
    Array.isArray(p) &&
    p.length >= 2 &&
    typeof p[0] === "string" &&
    p[0].length > 0 &&
    ["string", "boolean", "number"].includes(typeof p[1]) &&
    (p[2] == null || typeof p[2] === "string");
  switch (task.name) {
    case "getParameterValues":
      if (!Array.isArray(task.parameterNames) || !task.parameterNames.length)
        throw new Error("Missing 'parameterNames' property");
      for (const p of task.parameterNames as unknown[])
        if (typeof p !== "string" || !p.length) throw new Error(`Invalid parameter name '${String(p)}'`);
      break;
    case "setParameterValues":
      if (!Array.isArray(task.parameterValues) || !task.parameterValues.length)
        throw new Error("Missing 'parameterValues' property");
      for (const p of task.parameterValues as unknown[])
        if (!validParamValue(p)) throw new Error(`Invalid parameter value '${String(p)}'`);
      break;
    case "refreshObject":
      if (typeof task.objectName !== "string") throw new Error("Missing 'objectName' property");
      break;
    case "deleteObject":
      if (typeof task.objectName !== "string" || !task.objectName.length)
        throw new Error("Missing 'objectName' property");
      break;
    case "addObject":
      if (task.parameterValues != null) {
        if (!Array.isArray(task.parameterValues)) throw new Error("Invalid 'parameterValues' property");
        for (const p of task.parameterValues as unknown[])
          if (!validParamValue(p)) throw new Error(`Invalid parameter value '${String(p)}'`);
      }
      break;
    case "download":
      if (!task.file) {
        if (typeof task.fileType !== "string" || !task.fileType.length) throw new Error("Missing 'fileType' property");
        if (typeof task.fileName !== "string" || !task.fileName.length) throw new Error("Missing 'fileName' property");
      }
      break;
    case "reboot":
    case "factoryReset":
      break;
    default:
      throw new Error("Invalid task name");
  }
}

/** The provisions a task becomes (lib/cwmp.ts), which a fault records as a JSON string. */
function taskProvisions(task: Doc): unknown[] {
  switch (task.name) {
    case "getParameterValues":
      return (task.parameterNames as string[]).map((p) => ["refresh", p]);
    case "setParameterValues":
      return (task.parameterValues as unknown[][]).map((p) => ["value", p[0], p[1]]);
    case "refreshObject":
      return [["refresh", task.objectName]];
    case "reboot":
      return [["reboot"]];
    case "factoryReset":
      return [["reset"]];
    case "download":
      return [["download", task.fileType, task.fileName, task.targetFileName || ""]];
    case "deleteObject":
      return [["instances", task.objectName, 0]];
    default:
      return [];
  }
}

const OBJECT_ID = /^[0-9a-f]{24}$/i;

export async function startGenieAcsFake(sim: NetworkSimulator, options: GenieAcsFakeOptions = {}): Promise<FakeServer> {
  const sessionDelayMs = options.sessionDelayMs ?? 0;
  const provisions = new Map<string, Doc>();
  const virtualParameters = new Map<string, Doc>();
  const objects = new Map<string, Doc>();

  /** Documents as MongoDB holds them: dates are Dates (serialized as ISO strings). */
  const withDates = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(withDates);
    if (!isObject(node)) return node;
    const out: Doc = {};
    for (const [k, v] of Object.entries(node)) {
      const isDate =
        typeof v === "string" && ["_lastInform", "_registered", "_timestamp", "timestamp", "uploadDate"].includes(k);
      out[k] = isDate ? new Date(v as string) : withDates(v);
    }
    return out;
  };
  const collections: Record<string, () => Doc[]> = {
    devices: () => [...sim.cpes.values()].map((c) => withDates(sim.cpeDocument(c)) as Doc),
    tasks: () =>
      [...sim.tasks.values()].map((t) => {
        // MongoDB stores _id first; the POST answer has it last (assigned after insertion).
        const { _id, device, timestamp, ...rest } = t;
        return withDates({ _id, ...rest, device, timestamp }) as Doc;
      }),
    faults: () =>
      [...sim.acsFaults.values()].map((f) => {
        const task = sim.tasks.get(f.channel.replace(/^task_/, ""));
        return withDates({
          _id: f._id,
          device: f.device,
          channel: f.channel,
          timestamp: f.timestamp,
          code: f.code,
          message: f.message,
          ...(f.detail ? { detail: f.detail } : {}),
          retries: f.retries,
          provisions: JSON.stringify(task ? taskProvisions(task) : []),
        }) as Doc;
      }),
    presets: () => [...sim.presets.values()] as unknown as Doc[],
    provisions: () => [...provisions.values()],
    virtualParameters: () => [...virtualParameters.values()],
    objects: () => [...objects.values()],
    files: () =>
      [...sim.files.values()].map(
        (f) =>
          withDates({
            _id: f._id,
            length: f.length,
            chunkSize: 261120,
            uploadDate: f.uploadDate,
            filename: f.filename,
            metadata: f.metadata,
          }) as Doc,
      ),
  };

  function text(res: ServerResponse, status: number, body = "", headers: Record<string, string> = {}, reason?: string) {
    if (reason === undefined) res.writeHead(status, headers);
    else res.writeHead(status, reason, headers);
    res.end(body);
  }
  const json = (res: ServerResponse, status: number, body: unknown, reason?: string) =>
    text(res, status, JSON.stringify(body), { "Content-Type": "application/json" }, reason);
  const notAllowed = (res: ServerResponse, allow: string) => text(res, 405, "405 Method Not Allowed", { Allow: allow });
  /** GenieACS's worker dies on an uncaught exception: the connection closes with no answer. */
  const crash = (req: IncomingMessage) => {
    req.socket.destroy();
  };

  function query(res: ServerResponse, req: IncomingMessage, url: URL, name: string) {
    const method = req.method ?? "GET";
    if (method !== "GET" && method !== "HEAD") return notAllowed(res, "GET, HEAD");
    const collection = collections[name];
    if (!collection) return text(res, 404, "404 Not Found");
    let q: Doc = {};
    if (url.searchParams.has("query")) {
      try {
        q = JSON.parse(url.searchParams.get("query")!) as Doc;
      } catch (err) {
        return text(res, 400, `${(err as Error).name}: ${(err as Error).message}`);
      }
    }
    if (name === "devices") q = expandQuery(q);
    let rows = collection();
    rows = rows.filter((d) => matchQuery(d, q));
    if (url.searchParams.has("sort")) {
      let s: Record<string, number>;
      try {
        s = JSON.parse(url.searchParams.get("sort")!) as Record<string, number>;
      } catch (err) {
        return text(res, 400, `${(err as Error).name}: ${(err as Error).message}`);
      }
      const keys = Object.entries(s).map(([k, v]) => [
        k[k.lastIndexOf(".") + 1] !== "_" && name === "devices" ? `${k}._value` : k,
        v,
      ]) as [string, number][];
      rows = [...rows].sort((a, b) => {
        for (const [k, dir] of keys) {
          const c = compare(valuesAt(a, k.split("."))[0], valuesAt(b, k.split("."))[0]) ?? 0;
          if (c) return c * dir;
        }
        return 0;
      });
    }
    const total = rows.length;
    res.writeHead(200, { "Content-Type": "application/json", total: String(total) });
    if (method === "HEAD") {
      res.end();
      return;
    }
    const skip = url.searchParams.has("skip") ? Number.parseInt(url.searchParams.get("skip")!, 10) : 0;
    const limit = url.searchParams.has("limit") ? Number.parseInt(url.searchParams.get("limit")!, 10) : 0;
    const projection = url.searchParams.has("projection") ? url.searchParams.get("projection")!.split(",") : null;
    rows = rows.slice(skip, limit ? skip + limit : undefined).map((d) => project(d, projection));
    res.end(`[\n${rows.map((r) => JSON.stringify(r)).join(",\n")}\n]`);
  }

  /** POST /devices/<id>/tasks[?connection_request][&timeout=ms] */
  async function postTask(res: ServerResponse, url: URL, deviceId: string, body: Buffer) {
    const conReq = url.searchParams.has("connection_request");
    let task: Doc | undefined;
    if (body.length) {
      try {
        task = JSON.parse(body.toString()) as Doc;
        task.device = deviceId;
      } catch (err) {
        return text(res, 400, `${(err as Error).name}: ${(err as Error).message}`);
      }
    }
    if (!task && !conReq) return text(res, 400);
    const cpe = sim.cpes.get(deviceId);
    if (!cpe) return text(res, 404, "No such device");
    if (task) sanitizeTask(task, sim.now());
    // Connection request only: 200, or 504 with the reason.
    if (!task) return cpe.online ? text(res, 200) : text(res, 504, "Device is offline", {}, "Device is offline");
    const { device: _device, timestamp: _timestamp, ...fields } = task;
    const answer = (status: number, t: Doc, reason?: string) => {
      const { _id, device, timestamp, ...rest } = t;
      return json(res, status, { ...rest, device, timestamp, _id }, reason);
    };
    if (!conReq) {
      const queued = sim.runTask(deviceId, fields, false);
      return answer(202, queued.task);
    }
    // The connection request fails at once for a CPE that cannot be reached.
    if (!cpe.online) return answer(202, sim.runTask(deviceId, fields, false).task, "Device is offline");
    const threshold = url.searchParams.has("timeout")
      ? Number.parseInt(url.searchParams.get("timeout")!, 10)
      : ONLINE_THRESHOLD_MS;
    if (sessionDelayMs > threshold) {
      // The session did not start in time: the task waits for it.
      await new Promise((r) => setTimeout(r, threshold));
      const queued = sim.runTask(deviceId, fields, false);
      setTimeout(() => sim.flushTasks(deviceId), sessionDelayMs - threshold).unref();
      return answer(202, queued.task, "Task queued but not processed");
    }
    if (sessionDelayMs) await new Promise((r) => setTimeout(r, sessionDelayMs));
    const result = sim.runTask(deviceId, fields, true);
    if (result.status === "faulted") return answer(202, result.task, "Task faulted");
    return answer(200, result.task);
  }

  return startHttp(async (req: IncomingMessage, res: ServerResponse, url: URL) => {
    res.setHeader("GenieACS-Version", GENIEACS_FAKE_VERSION);
    const method = req.method ?? "GET";
    const path = url.pathname;
    const body = await readBody(req);
    const param = (re: RegExp) => {
      const m = re.exec(path);
      return m ? m.slice(1).map((p) => (p === undefined ? p : decodeURIComponent(p))) : null;
    };
    try {
      // Scripts and documents stored under a name (presets, provisions, …).
      const named = (store: Map<string, Doc>, name: string, parse: () => Doc) => {
        if (method === "PUT") {
          let doc: Doc;
          try {
            doc = parse();
          } catch (err) {
            return text(res, 400, `${(err as Error).name}: ${(err as Error).message}`);
          }
          const { _id: _given, ...rest } = doc;
          store.set(name, { _id: name, ...rest });
          return text(res, 200);
        }
        if (method === "DELETE") {
          store.delete(name);
          return text(res, 200);
        }
        return notAllowed(res, "PUT, DELETE");
      };
      const jsonBody = () => JSON.parse(body.toString()) as Doc;
      const script = () => {
        const source = body.toString();
        new vm.Script(`"use strict";(function(){\n${source}\n})();`);
        return { script: source };
      };
      const preset = param(/^\/presets\/([a-zA-Z0-9\-_%]+)\/?$/);
      if (preset) return named(sim.presets as unknown as Map<string, Doc>, preset[0]!, jsonBody);
      const object = param(/^\/objects\/([a-zA-Z0-9\-_%]+)\/?$/);
      if (object) return named(objects, object[0]!, jsonBody);
      const provision = param(/^\/provisions\/([a-zA-Z0-9\-_%]+)\/?$/);
      if (provision) return named(provisions, provision[0]!, script);
      const virtual = param(/^\/virtual_parameters\/([a-zA-Z0-9\-_%]+)\/?$/);
      if (virtual) return named(virtualParameters, virtual[0]!, script);

      const tag = param(/^\/devices\/([a-zA-Z0-9\-_%]+)\/tags\/([a-zA-Z0-9\-_%]+)\/?$/);
      if (tag) {
        if (method !== "POST" && method !== "DELETE") return notAllowed(res, "POST, DELETE");
        const cpe = sim.cpes.get(tag[0]!);
        if (!cpe) return text(res, 404, "No such device");
        cpe.tags = method === "POST" ? [...new Set([...cpe.tags, tag[1]!])] : cpe.tags.filter((t) => t !== tag[1]);
        return text(res, 200);
      }
      const fault = param(/^\/faults\/([a-zA-Z0-9\-_%:]+)\/?$/);
      if (fault) {
        if (method !== "DELETE") return notAllowed(res, "DELETE");
        const id = fault[0]!;
        const channel = id.slice(id.split(":", 1)[0].length + 1);
        if (channel.startsWith("task_") && !OBJECT_ID.test(channel.slice(5))) return crash(req);
        sim.acsFaults.delete(id);
        if (channel.startsWith("task_")) sim.tasks.delete(channel.slice(5));
        return text(res, 200);
      }
      const deviceTasks = param(/^\/devices\/([a-zA-Z0-9\-_%]+)\/tasks\/?$/);
      if (deviceTasks) {
        if (method !== "POST") return notAllowed(res, "POST");
        return await postTask(res, url, deviceTasks[0]!, body);
      }
      const task = param(/^\/tasks\/([a-zA-Z0-9\-_%]+)(\/[a-zA-Z_]*)?$/);
      if (task) {
        const [taskId, action] = task as [string, string | undefined];
        if (!action || action === "/") {
          if (method !== "DELETE") return notAllowed(res, "PUT DELETE");
          if (!OBJECT_ID.test(taskId)) return crash(req);
          const found = sim.tasks.get(taskId);
          if (!found) return text(res, 404, "Task not found");
          sim.tasks.delete(taskId);
          sim.acsFaults.delete(`${found.device}:task_${taskId}`);
          return text(res, 200);
        }
        if (action === "/retry") {
          if (method !== "POST") return notAllowed(res, "POST");
          if (!OBJECT_ID.test(taskId)) return crash(req);
          const found = sim.tasks.get(taskId);
          // GenieACS reads `task.device` of a missing task: a TypeError.
          if (!found) return crash(req);
          sim.acsFaults.delete(`${found.device}:task_${taskId}`);
          return text(res, 200);
        }
        return text(res, 404);
      }
      const file = param(/^\/files\/([a-zA-Z0-9%!*'();:@&=+$,?#[\]\-_.~]+)\/?$/);
      if (file) {
        const name = file[0]!;
        if (method === "PUT") {
          const h = (header: string) => req.headers[header] as string | undefined;
          sim.putFile({
            _id: name,
            length: body.byteLength,
            filename: name,
            uploadDate: new Date(sim.now()).toISOString(),
            metadata: {
              fileType: h("filetype") ?? "",
              oui: h("oui") ?? "",
              productClass: h("productclass") ?? "",
              version: h("version") ?? "",
            },
          });
          return text(res, 201);
        }
        if (method === "DELETE") {
          if (!sim.files.delete(name)) return text(res, 404, "404 Not Found");
          return text(res, 200);
        }
        return notAllowed(res, "PUT, DELETE");
      }
      const device = param(/^\/devices\/([a-zA-Z0-9\-_%]+)\/?$/);
      if (device) {
        if (method !== "DELETE") return notAllowed(res, "DELETE");
        const id = device[0]!;
        sim.cpes.delete(id);
        for (const [tid, t] of sim.tasks) if (t.device === id) sim.tasks.delete(tid);
        for (const fid of sim.acsFaults.keys()) if (fid.startsWith(`${id}:`)) sim.acsFaults.delete(fid);
        return text(res, 200);
      }
      const collection = param(/^\/([a-zA-Z0-9_]+)\/?$/);
      if (collection) {
        const name = collection[0]!.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
        if (name === "devices") sim.checkFault("acs.list");
        return query(res, req, url, name);
      }
      return text(res, 404, "404 Not Found");
    } catch (error) {
      if (error instanceof SimulatedFault) {
        if (error.kind === "timeout") return hang(res);
        return crash(req);
      }
      if (error instanceof SimNotFound) return text(res, 404, "No such device");
      // Anything else GenieACS would throw takes its worker down with the connection.
      return crash(req);
    }
  }, options.port ?? 0);
}
