// A fake NetBox 4.5 REST API that answers as the real one does (see README.md beside this file
// for where each behaviour was checked): token authentication and per-token permissions,
// paginated lists with NetBox's filters (tenant_id is validated, parent, prefix, address, q,
// cf_<custom field>), prefixes with duplicate detection and available-ips (the parent's mask,
// 409 when full), IP addresses (duplicates, custom-field validation), VLANs, tenants and
// custom fields. Objects live in the shared network simulator's NetBox maps, so the in-process
// simulated adapter and fault injection see the same state.
import type { IncomingMessage, ServerResponse } from "node:http";
import { intToIp, ipToInt } from "@/lib/ipv4";
import { type FakeServer, hang, readBody, sendJson, startHttp } from "@/simulator/network/http";
import { type NbIpAddress, type NetworkSimulator, SimulatedFault } from "@/simulator/network/state";

type Json = Record<string, unknown>;

/** A NetBox API token: write-enabled or not, and the permissions of its user ("*" = superuser). */
export type NetBoxFakeToken = { token: string; write?: boolean; permissions?: "*" | string[] };

export type NetBoxFakeOptions = {
  /** A plain string is a write-enabled token of a superuser. */
  tokens?: (string | NetBoxFakeToken)[];
  port?: number;
  tenants?: { id: number; name: string; slug: string }[];
  /** Custom fields on IP addresses that exist from the start (a fresh NetBox has none). */
  customFields?: string[];
};

export type NetBoxFake = FakeServer & {
  /** Requests received, in order (method and path with query), for tests. */
  readonly requests: string[];
  /** Names of the custom fields defined on IP addresses. */
  customFieldsOnIpAddresses(): string[];
};

export const NETBOX_FAKE_VERSION = "4.5.10";
const API_VERSION = "4.5";

const STATUS_LABELS: Record<string, string> = {
  active: "Active",
  reserved: "Reserved",
  deprecated: "Deprecated",
  container: "Container",
  dhcp: "DHCP",
  slaac: "SLAAC",
};
const PREFIX_STATUSES = ["container", "active", "reserved", "deprecated"];
const ADDRESS_STATUSES = ["active", "reserved", "deprecated", "dhcp", "slaac"];
const VLAN_STATUSES = ["active", "reserved", "deprecated"];

/** An IPv4 network as netaddr parses it; null when NetBox would raise AddrFormatError. */
function parseIpv4(text: string): { ip: number; len: number } | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?:\/(\d{1,2}))?$/.exec(text.trim());
  if (!m) return null;
  const octets = m.slice(1, 5).map(Number);
  const len = m[5] === undefined ? 32 : Number(m[5]);
  if (octets.some((o) => o > 255) || len > 32) return null;
  return { ip: ipToInt(octets.join(".")), len };
}
const networkOf = (ip: number, len: number) => ip - (ip % 2 ** (32 - len));
const cidr = (ip: number, len: number) => `${intToIp(networkOf(ip, len))}/${len}`;
const hostOf = (address: string) => ipToInt(address.split("/")[0]);
const lenOf = (prefixOrAddress: string) => Number(prefixOrAddress.split("/")[1] ?? 32);

/** Django REST Framework's timestamps: ISO 8601 with microseconds. */
const drfTime = (ms: number) => new Date(ms).toISOString().replace(/\.(\d{3})Z$/, ".$1000Z");

/** Thrown by handlers: the status and body NetBox answers with. */
class Answer {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {}
}
const fail = (status: number, body: unknown): never => {
  throw new Answer(status, body);
};
const denied = () => fail(403, { detail: "You do not have permission to perform this action." });

type CustomField = {
  id: number;
  name: string;
  label: string;
  type: string;
  objectTypes: string[];
  description: string;
  required: boolean;
  filterLogic: string;
  uiVisible: string;
  uiEditable: string;
  created: number;
};

export async function startNetBoxFake(sim: NetworkSimulator, options: NetBoxFakeOptions = {}): Promise<NetBoxFake> {
  const tokens = new Map<string, Required<NetBoxFakeToken>>();
  for (const t of options.tokens ?? ["0123456789abcdef0123456789abcdef01234567"]) {
    const token = typeof t === "string" ? { token: t } : t;
    tokens.set(token.token, { write: true, permissions: "*", ...token });
  }
  const tenants = options.tenants ?? [{ id: 1, name: "FiberOps", slug: "fiberops" }];
  const customFields = new Map<number, CustomField>();
  const created = new Map<string, number>();
  const requests: string[] = [];
  const stamp = (kind: string, id: number) => {
    if (!created.has(`${kind}:${id}`)) created.set(`${kind}:${id}`, sim.now());
    return drfTime(created.get(`${kind}:${id}`)!);
  };

  const addCustomField = (input: Omit<CustomField, "id" | "created">) => {
    const field = { ...input, id: sim.nbId(), created: sim.now() };
    customFields.set(field.id, field);
    return field;
  };
  for (const name of options.customFields ?? [])
    addCustomField({
      name,
      label: "",
      type: "text",
      objectTypes: ["ipam.ipaddress"],
      description: "",
      required: false,
      filterLogic: "loose",
      uiVisible: "always",
      uiEditable: "yes",
    });
  const fieldsFor = (objectType: string) =>
    [...customFields.values()]
      .filter((f) => f.objectTypes.includes(objectType))
      .sort((a, b) => a.name.localeCompare(b.name));

  const server = await startHttp(async (req: IncomingMessage, res: ServerResponse, url: URL) => {
    const method = req.method ?? "GET";
    requests.push(`${method} ${url.pathname}${url.search}`);
    const base = `http://${req.headers.host ?? "127.0.0.1"}`;
    const nested = {
      tenant: (id: number | null) => {
        const t = id === null ? undefined : tenants.find((x) => x.id === id);
        return t
          ? {
              id: t.id,
              url: `${base}/api/tenancy/tenants/${t.id}/`,
              display: t.name,
              name: t.name,
              slug: t.slug,
              description: "",
            }
          : null;
      },
      vlan: (id: number | null) => {
        const v = id === null ? undefined : sim.vlans.get(id);
        return v
          ? {
              id: v.id,
              url: `${base}/api/ipam/vlans/${v.id}/`,
              display: `${v.name} (${v.vid})`,
              vid: v.vid,
              name: v.name,
              description: v.description,
            }
          : null;
      },
    };
    const status = (value: string) => ({ value, label: STATUS_LABELS[value] ?? value });
    const family = { value: 4, label: "IPv4" };

    const prefixJson = (id: number) => {
      const p = sim.prefixes.get(id)!;
      const net = parseIpv4(p.prefix)!;
      const others = [...sim.prefixes.values()].filter((o) => o.id !== id).map((o) => ({ o, n: parseIpv4(o.prefix)! }));
      const contains = (outer: { ip: number; len: number }, inner: { ip: number; len: number }) =>
        outer.len < inner.len && networkOf(inner.ip, outer.len) === outer.ip;
      return {
        id: p.id,
        url: `${base}/api/ipam/prefixes/${p.id}/`,
        display_url: `${base}/ipam/prefixes/${p.id}/`,
        display: p.prefix,
        family,
        prefix: p.prefix,
        vrf: null,
        scope_type: null,
        scope_id: null,
        scope: null,
        tenant: nested.tenant(p.tenant),
        vlan: nested.vlan(p.vlan),
        status: status(p.status),
        role: null,
        is_pool: p.isPool,
        mark_utilized: false,
        description: p.description,
        owner: null,
        comments: "",
        tags: [],
        custom_fields: {},
        created: stamp("prefix", p.id),
        last_updated: stamp("prefix", p.id),
        children: others.filter(({ n }) => contains(net, n)).length,
        _depth: others.filter(({ n }) => contains(n, net)).length,
      };
    };
    const addressJson = (a: NbIpAddress) => ({
      id: a.id,
      url: `${base}/api/ipam/ip-addresses/${a.id}/`,
      display_url: `${base}/ipam/ip-addresses/${a.id}/`,
      display: a.address,
      family,
      address: a.address,
      vrf: null,
      tenant: nested.tenant(a.tenant),
      status: status(a.status),
      role: null,
      assigned_object_type: null,
      assigned_object_id: null,
      assigned_object: null,
      nat_inside: null,
      nat_outside: [],
      dns_name: a.dnsName,
      description: a.description,
      owner: null,
      comments: "",
      tags: [],
      custom_fields: Object.fromEntries(
        fieldsFor("ipam.ipaddress").map((f) => [f.name, a.customFields[f.name] ?? null]),
      ),
      created: stamp("ipaddress", a.id),
      last_updated: stamp("ipaddress", a.id),
    });
    const vlanJson = (id: number) => {
      const v = sim.vlans.get(id)!;
      return {
        id: v.id,
        url: `${base}/api/ipam/vlans/${v.id}/`,
        display_url: `${base}/ipam/vlans/${v.id}/`,
        display: `${v.name} (${v.vid})`,
        site: null,
        group: null,
        vid: v.vid,
        name: v.name,
        tenant: nested.tenant(v.tenant),
        status: status(v.status),
        role: null,
        description: v.description,
        qinq_role: null,
        qinq_svlan: null,
        owner: null,
        comments: "",
        l2vpn_termination: null,
        tags: [],
        custom_fields: {},
        created: stamp("vlan", v.id),
        last_updated: stamp("vlan", v.id),
        prefix_count: [...sim.prefixes.values()].filter((p) => p.vlan === v.id).length,
      };
    };
    const customFieldJson = (f: CustomField) => ({
      id: f.id,
      url: `${base}/api/extras/custom-fields/${f.id}/`,
      display_url: `${base}/extras/custom-fields/${f.id}/`,
      display: f.label || f.name.replace(/_/g, " ").replace(/^./, (c) => c.toUpperCase()),
      object_types: f.objectTypes,
      type: { value: f.type, label: f.type.charAt(0).toUpperCase() + f.type.slice(1) },
      related_object_type: null,
      data_type: "string",
      name: f.name,
      label: f.label,
      group_name: "",
      description: f.description,
      required: f.required,
      unique: false,
      search_weight: 1000,
      filter_logic: { value: f.filterLogic, label: f.filterLogic.charAt(0).toUpperCase() + f.filterLogic.slice(1) },
      ui_visible: { value: f.uiVisible, label: f.uiVisible },
      ui_editable: { value: f.uiEditable, label: f.uiEditable },
      is_cloneable: false,
      default: null,
      related_object_filter: null,
      weight: 100,
      validation_minimum: null,
      validation_maximum: null,
      validation_regex: "",
      choice_set: null,
      owner: null,
      comments: "",
      created: drfTime(f.created),
      last_updated: drfTime(f.created),
    });
    const tenantJson = (t: (typeof tenants)[number]) => ({
      id: t.id,
      url: `${base}/api/tenancy/tenants/${t.id}/`,
      display_url: `${base}/tenancy/tenants/${t.id}/`,
      display: t.name,
      name: t.name,
      slug: t.slug,
      group: null,
      description: "",
      comments: "",
      tags: [],
      custom_fields: {},
    });

    /** NetBox's OptionalLimitOffsetPagination: default 50, at most 1000; links keep the query, sorted. */
    function page(items: unknown[]) {
      const limitParam = Number(url.searchParams.get("limit") ?? 50);
      const limit = limitParam > 0 ? Math.min(limitParam, 1000) : 1000;
      const offset = Math.max(0, Number(url.searchParams.get("offset") ?? 0) || 0);
      const link = (o: number | null) => {
        const params = new Map<string, string>(url.searchParams);
        params.set("limit", String(limit));
        if (o === null || o <= 0) params.delete("offset");
        else params.set("offset", String(o));
        const query = [...params.entries()]
          .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
          .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
          .join("&");
        return `${base}${url.pathname}?${query}`;
      };
      return {
        count: items.length,
        next: offset + limit < items.length ? link(offset + limit) : null,
        previous: offset > 0 ? link(offset - limit) : null,
        results: items.slice(offset, offset + limit),
      };
    }

    /** tenant_id is a ModelMultipleChoiceFilter: an unknown id is a 400, not an empty list. */
    function tenantFilter() {
      const ids = url.searchParams.getAll("tenant_id");
      for (const id of ids)
        if (!tenants.some((t) => String(t.id) === id))
          fail(400, { tenant_id: [`Select a valid choice. ${id} is not one of the available choices.`] });
      return (tenant: number | null) => !ids.length || ids.includes(String(tenant));
    }

    function authenticate() {
      const header = req.headers.authorization ?? "";
      const parts = header.split(/\s+/).filter(Boolean);
      const keyword = parts[0]?.toLowerCase();
      if (keyword !== "token" && keyword !== "bearer")
        return fail(403, { detail: "Authentication credentials were not provided." });
      if (parts.length !== 2)
        return fail(403, {
          detail: 'Invalid authorization header: Must be in the form "Bearer <key>.<token>" or "Token <token>"',
        });
      const version = parts[1].startsWith("nbt_") ? 2 : 1;
      const token = tokens.get(parts[1]);
      if (!token) return fail(403, { detail: `Invalid v${version} token` });
      return token;
    }

    function authorize(token: Required<NetBoxFakeToken>, perm: string) {
      if (method !== "GET" && method !== "HEAD" && !token.write) denied();
      if (token.permissions !== "*" && !token.permissions.includes(perm)) denied();
    }

    async function body(): Promise<Json> {
      const text = (await readBody(req)).toString("utf8");
      try {
        const parsed = JSON.parse(text || "{}") as unknown;
        if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) return parsed as Json;
      } catch {
        // falls through to DRF's parse error
      }
      return fail(400, { detail: "JSON parse error - Expecting value: line 1 column 1 (char 0)" });
    }

    /** Django's 500 for an exception in a REST request (utilities/error_handlers.py), json.dumps spacing. */
    const keyErrorData = () =>
      fail(500, {
        raw: `{"error": "'data'", "exception": "KeyError", "netbox_version": "${NETBOX_FAKE_VERSION}", "python_version": "3.12.1"}`,
      });

    function validCustomFields(objectType: string, value: unknown): Json {
      if (value === undefined || value === null) return {};
      if (typeof value !== "object" || Array.isArray(value))
        return fail(400, {
          custom_fields: [
            "Invalid data format. Custom field data must be passed as a dictionary mapping field names to their values.",
          ],
        });
      const known = new Set(fieldsFor(objectType).map((f) => f.name));
      const unknown = Object.keys(value as Json)
        .filter((k) => !known.has(k))
        .sort();
      if (unknown.length)
        fail(400, {
          custom_fields: Object.fromEntries(
            unknown.map((k) => [k, `Custom field '${k}' does not exist for this object type.`]),
          ),
        });
      return value as Json;
    }

    function relatedId(kind: "tenant" | "vlan", value: unknown): number | null {
      if (value === undefined || value === null) return null;
      const id = typeof value === "object" ? Number((value as Json).id) : Number(value);
      const exists = kind === "tenant" ? tenants.some((t) => t.id === id) : sim.vlans.has(id);
      if (!exists) fail(400, { [kind]: [`Related object not found using the provided numeric ID: ${String(value)}`] });
      return id;
    }

    function choice(field: string, value: unknown, allowed: string[], fallback: string) {
      if (value === undefined) return fallback;
      if (typeof value !== "string" || !allowed.includes(value))
        fail(400, { [field]: [`${String(value)} is not a valid choice.`] });
      return value as string;
    }

    /** Every address recorded inside a prefix (any status), as host integers. */
    const usedIn = (net: { ip: number; len: number }) =>
      new Set(
        [...sim.ipAddresses.values()].map((a) => hostOf(a.address)).filter((h) => networkOf(h, net.len) === net.ip),
      );

    /** Prefix.get_available_ips(): network and broadcast excluded for a normal IPv4 prefix below /31. */
    function availableIps(prefixId: number, limit: number) {
      const net = parseIpv4(sim.prefixes.get(prefixId)!.prefix)!;
      const size = 2 ** (32 - net.len);
      const whole = sim.prefixes.get(prefixId)!.isPool || net.len >= 31;
      const used = usedIn(net);
      const out: number[] = [];
      for (let i = whole ? 0 : 1; i <= (whole ? size - 1 : size - 2) && out.length < limit; i++)
        if (!used.has(net.ip + i)) out.push(net.ip + i);
      return out;
    }

    function createAddress(b: Json, address: string): NbIpAddress {
      const parsed = parseIpv4(address);
      if (!parsed) return keyErrorData();
      if (parsed.len === 0) fail(400, { address: ["Cannot create IP address with /0 mask."] });
      const status = choice("status", b.status, ADDRESS_STATUSES, "active");
      const tenant = relatedId("tenant", b.tenant);
      const fields = validCustomFields("ipam.ipaddress", b.custom_fields);
      const duplicate = [...sim.ipAddresses.values()]
        .filter((a) => hostOf(a.address) === parsed.ip)
        .sort((x, y) => x.id - y.id)[0];
      if (duplicate) fail(400, { address: [`Duplicate IP address found in global table: ${duplicate.address}`] });
      const a: NbIpAddress = {
        id: sim.nbId(),
        address: `${intToIp(parsed.ip)}/${parsed.len}`,
        status,
        tenant,
        dnsName: String(b.dns_name ?? ""),
        description: String(b.description ?? ""),
        customFields: fields,
      };
      sim.ipAddresses.set(a.id, a);
      return a;
    }

    function cfFilter(objectType: string) {
      const filters = fieldsFor(objectType).flatMap((f) => {
        const value = url.searchParams.get(`cf_${f.name}`);
        return value === null ? [] : [{ f, value }];
      });
      return (values: Json) =>
        filters.every(({ f, value }) => {
          const actual = values[f.name];
          if (actual === undefined || actual === null) return false;
          return f.filterLogic === "exact"
            ? String(actual) === value
            : String(actual).toLowerCase().includes(value.toLowerCase());
        });
    }

    const q = (url.searchParams.get("q") ?? "").trim();
    const path = url.pathname;
    const idIn = (re: RegExp) => {
      const id = path.match(re)?.[1];
      return id === undefined ? null : Number(id);
    };
    const prefixId = idIn(/^\/api\/ipam\/prefixes\/(\d+)\/$/);
    const availableId = idIn(/^\/api\/ipam\/prefixes\/(\d+)\/available-ips\/$/);
    const addressId = idIn(/^\/api\/ipam\/ip-addresses\/(\d+)\/$/);
    const tenantId = idIn(/^\/api\/tenancy\/tenants\/(\d+)\/$/);
    try {
      const token = authenticate();
      sim.checkFault(`netbox.${method.toLowerCase()}`);

      if (path === "/api/ipam/prefixes/") {
        if (method === "GET") {
          authorize(token, "ipam.view_prefix");
          const tenantOk = tenantFilter();
          const exact = url.searchParams
            .getAll("prefix")
            .flatMap((v) => (parseIpv4(v) ? [cidr(parseIpv4(v)!.ip, parseIpv4(v)!.len)] : []));
          const rows = [...sim.prefixes.values()]
            .filter((p) => tenantOk(p.tenant))
            .filter((p) => !url.searchParams.has("prefix") || exact.includes(p.prefix))
            .filter((p) => !q || p.prefix.includes(q) || p.description.toLowerCase().includes(q.toLowerCase()))
            .sort((a, b) => hostOf(a.prefix) - hostOf(b.prefix) || lenOf(a.prefix) - lenOf(b.prefix) || a.id - b.id);
          return sendJson(res, 200, page(rows.map((p) => prefixJson(p.id))), { "API-Version": API_VERSION });
        }
        if (method === "POST") {
          authorize(token, "ipam.add_prefix");
          const b = await body();
          if (b.prefix === undefined || b.prefix === null || b.prefix === "")
            fail(400, { prefix: ["This field is required."] });
          const parsed = parseIpv4(String(b.prefix));
          if (!parsed) return keyErrorData();
          const status = choice("status", b.status, PREFIX_STATUSES, "active");
          const tenant = relatedId("tenant", b.tenant);
          const vlan = relatedId("vlan", b.vlan);
          validCustomFields("ipam.prefix", b.custom_fields);
          if (parsed.len === 0) fail(400, { prefix: ["Cannot create prefix with /0 mask."] });
          // Duplicates are checked before save() clears the host bits (Prefix.clean()).
          const asGiven = `${intToIp(parsed.ip)}/${parsed.len}`;
          if ([...sim.prefixes.values()].some((p) => p.prefix === asGiven))
            fail(400, { prefix: [`Duplicate prefix found in global table: ${asGiven}`] });
          const p = sim.addPrefix({
            prefix: cidr(parsed.ip, parsed.len),
            status,
            tenant,
            vlan,
            description: String(b.description ?? ""),
            isPool: Boolean(b.is_pool),
          });
          return sendJson(res, 201, prefixJson(p.id), { "API-Version": API_VERSION });
        }
      }
      if (prefixId !== null) {
        const id = prefixId;
        if (method === "GET") {
          authorize(token, "ipam.view_prefix");
          if (!sim.prefixes.has(id)) fail(404, { detail: "No Prefix matches the given query." });
          return sendJson(res, 200, prefixJson(id), { "API-Version": API_VERSION });
        }
        if (method === "DELETE") {
          authorize(token, "ipam.delete_prefix");
          if (!sim.prefixes.delete(id)) fail(404, { detail: "No Prefix matches the given query." });
          res.writeHead(204, { "API-Version": API_VERSION }).end();
          return;
        }
      }
      if (availableId !== null) {
        const id = availableId;
        if (method === "GET") {
          authorize(token, "ipam.view_ipaddress");
          if (!sim.prefixes.has(id)) fail(404, { detail: "No Prefix matches the given query." });
          const len = lenOf(sim.prefixes.get(id)!.prefix);
          const limit = Math.min(Number(url.searchParams.get("limit") ?? 50) || 50, 1000);
          return sendJson(
            res,
            200,
            availableIps(id, limit).map((ip) => ({ family: 4, address: `${intToIp(ip)}/${len}`, vrf: null })),
            { "API-Version": API_VERSION },
          );
        }
        if (method === "POST") {
          // Order as AvailableObjectsView.post(): permission, parent, availability, then validation.
          authorize(token, "ipam.add_ipaddress");
          if (!sim.prefixes.has(id)) fail(404, { detail: "No Prefix matches the given query." });
          const b = await body();
          sim.checkFault("ipam.allocate");
          const [ip] = availableIps(id, 1);
          if (ip === undefined) fail(409, { detail: "Insufficient resources are available to satisfy the request" });
          const len = b.prefix_length === undefined ? lenOf(sim.prefixes.get(id)!.prefix) : Number(b.prefix_length);
          const a = createAddress(b, `${intToIp(ip)}/${len}`);
          return sendJson(res, 201, addressJson(a), { "API-Version": API_VERSION });
        }
      }
      if (path === "/api/ipam/ip-addresses/") {
        if (method === "GET") {
          authorize(token, "ipam.view_ipaddress");
          const tenantOk = tenantFilter();
          const parents = url.searchParams.getAll("parent").flatMap((v) => (parseIpv4(v) ? [parseIpv4(v)!] : []));
          const hosts = url.searchParams.getAll("address").flatMap((v) => (parseIpv4(v) ? [parseIpv4(v)!.ip] : []));
          const cfOk = cfFilter("ipam.ipaddress");
          const rows = [...sim.ipAddresses.values()]
            .filter((a) => tenantOk(a.tenant))
            .filter(
              (a) =>
                !url.searchParams.has("parent") ||
                parents.some((p) => networkOf(hostOf(a.address), p.len) === networkOf(p.ip, p.len)),
            )
            .filter((a) => !url.searchParams.has("address") || hosts.includes(hostOf(a.address)))
            .filter((a) => cfOk(a.customFields))
            .filter(
              (a) =>
                !q ||
                a.address.startsWith(q) ||
                a.dnsName.toLowerCase().includes(q.toLowerCase()) ||
                a.description.toLowerCase().includes(q.toLowerCase()),
            )
            .sort(
              (a, b) => hostOf(a.address) - hostOf(b.address) || lenOf(a.address) - lenOf(b.address) || a.id - b.id,
            );
          return sendJson(res, 200, page(rows.map(addressJson)), { "API-Version": API_VERSION });
        }
        if (method === "POST") {
          authorize(token, "ipam.add_ipaddress");
          const b = await body();
          if (b.address === undefined || b.address === null || b.address === "")
            fail(400, { address: ["This field is required."] });
          const a = createAddress(b, String(b.address));
          return sendJson(res, 201, addressJson(a), { "API-Version": API_VERSION });
        }
      }
      if (addressId !== null) {
        const a = sim.ipAddresses.get(addressId);
        if (method === "GET") {
          authorize(token, "ipam.view_ipaddress");
          if (!a) fail(404, { detail: "No IPAddress matches the given query." });
          return sendJson(res, 200, addressJson(a!), { "API-Version": API_VERSION });
        }
        if (method === "DELETE") {
          authorize(token, "ipam.delete_ipaddress");
          if (!a) fail(404, { detail: "No IPAddress matches the given query." });
          sim.checkFault("ipam.release");
          sim.ipAddresses.delete(a!.id);
          res.writeHead(204, { "API-Version": API_VERSION }).end();
          return;
        }
      }
      if (path === "/api/ipam/vlans/") {
        if (method === "GET") {
          authorize(token, "ipam.view_vlan");
          const tenantOk = tenantFilter();
          const vids = url.searchParams.getAll("vid");
          const rows = [...sim.vlans.values()]
            .filter((v) => tenantOk(v.tenant))
            .filter((v) => !vids.length || vids.includes(String(v.vid)))
            .filter((v) => !q || v.name.toLowerCase().includes(q.toLowerCase()) || String(v.vid) === q)
            .sort((a, b) => a.vid - b.vid || a.id - b.id);
          return sendJson(res, 200, page(rows.map((v) => vlanJson(v.id))), { "API-Version": API_VERSION });
        }
        if (method === "POST") {
          authorize(token, "ipam.add_vlan");
          const b = await body();
          const errors: Json = {};
          const vid = Number(b.vid);
          if (b.vid === undefined) errors.vid = ["This field is required."];
          else if (!Number.isInteger(vid)) errors.vid = ["A valid integer is required."];
          else if (vid > 4094) errors.vid = ["Ensure this value is less than or equal to 4094."];
          else if (vid < 1) errors.vid = ["Ensure this value is greater than or equal to 1."];
          const name = typeof b.name === "string" ? b.name : "";
          if (!name) errors.name = ["This field is required."];
          else if (name.length > 64) errors.name = ["Ensure this field has no more than 64 characters."];
          if (Object.keys(errors).length) fail(400, errors);
          const v = {
            id: sim.nbId(),
            vid,
            name,
            status: choice("status", b.status, VLAN_STATUSES, "active"),
            tenant: relatedId("tenant", b.tenant),
            description: String(b.description ?? ""),
          };
          validCustomFields("ipam.vlan", b.custom_fields);
          sim.vlans.set(v.id, v);
          return sendJson(res, 201, vlanJson(v.id), { "API-Version": API_VERSION });
        }
      }
      if (path === "/api/tenancy/tenants/" && method === "GET") {
        authorize(token, "tenancy.view_tenant");
        return sendJson(res, 200, page(tenants.map(tenantJson)), { "API-Version": API_VERSION });
      }
      if (tenantId !== null && method === "GET") {
        authorize(token, "tenancy.view_tenant");
        const t = tenants.find((x) => x.id === tenantId);
        if (!t) fail(404, { detail: "No Tenant matches the given query." });
        return sendJson(res, 200, tenantJson(t!), { "API-Version": API_VERSION });
      }
      if (path === "/api/extras/custom-fields/") {
        if (method === "GET") {
          authorize(token, "extras.view_customfield");
          const names = url.searchParams.getAll("name");
          const types = url.searchParams.getAll("object_type");
          const rows = [...customFields.values()]
            .filter((f) => !names.length || names.includes(f.name))
            .filter((f) => !types.length || types.some((t) => f.objectTypes.includes(t)))
            .sort((a, b) => a.name.localeCompare(b.name));
          return sendJson(res, 200, page(rows.map(customFieldJson)), { "API-Version": API_VERSION });
        }
        if (method === "POST") {
          authorize(token, "extras.add_customfield");
          const b = await body();
          const errors: Json = {};
          const name = typeof b.name === "string" ? b.name : "";
          if (!name) errors.name = ["This field is required."];
          else if (!/^[a-z0-9_]+$/.test(name) || name.includes("__"))
            errors.name = ["Only alphanumeric characters and underscores are allowed."];
          else if ([...customFields.values()].some((f) => f.name === name))
            errors.name = ["custom field with this name already exists."];
          const types = Array.isArray(b.object_types) ? (b.object_types as unknown[]).map(String) : null;
          const known = ["ipam.ipaddress", "ipam.prefix", "ipam.vlan", "dcim.device", "tenancy.tenant"];
          if (!types?.length) errors.object_types = ["This field is required."];
          else {
            const bad = types.find((t) => !known.includes(t));
            if (bad)
              errors.object_types = [
                bad.includes(".")
                  ? `Invalid content type: ${bad}`
                  : "Invalid value. Specify a content type as '<app_label>.<model_name>'.",
              ];
          }
          if (typeof b.type !== "string" || !["text", "longtext", "integer", "boolean"].includes(b.type))
            errors.type = [
              b.type === undefined ? "This field is required." : `${String(b.type)} is not a valid choice.`,
            ];
          if (Object.keys(errors).length) fail(400, errors);
          const field = addCustomField({
            name,
            label: String(b.label ?? ""),
            type: String(b.type),
            objectTypes: types!,
            description: String(b.description ?? ""),
            required: Boolean(b.required),
            filterLogic: choice("filter_logic", b.filter_logic, ["disabled", "loose", "exact"], "loose"),
            uiVisible: choice("ui_visible", b.ui_visible, ["always", "if-set", "hidden"], "always"),
            uiEditable: choice("ui_editable", b.ui_editable, ["yes", "no", "hidden"], "yes"),
          });
          return sendJson(res, 201, customFieldJson(field), { "API-Version": API_VERSION });
        }
      }
      if (path === "/api/dcim/devices/" && method === "GET") {
        authorize(token, "dcim.view_device");
        return sendJson(
          res,
          200,
          page(sim.olts().map((o, i) => ({ id: i + 1, name: o.hostAndPort, serial: o.serialNumber }))),
          { "API-Version": API_VERSION },
        );
      }
      return sendJson(res, 404, { detail: "Not found." });
    } catch (error) {
      if (error instanceof Answer) {
        const raw = (error.body as { raw?: string }).raw;
        if (raw !== undefined) {
          res.writeHead(error.status, { "content-type": "application/json" });
          res.end(raw);
          return;
        }
        return sendJson(res, error.status, error.body, error.status === 500 ? {} : { "API-Version": API_VERSION });
      }
      if (error instanceof SimulatedFault) {
        if (error.kind === "timeout") return hang(res);
        if (error.kind === "nak") return sendJson(res, 400, { detail: error.message }, { "API-Version": API_VERSION });
        res.writeHead(500, { "content-type": "application/json" });
        res.end(
          `{"error": "${error.message}", "exception": "OperationalError", "netbox_version": "${NETBOX_FAKE_VERSION}", "python_version": "3.12.1"}`,
        );
        return;
      }
      throw error;
    }
  }, options.port ?? 0);

  return {
    ...server,
    requests,
    customFieldsOnIpAddresses: () => fieldsFor("ipam.ipaddress").map((f) => f.name),
  };
}
