// The external-IPAM port over NetBox's REST API: token auth, paginated lists
// ({count, next, previous, results} with limit/offset), and next-free-address allocation via
// POST /api/ipam/prefixes/{id}/available-ips/ (201 with the address, 409 when the prefix is full).
import { externalFailure } from "@/server/adapters/errors";
import type { ExternalAddress, ExternalPrefix, ExternalVlan, IpamAdapter } from "./port";

export type NetBoxOptions = { baseUrl: string; token: string; timeoutMs?: number; tenantId?: number };

type Json = Record<string, unknown>;
type Page = { count: number; next: string | null; previous: string | null; results: Json[] };

const toAddress = (a: Json): ExternalAddress => ({
  id: String(a.id),
  address: String(a.address),
  status: typeof a.status === "object" && a.status ? String((a.status as Json).value) : String(a.status ?? ""),
  description: String(a.description ?? ""),
  dnsName: String(a.dns_name ?? ""),
});

export class NetBoxClient implements IpamAdapter {
  readonly kind = "netbox" as const;
  private readonly timeoutMs: number;

  constructor(private readonly options: NetBoxOptions) {
    this.timeoutMs = options.timeoutMs ?? 10_000;
  }

  private url(path: string) {
    if (/^https?:\/\//.test(path)) return path;
    return new URL(
      path,
      this.options.baseUrl.endsWith("/") ? this.options.baseUrl : `${this.options.baseUrl}/`,
    ).toString();
  }

  private async request(method: string, path: string, body?: unknown, what = "object") {
    let res: Response;
    try {
      res = await fetch(this.url(path), {
        method,
        headers: {
          authorization: `Token ${this.options.token}`,
          accept: "application/json",
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      const e = error as Error;
      if (e.name === "TimeoutError")
        throw externalFailure("NetBox", "timeout", `${method} ${path.split("?")[0]} after ${this.timeoutMs} ms`);
      throw externalFailure("NetBox", "error", `${method} ${path.split("?")[0]}: ${e.message}`);
    }
    if (res.status === 404) throw externalFailure("NetBox", "not_found", what);
    if (res.status === 401 || res.status === 403)
      throw externalFailure(
        "NetBox",
        "nak",
        `the API token was refused (HTTP ${res.status}); check the token in Integrations`,
      );
    if (res.status === 409) {
      const detail = ((await res.json().catch(() => ({}))) as Json).detail;
      throw externalFailure("NetBox", "exhausted", String(detail ?? `${what} is full`));
    }
    if (res.status >= 500)
      throw externalFailure("NetBox", "error", `${method} ${path.split("?")[0]}: HTTP ${res.status}`);
    if (res.status >= 400)
      throw externalFailure("NetBox", "nak", `${method} ${path.split("?")[0]}: HTTP ${res.status} ${await res.text()}`);
    return res.status === 204 ? null : ((await res.json()) as unknown);
  }

  /** Every result of a paginated list, following `next`. */
  private async all(path: string, params: Record<string, string | number | undefined> = {}) {
    const q = new URLSearchParams({ limit: "100" });
    for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== "") q.set(k, String(v));
    let next: string | null = `${path}?${q}`;
    const out: Json[] = [];
    while (next) {
      const page = (await this.request("GET", next)) as Page;
      out.push(...page.results);
      next = page.next;
    }
    return out;
  }

  async listPrefixes(input?: { q?: string }): Promise<ExternalPrefix[]> {
    const rows = await this.all("api/ipam/prefixes/", { q: input?.q, tenant_id: this.options.tenantId });
    return rows.map((p) => ({
      id: String(p.id),
      prefix: String(p.prefix),
      description: String(p.description ?? ""),
      vlanVid: p.vlan && typeof p.vlan === "object" ? Number((p.vlan as Json).vid) : null,
    }));
  }

  async createPrefix(input: { prefix: string; description?: string; vlanId?: string | null }) {
    const p = (await this.request("POST", "api/ipam/prefixes/", {
      prefix: input.prefix,
      status: "active",
      description: input.description ?? "",
      ...(input.vlanId ? { vlan: Number(input.vlanId) } : {}),
      ...(this.options.tenantId ? { tenant: this.options.tenantId } : {}),
    })) as Json;
    return { id: String(p.id), prefix: String(p.prefix), description: String(p.description ?? ""), vlanVid: null };
  }

  async allocate(prefixId: string, input: { description: string; dnsName?: string; reference?: string }) {
    const a = (await this.request(
      "POST",
      `api/ipam/prefixes/${encodeURIComponent(prefixId)}/available-ips/`,
      {
        status: "active",
        description: input.description,
        dns_name: input.dnsName ?? "",
        ...(this.options.tenantId ? { tenant: this.options.tenantId } : {}),
        ...(input.reference ? { custom_fields: { fiberops_subscriber: input.reference } } : {}),
      },
      `prefix ${prefixId}`,
    )) as Json | Json[];
    return toAddress(Array.isArray(a) ? a[0] : a);
  }

  async reserve(address: string, input: { description: string }) {
    const a = (await this.request("POST", "api/ipam/ip-addresses/", {
      address: address.includes("/") ? address : `${address}/32`,
      status: "reserved",
      description: input.description,
      ...(this.options.tenantId ? { tenant: this.options.tenantId } : {}),
    })) as Json;
    return toAddress(a);
  }

  async release(addressId: string) {
    await this.request(
      "DELETE",
      `api/ipam/ip-addresses/${encodeURIComponent(addressId)}/`,
      undefined,
      `IP address ${addressId}`,
    );
  }

  async listAddresses(input?: { parent?: string; q?: string }) {
    return (
      await this.all("api/ipam/ip-addresses/", { parent: input?.parent, q: input?.q, tenant_id: this.options.tenantId })
    ).map(toAddress);
  }

  async listVlans(): Promise<ExternalVlan[]> {
    return (await this.all("api/ipam/vlans/", { tenant_id: this.options.tenantId })).map((v) => ({
      id: String(v.id),
      vid: Number(v.vid),
      name: String(v.name),
    }));
  }

  async createVlan(input: { vid: number; name: string }) {
    const v = (await this.request("POST", "api/ipam/vlans/", {
      vid: input.vid,
      name: input.name,
      status: "active",
      ...(this.options.tenantId ? { tenant: this.options.tenantId } : {}),
    })) as Json;
    return { id: String(v.id), vid: Number(v.vid), name: String(v.name) };
  }

  async testConnection() {
    try {
      const page = (await this.request("GET", "api/ipam/prefixes/?limit=1")) as Page;
      return { ok: true, message: `NetBox at ${this.options.baseUrl} answers (${page.count} prefixes)` };
    } catch (error) {
      return { ok: false, message: (error as Error).message };
    }
  }
}
