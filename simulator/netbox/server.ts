// A fake NetBox REST API over the shared network simulator: `Authorization: Token <t>`,
// paginated lists ({count, next, previous, results} with limit/offset), prefixes with
// available-ips (201 with the next address, 409 when full), ip-addresses, VLANs, tenants, and
// the simulator's OLTs as dcim devices/interfaces.
import type { IncomingMessage, ServerResponse } from "node:http";
import { type FakeServer, hang, readBody, sendJson, startHttp } from "@/simulator/network/http";
import { ipToInt, type NbIpAddress, type NetworkSimulator, SimulatedFault } from "@/simulator/network/state";

type Json = Record<string, unknown>;

const status = (value: string) => ({ value, label: value.charAt(0).toUpperCase() + value.slice(1) });

export type NetBoxFakeOptions = { tokens?: string[]; port?: number };

export async function startNetBoxFake(sim: NetworkSimulator, options: NetBoxFakeOptions = {}): Promise<FakeServer> {
  const tokens = new Set(options.tokens ?? ["0123456789abcdef0123456789abcdef01234567"]);
  let base = "";

  const prefixJson = (id: number) => {
    const p = sim.prefixes.get(id)!;
    const vlan = p.vlan ? sim.vlans.get(p.vlan) : undefined;
    return {
      id: p.id,
      url: `${base}/api/ipam/prefixes/${p.id}/`,
      prefix: p.prefix,
      status: status(p.status),
      tenant: p.tenant ? { id: p.tenant, name: `Tenant ${p.tenant}` } : null,
      vlan: vlan ? { id: vlan.id, vid: vlan.vid, name: vlan.name } : null,
      is_pool: p.isPool,
      description: p.description,
    };
  };
  const addressJson = (a: NbIpAddress) => ({
    id: a.id,
    url: `${base}/api/ipam/ip-addresses/${a.id}/`,
    address: a.address,
    status: status(a.status),
    tenant: a.tenant ? { id: a.tenant } : null,
    dns_name: a.dnsName,
    description: a.description,
    custom_fields: a.customFields,
  });
  const vlanJson = (id: number) => {
    const v = sim.vlans.get(id)!;
    return {
      id: v.id,
      url: `${base}/api/ipam/vlans/${v.id}/`,
      vid: v.vid,
      name: v.name,
      status: status(v.status),
      description: v.description,
    };
  };

  function page(res: ServerResponse, url: URL, items: Json[]) {
    const limit = Math.min(1000, Number(url.searchParams.get("limit") ?? 50)) || 50;
    const offset = Number(url.searchParams.get("offset") ?? 0);
    const link = (o: number) => {
      const u = new URL(url.pathname, base);
      for (const [k, v] of url.searchParams) u.searchParams.set(k, v);
      u.searchParams.set("limit", String(limit));
      u.searchParams.set("offset", String(o));
      return u.toString();
    };
    sendJson(res, 200, {
      count: items.length,
      next: offset + limit < items.length ? link(offset + limit) : null,
      previous: offset > 0 ? link(Math.max(0, offset - limit)) : null,
      results: items.slice(offset, offset + limit),
    });
  }

  const within = (address: string, prefix: string) => {
    const [net, len] = prefix.split("/");
    const a = ipToInt(address.split("/")[0]);
    return a >= ipToInt(net) && a < ipToInt(net) + 2 ** (32 - Number(len));
  };

  const server = await startHttp(async (req: IncomingMessage, res: ServerResponse, url: URL) => {
    const auth = req.headers.authorization ?? "";
    if (!auth.startsWith("Token "))
      return sendJson(res, 403, { detail: "Authentication credentials were not provided." });
    if (!tokens.has(auth.slice(6).trim())) return sendJson(res, 403, { detail: "Invalid token" });
    const method = req.method ?? "GET";
    const path = url.pathname.replace(/\/+$/, "");
    const body = async () => JSON.parse((await readBody(req)).toString("utf8") || "{}") as Json;
    const q = url.searchParams.get("q") ?? "";
    try {
      sim.checkFault(`netbox.${method.toLowerCase()}`);
      const prefixMatch = path.match(/^\/api\/ipam\/prefixes\/(\d+)$/);
      const availableMatch = path.match(/^\/api\/ipam\/prefixes\/(\d+)\/available-ips$/);
      const addressMatch = path.match(/^\/api\/ipam\/ip-addresses\/(\d+)$/);
      if (path === "/api/ipam/prefixes") {
        if (method === "GET")
          return page(
            res,
            url,
            [...sim.prefixes.values()]
              .filter((p) => !q || p.prefix.includes(q) || p.description.includes(q))
              .filter(
                (p) => !url.searchParams.get("tenant_id") || String(p.tenant) === url.searchParams.get("tenant_id"),
              )
              .map((p) => prefixJson(p.id)),
          );
        if (method === "POST") {
          const b = await body();
          if (!/^\d+\.\d+\.\d+\.\d+\/\d+$/.test(String(b.prefix ?? "")))
            return sendJson(res, 400, { prefix: ["Enter a valid IPv4 or IPv6 prefix."] });
          const p = sim.addPrefix({
            prefix: String(b.prefix),
            status: String(b.status ?? "active"),
            tenant: b.tenant ? Number(b.tenant) : null,
            vlan: b.vlan ? Number(b.vlan) : null,
            description: String(b.description ?? ""),
            isPool: Boolean(b.is_pool),
          });
          return sendJson(res, 201, prefixJson(p.id));
        }
      }
      if (prefixMatch) {
        const m = prefixMatch;
        if (!sim.prefixes.has(Number(m[1]))) return sendJson(res, 404, { detail: "Not found." });
        if (method === "GET") return sendJson(res, 200, prefixJson(Number(m[1])));
        if (method === "DELETE") {
          sim.prefixes.delete(Number(m[1]));
          res.writeHead(204).end();
          return;
        }
      }
      if (availableMatch) {
        const m = availableMatch;
        const id = Number(m[1]);
        const prefix = sim.prefixes.get(id);
        if (!prefix) return sendJson(res, 404, { detail: "Not found." });
        if (method === "GET") {
          const limit = Number(url.searchParams.get("limit") ?? 50);
          const len = prefix.prefix.split("/")[1];
          return sendJson(
            res,
            200,
            sim.availableIps(id, limit).map((ip) => ({ family: 4, address: `${ip}/${len}`, vrf: null })),
          );
        }
        if (method === "POST") {
          const b = await body();
          const a = sim.allocateIp(id, {
            status: String(b.status ?? "active"),
            tenant: b.tenant ? Number(b.tenant) : null,
            dnsName: String(b.dns_name ?? ""),
            description: String(b.description ?? ""),
            customFields: (b.custom_fields ?? {}) as Json,
          });
          if (!a)
            return sendJson(res, 409, {
              detail: `An insufficient number of IP addresses are available within prefix ${prefix.prefix} (1 requested, 0 available)`,
            });
          return sendJson(res, 201, addressJson(a));
        }
      }
      if (path === "/api/ipam/ip-addresses") {
        if (method === "GET") {
          const parent = url.searchParams.get("parent");
          return page(
            res,
            url,
            [...sim.ipAddresses.values()]
              .filter((a) => !parent || within(a.address, parent))
              .filter((a) => !q || a.address.includes(q) || a.description.includes(q))
              .map(addressJson),
          );
        }
        if (method === "POST") {
          const b = await body();
          const address = String(b.address ?? "");
          if (!/^\d+\.\d+\.\d+\.\d+\/\d+$/.test(address))
            return sendJson(res, 400, { address: ["Enter a valid IPv4 or IPv6 address with optional mask."] });
          if ([...sim.ipAddresses.values()].some((a) => a.address.split("/")[0] === address.split("/")[0]))
            return sendJson(res, 400, { address: [`Duplicate IP address found in global table: ${address}`] });
          const a: NbIpAddress = {
            id: sim.nbId(),
            address,
            status: String(b.status ?? "active"),
            tenant: b.tenant ? Number(b.tenant) : null,
            dnsName: String(b.dns_name ?? ""),
            description: String(b.description ?? ""),
            customFields: (b.custom_fields ?? {}) as Json,
          };
          sim.ipAddresses.set(a.id, a);
          return sendJson(res, 201, addressJson(a));
        }
      }
      if (addressMatch) {
        const m = addressMatch;
        const a = sim.ipAddresses.get(Number(m[1]));
        if (!a) return sendJson(res, 404, { detail: "Not found." });
        if (method === "GET") return sendJson(res, 200, addressJson(a));
        if (method === "DELETE") {
          sim.releaseIp(a.id);
          res.writeHead(204).end();
          return;
        }
      }
      if (path === "/api/ipam/vlans") {
        if (method === "GET") return page(res, url, [...sim.vlans.keys()].map(vlanJson));
        if (method === "POST") {
          const b = await body();
          const vid = Number(b.vid);
          if (!(vid >= 1 && vid <= 4094))
            return sendJson(res, 400, { vid: ["Ensure this value is less than or equal to 4094."] });
          const v = {
            id: sim.nbId(),
            vid,
            name: String(b.name ?? `VLAN ${vid}`),
            status: String(b.status ?? "active"),
            tenant: null,
            description: String(b.description ?? ""),
          };
          sim.vlans.set(v.id, v);
          return sendJson(res, 201, vlanJson(v.id));
        }
      }
      if (path === "/api/tenancy/tenants" && method === "GET")
        return page(res, url, [{ id: 1, name: "FiberOps", slug: "fiberops" }]);
      if (path === "/api/dcim/devices" && method === "GET")
        return page(
          res,
          url,
          sim.olts().map((o, i) => ({
            id: i + 1,
            name: o.hostAndPort,
            serial: o.serialNumber,
            device_type: { model: o.model },
          })),
        );
      if (path === "/api/dcim/interfaces" && method === "GET")
        return page(
          res,
          url,
          sim.olts().flatMap((o, i) =>
            o.ports.map((p) => ({
              id: (i + 1) * 1000 + (p.portNo % 1000),
              device: { id: i + 1 },
              name: p.label,
              type: p.type,
            })),
          ),
        );
      return sendJson(res, 404, { detail: "Not found." });
    } catch (error) {
      if (error instanceof SimulatedFault) {
        if (error.kind === "timeout") return hang(res);
        if (error.kind === "nak") return sendJson(res, 400, { detail: error.message });
        return sendJson(res, 500, { detail: error.message });
      }
      throw error;
    }
  }, options.port ?? 0);
  base = server.url;
  return server;
}
