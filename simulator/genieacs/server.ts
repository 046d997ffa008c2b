// A fake GenieACS NBI (port 7557 in production) over the shared network simulator: devices
// with MongoDB-style query/projection/sort/skip/limit and a `total` header; tasks with
// connection_request (200 done, 202 "Task queued but not processed" / "Task faulted", 404 no
// such device); tasks, faults, presets and files collections.
import type { IncomingMessage, ServerResponse } from "node:http";
import { type FakeServer, hang, readBody, sendJson, startHttp } from "@/simulator/network/http";
import { type NetworkSimulator, SimNotFound, SimulatedFault } from "@/simulator/network/state";

type Doc = Record<string, unknown>;

function valueAt(doc: Doc, path: string): unknown {
  let node: unknown = doc;
  for (const part of path.split(".")) {
    if (typeof node !== "object" || node === null) return undefined;
    node = (node as Doc)[part];
  }
  if (typeof node === "object" && node !== null && "_value" in (node as Doc)) return (node as Doc)._value;
  return node;
}

function matchValue(actual: unknown, cond: unknown): boolean {
  if (cond !== null && typeof cond === "object" && !Array.isArray(cond)) {
    const c = cond as Doc;
    return Object.entries(c).every(([op, v]) => {
      switch (op) {
        case "$regex":
          return typeof actual === "string" && new RegExp(String(v), String(c.$options ?? "")).test(actual);
        case "$options":
          return true;
        case "$in":
          return (v as unknown[]).includes(actual);
        case "$nin":
          return !(v as unknown[]).includes(actual);
        case "$ne":
          return actual !== v;
        case "$exists":
          return (actual !== undefined) === Boolean(v);
        case "$gt":
          return (actual as number) > (v as number);
        case "$gte":
          return (actual as number) >= (v as number);
        case "$lt":
          return (actual as number) < (v as number);
        case "$lte":
          return (actual as number) <= (v as number);
        default:
          return false;
      }
    });
  }
  if (Array.isArray(actual)) return actual.includes(cond);
  return actual === cond;
}

export function matchQuery(doc: Doc, query: Doc): boolean {
  return Object.entries(query).every(([key, cond]) => {
    if (key === "$and") return (cond as Doc[]).every((q) => matchQuery(doc, q));
    if (key === "$or") return (cond as Doc[]).some((q) => matchQuery(doc, q));
    return matchValue(valueAt(doc, key), cond);
  });
}

function project(doc: Doc, projection: string | null): Doc {
  if (!projection) return doc;
  const out: Doc = { _id: doc._id };
  for (const path of projection
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean)) {
    const parts = path.split(".");
    let src: unknown = doc;
    for (const part of parts) src = typeof src === "object" && src !== null ? (src as Doc)[part] : undefined;
    if (src === undefined) continue;
    let dst = out;
    for (const part of parts.slice(0, -1)) {
      dst[part] ??= {};
      dst = dst[part] as Doc;
    }
    dst[parts[parts.length - 1]] = src;
  }
  return out;
}

function listResponse(res: ServerResponse, url: URL, docs: Doc[]) {
  let query: Doc = {};
  try {
    query = JSON.parse(url.searchParams.get("query") || "{}") as Doc;
  } catch {
    return sendJson(res, 400, { error: "query is not valid JSON" });
  }
  let rows = docs.filter((d) => matchQuery(d, query));
  const sort = url.searchParams.get("sort");
  if (sort) {
    const [[key, dir]] = Object.entries(JSON.parse(sort) as Record<string, number>);
    rows = [...rows].sort((a, b) => (String(valueAt(a, key)) < String(valueAt(b, key)) ? -dir : dir));
  }
  const total = rows.length;
  const skip = Number(url.searchParams.get("skip") ?? 0);
  const limit = url.searchParams.has("limit") ? Number(url.searchParams.get("limit")) : rows.length;
  rows = rows.slice(skip, skip + limit).map((d) => project(d, url.searchParams.get("projection")));
  sendJson(res, 200, rows, { total: String(total) });
}

export async function startGenieAcsFake(sim: NetworkSimulator, port = 0): Promise<FakeServer> {
  return startHttp(async (req: IncomingMessage, res: ServerResponse, url: URL) => {
    const parts = url.pathname.split("/").filter(Boolean).map(decodeURIComponent);
    const [collection, id, sub] = parts;
    const method = req.method ?? "GET";
    try {
      if (collection === "devices" && !id && method === "GET") {
        sim.checkFault("acs.list");
        return listResponse(
          res,
          url,
          [...sim.cpes.values()].map((c) => sim.cpeDocument(c)),
        );
      }
      if (collection === "devices" && id && sub === "tasks" && method === "POST") {
        if (!sim.cpes.has(id)) return sendJson(res, 404, undefined, {}, "No such device");
        const task = JSON.parse((await readBody(req)).toString("utf8") || "{}") as Doc;
        const result = sim.runTask(id, task, url.searchParams.has("connection_request"));
        if (result.status === "done") return sendJson(res, 200, result.task);
        if (result.status === "faulted") return sendJson(res, 202, result.task, {}, "Task faulted");
        return sendJson(res, 202, result.task, {}, "Task queued but not processed");
      }
      if (collection === "devices" && id && !sub && method === "DELETE") {
        if (!sim.cpes.delete(id)) return sendJson(res, 404, undefined, {}, "No such device");
        return sendJson(res, 200, undefined);
      }
      if (collection === "tasks") {
        if (!id && method === "GET") return listResponse(res, url, [...sim.tasks.values()] as unknown as Doc[]);
        if (id && method === "DELETE") {
          if (!sim.tasks.delete(id)) return sendJson(res, 404, undefined, {}, "No such task");
          return sendJson(res, 200, undefined);
        }
        if (id && sub === "retry" && method === "POST") {
          if (!sim.tasks.has(id)) return sendJson(res, 404, undefined, {}, "No such task");
          for (const [fid, f] of sim.acsFaults) if (f.channel === `task_${id}`) sim.acsFaults.delete(fid);
          return sendJson(res, 200, undefined);
        }
      }
      if (collection === "faults") {
        if (!id && method === "GET") return listResponse(res, url, [...sim.acsFaults.values()] as unknown as Doc[]);
        if (id && method === "DELETE") {
          if (!sim.acsFaults.delete(id)) return sendJson(res, 404, undefined, {}, "No such fault");
          return sendJson(res, 200, undefined);
        }
      }
      if (collection === "presets") {
        if (!id && method === "GET") return listResponse(res, url, [...sim.presets.values()] as unknown as Doc[]);
        if (id && method === "PUT") {
          const body = JSON.parse((await readBody(req)).toString("utf8") || "{}") as Doc;
          sim.putPreset({
            _id: id,
            weight: Number(body.weight ?? 0),
            channel: String(body.channel ?? "default"),
            events: (body.events ?? {}) as Record<string, boolean>,
            precondition:
              typeof body.precondition === "string" ? body.precondition : JSON.stringify(body.precondition ?? {}),
            configurations: (body.configurations ?? []) as unknown[],
          });
          return sendJson(res, 200, undefined);
        }
        if (id && method === "DELETE") {
          sim.presets.delete(id);
          return sendJson(res, 200, undefined);
        }
      }
      if (collection === "files") {
        if (!id && method === "GET") return listResponse(res, url, [...sim.files.values()] as unknown as Doc[]);
        if (id && method === "PUT") {
          const content = await readBody(req);
          const h = (name: string) => String(req.headers[name.toLowerCase()] ?? "");
          sim.putFile({
            _id: id,
            length: content.byteLength,
            filename: id,
            uploadDate: new Date(sim.now()).toISOString(),
            metadata: {
              fileType: h("fileType"),
              oui: h("oui"),
              productClass: h("productClass"),
              version: h("version"),
            },
          });
          return sendJson(res, 200, undefined);
        }
        if (id && method === "DELETE") {
          if (!sim.files.delete(id)) return sendJson(res, 404, undefined, {}, "No such file");
          return sendJson(res, 200, undefined);
        }
      }
      return sendJson(res, 404, undefined, {}, "Not found");
    } catch (error) {
      if (error instanceof SimulatedFault) {
        if (error.kind === "timeout") return hang(res);
        return sendJson(res, 500, { error: error.message });
      }
      if (error instanceof SimNotFound) return sendJson(res, 404, undefined, {}, "No such device");
      throw error;
    }
  }, port);
}
