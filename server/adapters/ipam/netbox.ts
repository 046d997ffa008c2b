// The external-IPAM port over NetBox 4.x's REST API, held to answers recorded from a real
// NetBox 4.5.10 (simulator/netbox/README.md says where each behaviour was checked):
// - token auth: `Token <t>` for v1 tokens, `Bearer nbt_<key>.<t>` for v2 tokens;
// - lists are {count, next, previous, results} pages; `next` is followed by path, so a NetBox
//   behind a proxy that names itself differently still pages;
// - a prefix that already exists is adopted (NetBox answers 400 "Duplicate prefix" otherwise);
// - allocated addresses carry the parent's mask ("100.64.0.1/29"), not /32;
// - every subscriber address carries the custom field `fiberops_subscriber`. It needs to exist
//   in NetBox: "Test connection" checks it and, when the token may, creates it. We keep it
//   (rather than writing the subscriber into the description) because it makes allocation
//   idempotent: a retried allocation finds the address it already took by that field;
// - inputs are validated before sending: NetBox 4.5 answers an unparsable prefix or address
//   with a 500 (KeyError), which would read as "try again";
// - every refusal becomes a message that says what to change (a refused token is not a
//   read-only token, an unknown tenant id is not a server failure, and so on).
import { externalFailure } from "@/server/adapters/errors";
import type { ConnectionTest } from "@/server/adapters/olt/port";
import { type DomainError, invalid } from "@/server/errors";
import { guardedFetch } from "@/server/outbound-http";
import type { ExternalAddress, ExternalPrefix, ExternalVlan, IpamAdapter } from "./port";

export type NetBoxOptions = { baseUrl: string; token: string; timeoutMs?: number; tenantId?: number };

/** The custom field on NetBox IP addresses that names the subscriber holding the address. */
export const SUBSCRIBER_FIELD = "fiberops_subscriber";

/** How to create the custom field by hand (Customization → Custom Fields in NetBox). */
const FIELD_BY_HAND = `create it in NetBox under Customization → Custom Fields (name ${SUBSCRIBER_FIELD}, type Text, object type "IPAM > IP Address")`;

type Json = Record<string, unknown>;
type Page = { count: number; next: string | null; previous: string | null; results: Json[] };
type Reply = { status: number; body: unknown; headers: Headers };
/** What a call does, for messages: "allocate an address in prefix 4", and the NetBox permission it needs. */
type Action = { doing: string; perm: string; what?: string };

function parseIpv4(text: string) {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?:\/(\d{1,2}))?$/.exec(text);
  if (!m) return null;
  const octets = m.slice(1, 5).map(Number);
  if (octets.some((o) => o > 255)) return null;
  const len = m[5] === undefined ? null : Number(m[5]);
  if (len !== null && len > 32) return null;
  return { int: octets.reduce((a, o) => a * 256 + o, 0), len };
}

/** An IPv4 prefix NetBox will take: dotted quad, /1–/32, no host bits. */
export function checkPrefix(prefix: string) {
  const p = parseIpv4(prefix.trim());
  if (!p || p.len === null) throw invalid(`"${prefix}" is not an IPv4 prefix like 100.64.0.0/22`);
  if (p.len === 0) throw invalid("NetBox does not take a /0 prefix");
  if (p.int % 2 ** (32 - p.len) !== 0) throw invalid(`${prefix} has host bits set`);
  return prefix.trim();
}

function checkAddress(address: string) {
  const p = parseIpv4(address.trim());
  if (!p) throw invalid(`"${address}" is not an IPv4 address like 100.64.0.1 or 100.64.0.1/24`);
  if (p.len === 0) throw invalid("NetBox does not take an address with a /0 mask");
  return p.len === null ? `${address.trim()}/32` : address.trim();
}

function checkId(id: string, what: string) {
  if (!/^\d+$/.test(id)) throw invalid(`${what} "${id}" is not a NetBox object id`);
  return id;
}

const hostOf = (address: string) => address.split("/")[0];

const toAddress = (a: Json): ExternalAddress => ({
  id: String(a.id),
  address: String(a.address),
  status: typeof a.status === "object" && a.status ? String((a.status as Json).value) : String(a.status ?? ""),
  description: String(a.description ?? ""),
  dnsName: String(a.dns_name ?? ""),
});

const toPrefix = (p: Json): ExternalPrefix => ({
  id: String(p.id),
  prefix: String(p.prefix),
  description: String(p.description ?? ""),
  vlanVid: p.vlan && typeof p.vlan === "object" ? Number((p.vlan as Json).vid) : null,
});

/** DRF's field errors ({"vid": ["Ensure …"]}, {"custom_fields": {"x": "…"}}) as one sentence. */
function fieldErrors(body: unknown): string {
  if (!body || typeof body !== "object") return String(body ?? "");
  return Object.entries(body as Json)
    .map(([field, value]) => {
      const text = Array.isArray(value)
        ? value.map(String).join(" ")
        : value && typeof value === "object"
          ? Object.values(value as Json)
              .map(String)
              .join(" ")
          : String(value);
      return field === "detail" || field === "non_field_errors" ? text : `${field}: ${text}`;
    })
    .join("; ");
}

export class NetBoxClient implements IpamAdapter {
  readonly kind = "netbox" as const;
  private readonly timeoutMs: number;
  /** Prefix id → CIDR (a prefix's network never changes). */
  private readonly prefixes = new Map<string, string>();

  constructor(private readonly options: NetBoxOptions) {
    this.timeoutMs = options.timeoutMs ?? 10_000;
  }

  private get base() {
    return this.options.baseUrl.endsWith("/") ? this.options.baseUrl : `${this.options.baseUrl}/`;
  }

  private url(path: string) {
    // NetBox's `next` links are absolute and name NetBox as it sees itself; keep only the path.
    if (/^https?:\/\//.test(path)) {
      const link = new URL(path);
      const base = new URL(this.base);
      const at = link.pathname.indexOf("/api/");
      return new URL(`${base.pathname.replace(/\/$/, "")}${link.pathname.slice(at)}${link.search}`, base).toString();
    }
    return new URL(path, this.base).toString();
  }

  /** One HTTP exchange; network failures and timeouts throw, every HTTP status is returned. */
  private async send(method: string, path: string, body?: unknown): Promise<Reply> {
    const token = this.options.token.trim();
    const where = `${method} ${new URL(this.url(path)).pathname}`;
    let res: Response;
    try {
      // The NetBox address is tenant-supplied: guarded against private destinations (SSRF).
      res = await guardedFetch(this.url(path), {
        method,
        headers: {
          authorization: token.startsWith("nbt_") ? `Bearer ${token}` : `Token ${token}`,
          accept: "application/json",
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        timeoutMs: this.timeoutMs,
      });
    } catch (error) {
      const e = error as Error;
      if (e.name === "TimeoutError") throw externalFailure("NetBox", "timeout", `${where} after ${this.timeoutMs} ms`);
      throw externalFailure("NetBox", "error", `${where}: ${(e.cause as Error | undefined)?.message ?? e.message}`);
    }
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON (a proxy's error page): kept as text
    }
    return { status: res.status, body: parsed, headers: res.headers };
  }

  /** The error an operator can act on for a NetBox refusal. */
  private refusal(reply: Reply, action: Action): DomainError {
    const body = (reply.body && typeof reply.body === "object" ? reply.body : {}) as Json;
    const detail = typeof body.detail === "string" ? body.detail : null;
    const quoted = (text: string | null) => (text ? ` (NetBox: "${text}")` : "");
    if (reply.status === 401 || reply.status === 403) {
      if (detail && /permission to perform this action/i.test(detail))
        return externalFailure(
          "NetBox",
          "nak",
          `the API token may not ${action.doing}${quoted(detail)}: it needs to be write-enabled and its user needs the permission ${action.perm}`,
        );
      return externalFailure(
        "NetBox",
        "nak",
        `the API token was refused${quoted(detail ?? `HTTP ${reply.status}`)}: enter a valid token under Integrations`,
      );
    }
    if (reply.status === 404) return externalFailure("NetBox", "not_found", action.what ?? "The object");
    if (reply.status === 409)
      return externalFailure(
        "NetBox",
        "exhausted",
        `${action.what ?? "The prefix"} has no free address${quoted(detail)}`,
      );
    if (reply.status === 400) {
      const customFields = body.custom_fields as Json | undefined;
      if (customFields && typeof customFields === "object" && SUBSCRIBER_FIELD in customFields)
        return externalFailure(
          "NetBox",
          "nak",
          `NetBox has no custom field "${SUBSCRIBER_FIELD}" on IP addresses, which FiberOps writes on every subscriber address: press "Test connection" under Integrations with a token that may add custom fields, or ${FIELD_BY_HAND}`,
        );
      if (body.tenant_id || body.tenant)
        return externalFailure(
          "NetBox",
          "nak",
          `NetBox has no tenant with id ${this.options.tenantId}${quoted(fieldErrors(body))}: correct the NetBox tenant id under Integrations`,
        );
      return externalFailure("NetBox", "nak", `NetBox would not ${action.doing}: ${fieldErrors(reply.body)}`);
    }
    if (reply.status >= 500) {
      const crash =
        typeof body.exception === "string"
          ? ` ${body.exception} ${String(body.error ?? "")} in NetBox ${String(body.netbox_version ?? "")}`.trimEnd()
          : "";
      return externalFailure("NetBox", "error", `could not ${action.doing}: HTTP ${reply.status}${crash}`);
    }
    return externalFailure(
      "NetBox",
      "nak",
      `could not ${action.doing}: HTTP ${reply.status} ${fieldErrors(reply.body)}`,
    );
  }

  private async request(method: string, path: string, action: Action, body?: unknown): Promise<Reply> {
    const reply = await this.send(method, path, body);
    if (reply.status >= 200 && reply.status < 300) return reply;
    throw this.refusal(reply, action);
  }

  private query(params: Record<string, string | number | undefined>) {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== "") q.set(k, String(v));
    return q.toString();
  }

  /** Every result of a paginated list, following `next`. */
  private async all(path: string, action: Action, params: Record<string, string | number | undefined> = {}) {
    let next: string | null = `${path}?${this.query({ limit: 100, ...params })}`;
    const out: Json[] = [];
    while (next) {
      const page = (await this.request("GET", next, action)).body as Page;
      out.push(...page.results);
      next = page.next;
    }
    return out;
  }

  private get tenant() {
    return this.options.tenantId ? { tenant: this.options.tenantId } : {};
  }

  async listPrefixes(input?: { q?: string }): Promise<ExternalPrefix[]> {
    const rows = await this.all(
      "api/ipam/prefixes/",
      { doing: "list prefixes", perm: "ipam.view_prefix" },
      { q: input?.q, tenant_id: this.options.tenantId },
    );
    return rows.map(toPrefix);
  }

  /** The prefix NetBox already holds for this network in the global table, if any. */
  private async existingPrefix(prefix: string) {
    const rows = await this.all(
      "api/ipam/prefixes/",
      { doing: "look up prefixes", perm: "ipam.view_prefix" },
      { prefix },
    );
    return rows.find((p) => p.vrf === null || p.vrf === undefined) ?? null;
  }

  private adopt(p: Json): ExternalPrefix {
    const tenant = p.tenant as Json | null;
    if (this.options.tenantId && tenant && Number(tenant.id) !== this.options.tenantId)
      throw externalFailure(
        "NetBox",
        "nak",
        `the prefix ${String(p.prefix)} already exists in NetBox for the tenant "${String(tenant.name)}", not the tenant ${this.options.tenantId} configured under Integrations`,
      );
    this.prefixes.set(String(p.id), String(p.prefix));
    return { ...toPrefix(p), adopted: true };
  }

  async createPrefix(input: { prefix: string; description?: string; vlanId?: string | null }) {
    const prefix = checkPrefix(input.prefix);
    const existing = await this.existingPrefix(prefix);
    if (existing) return this.adopt(existing);
    const action = { doing: `create the prefix ${prefix}`, perm: "ipam.add_prefix" };
    const reply = await this.send("POST", "api/ipam/prefixes/", {
      prefix,
      status: "active",
      description: input.description ?? "",
      ...(input.vlanId ? { vlan: Number(checkId(input.vlanId, "VLAN")) } : {}),
      ...this.tenant,
    });
    if (reply.status === 201) {
      const p = reply.body as Json;
      this.prefixes.set(String(p.id), String(p.prefix));
      return toPrefix(p);
    }
    // Created by someone else since we looked: adopt it.
    if (reply.status === 400 && /Duplicate prefix/i.test(fieldErrors(reply.body))) {
      const raced = await this.existingPrefix(prefix);
      if (raced) return this.adopt(raced);
    }
    throw this.refusal(reply, action);
  }

  private async prefixOf(prefixId: string) {
    const known = this.prefixes.get(prefixId);
    if (known) return known;
    const p = (
      await this.request("GET", `api/ipam/prefixes/${prefixId}/`, {
        doing: `read the prefix ${prefixId}`,
        perm: "ipam.view_prefix",
        what: `Prefix ${prefixId}`,
      })
    ).body as Json;
    this.prefixes.set(prefixId, String(p.prefix));
    return String(p.prefix);
  }

  /** The address of `prefix` that already carries `reference` (an earlier attempt took it). */
  private async heldBy(prefix: string, reference: string) {
    // One page is enough: with the custom field in place the filter leaves at most a few rows;
    // without it NetBox ignores the filter and nothing below matches.
    const page = (
      await this.request(
        "GET",
        `api/ipam/ip-addresses/?${this.query({ parent: prefix, [`cf_${SUBSCRIBER_FIELD}`]: reference, tenant_id: this.options.tenantId, limit: 50 })}`,
        { doing: `list the addresses of ${prefix}`, perm: "ipam.view_ipaddress" },
      )
    ).body as Page;
    const held = page.results.find((a) => (a.custom_fields as Json | undefined)?.[SUBSCRIBER_FIELD] === reference);
    return held ? toAddress(held) : null;
  }

  async allocate(prefixId: string, input: { description: string; dnsName?: string; reference?: string }) {
    checkId(prefixId, "Prefix");
    const prefix = await this.prefixOf(prefixId);
    if (input.reference) {
      const held = await this.heldBy(prefix, input.reference);
      if (held) return held;
    }
    const reply = await this.request(
      "POST",
      `api/ipam/prefixes/${prefixId}/available-ips/`,
      {
        doing: `allocate an address in the prefix ${prefix}`,
        perm: "ipam.add_ipaddress",
        what: `The NetBox prefix ${prefix} (id ${prefixId})`,
      },
      {
        status: "active",
        description: input.description,
        dns_name: input.dnsName ?? "",
        ...this.tenant,
        ...(input.reference ? { custom_fields: { [SUBSCRIBER_FIELD]: input.reference } } : {}),
      },
    );
    const a = reply.body as Json | Json[];
    return toAddress(Array.isArray(a) ? a[0] : a);
  }

  async reserve(address: string, input: { description: string; adoptExisting?: boolean }) {
    const withMask = checkAddress(address);
    const action = { doing: `reserve ${withMask}`, perm: "ipam.add_ipaddress" };
    const reply = await this.send("POST", "api/ipam/ip-addresses/", {
      address: withMask,
      status: "reserved",
      description: input.description,
      ...this.tenant,
    });
    if (reply.status === 201) return toAddress(reply.body as Json);
    if (reply.status === 400 && /Duplicate IP address/i.test(fieldErrors(reply.body))) {
      if (input.adoptExisting) {
        const found = await this.all(
          "api/ipam/ip-addresses/",
          { doing: `look up ${hostOf(withMask)}`, perm: "ipam.view_ipaddress" },
          { address: hostOf(withMask) },
        );
        if (found[0]) return { ...toAddress(found[0]), adopted: true };
      }
      throw externalFailure(
        "NetBox",
        "nak",
        `${hostOf(withMask)} is already recorded in NetBox (${fieldErrors(reply.body)}); free it there or choose another address`,
      );
    }
    throw this.refusal(reply, action);
  }

  async release(addressId: string) {
    checkId(addressId, "IP address");
    await this.request("DELETE", `api/ipam/ip-addresses/${addressId}/`, {
      doing: `delete the IP address ${addressId}`,
      perm: "ipam.delete_ipaddress",
      what: `IP address ${addressId}`,
    });
  }

  async listAddresses(input?: { parent?: string; q?: string }) {
    return (
      await this.all(
        "api/ipam/ip-addresses/",
        { doing: "list IP addresses", perm: "ipam.view_ipaddress" },
        { parent: input?.parent, q: input?.q, tenant_id: this.options.tenantId },
      )
    ).map(toAddress);
  }

  async listVlans(): Promise<ExternalVlan[]> {
    return (
      await this.all(
        "api/ipam/vlans/",
        { doing: "list VLANs", perm: "ipam.view_vlan" },
        { tenant_id: this.options.tenantId },
      )
    ).map((v) => ({ id: String(v.id), vid: Number(v.vid), name: String(v.name) }));
  }

  async createVlan(input: { vid: number; name: string }) {
    if (!Number.isInteger(input.vid) || input.vid < 1 || input.vid > 4094)
      throw invalid(`VLAN ${input.vid} is outside 1–4094`);
    const name = input.name.trim();
    if (!name || name.length > 64) throw invalid("A NetBox VLAN name has 1 to 64 characters");
    const reply = await this.request(
      "POST",
      "api/ipam/vlans/",
      { doing: `create the VLAN ${input.vid}`, perm: "ipam.add_vlan" },
      { vid: input.vid, name, status: "active", ...this.tenant },
    );
    const v = reply.body as Json;
    return { id: String(v.id), vid: Number(v.vid), name: String(v.name) };
  }

  /**
   * Checks that the custom field exists on IP addresses and creates it when it does not and
   * the token may. The outcome says what the operator has to do, if anything.
   */
  private async ensureSubscriberField(): Promise<ConnectionTest> {
    const look = await this.send("GET", `api/extras/custom-fields/?${this.query({ name: SUBSCRIBER_FIELD })}`);
    if (look.status === 403)
      return {
        ok: false,
        message: `the token may not read custom fields (permission extras.view_customfield), so the custom field ${SUBSCRIBER_FIELD} that FiberOps writes on subscriber addresses cannot be checked: grant that permission, or ${FIELD_BY_HAND}`,
      };
    if (look.status !== 200) throw this.refusal(look, { doing: "list custom fields", perm: "extras.view_customfield" });
    const field = (look.body as Page).results.find((f) => f.name === SUBSCRIBER_FIELD);
    if (field) {
      const types = (field.object_types as string[] | undefined) ?? [];
      return types.includes("ipam.ipaddress")
        ? { ok: true, message: `custom field ${SUBSCRIBER_FIELD} present` }
        : {
            ok: false,
            message: `the custom field ${SUBSCRIBER_FIELD} exists but not on IP addresses: add "IPAM > IP Address" to its object types in NetBox`,
          };
    }
    const made = await this.send("POST", "api/extras/custom-fields/", {
      name: SUBSCRIBER_FIELD,
      label: "FiberOps subscriber",
      type: "text",
      object_types: ["ipam.ipaddress"],
      description: "The FiberOps subscriber holding this address (set by FiberOps)",
      required: false,
      filter_logic: "exact",
      ui_visible: "if-set",
      ui_editable: "no",
    });
    if (made.status === 201)
      return { ok: true, message: `created the custom field ${SUBSCRIBER_FIELD} on IP addresses` };
    if (made.status === 400 && /already exists/i.test(fieldErrors(made.body))) return this.ensureSubscriberField();
    if (made.status === 403)
      return {
        ok: false,
        message: `the custom field ${SUBSCRIBER_FIELD}, which FiberOps writes on every subscriber address, does not exist and this token may not create it: ${FIELD_BY_HAND}, or test again with a token whose user may add custom fields`,
      };
    throw this.refusal(made, { doing: "create the custom field", perm: "extras.add_customfield" });
  }

  async testConnection(): Promise<ConnectionTest> {
    try {
      const reply = await this.request(
        "GET",
        `api/ipam/prefixes/?${this.query({ limit: 1, tenant_id: this.options.tenantId })}`,
        { doing: "list prefixes", perm: "ipam.view_prefix" },
      );
      const version = reply.headers.get("api-version");
      if (version && !/^4\./.test(version))
        return {
          ok: false,
          message: `NetBox at ${this.options.baseUrl} speaks API ${version}; FiberOps supports NetBox 4.x`,
        };
      const field = await this.ensureSubscriberField();
      const count = (reply.body as Page).count;
      const tenant = this.options.tenantId ? ` of tenant ${this.options.tenantId}` : "";
      const netbox = version ? `NetBox (API ${version})` : "NetBox";
      return {
        ok: field.ok,
        message: `${netbox} at ${this.options.baseUrl} answers (${count} prefixes${tenant}); ${field.message}`,
      };
    } catch (error) {
      return { ok: false, message: (error as Error).message };
    }
  }
}
