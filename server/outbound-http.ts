// Every server-side request to an address that a user supplied (integrations, push endpoints,
// outbound webhooks) goes through here, so nobody can point the platform at its own database,
// a cloud metadata service or another internal host (SSRF).
// - The destination is checked on the address actually connected to (after DNS resolution, at
//   connect time), so a name that resolves to a private address later is refused too.
// - Loopback, private, link-local, CGNAT, multicast and reserved ranges are refused unless the
//   operator allows them in OUTBOUND_ALLOWLIST (CIDRs, addresses or host names, comma separated).
// - Redirects are never followed; callers never echo response bodies back to users.
import dns from "node:dns";
import net from "node:net";
import { Agent, fetch as undiciFetch } from "undici";
import { env } from "@/server/env";

export class OutboundRefused extends Error {
  readonly code = "OUTBOUND_REFUSED";
}

// Ranges no user-supplied destination may reach (IANA special-purpose registries).
const BLOCKED = new net.BlockList();
for (const [address, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.88.99.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const)
  BLOCKED.addSubnet(address, prefix, "ipv4");
for (const [address, prefix] of [
  ["::", 128],
  ["::1", 128],
  ["64:ff9b::", 96],
  ["100::", 64],
  ["2001:db8::", 32],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
] as const)
  BLOCKED.addSubnet(address, prefix, "ipv6");

export type Allowlist = { cidrs: net.BlockList; hosts: Set<string> };

/** Parses `10.0.0.0/8, 192.0.2.7, netbox.internal` into address ranges and host names. */
export function parseAllowlist(text: string | undefined): Allowlist {
  const cidrs = new net.BlockList();
  const hosts = new Set<string>();
  for (const raw of (text ?? "").split(",")) {
    const entry = raw.trim().toLowerCase();
    if (!entry) continue;
    const [address, prefix] = entry.split("/");
    const family = net.isIP(address);
    if (family) {
      const type = family === 4 ? "ipv4" : "ipv6";
      if (prefix === undefined) cidrs.addAddress(address, type);
      else cidrs.addSubnet(address, Number(prefix), type);
    } else hosts.add(entry);
  }
  return { cidrs, hosts };
}

let installationAllowlist: { text: string | undefined; list: Allowlist } | undefined;
function defaultAllowlist(): Allowlist {
  const text = env().OUTBOUND_ALLOWLIST;
  if (!installationAllowlist || installationAllowlist.text !== text)
    installationAllowlist = { text, list: parseAllowlist(text) };
  return installationAllowlist.list;
}

/** An IPv4 address embedded in an IPv4-mapped IPv6 address (::ffff:127.0.0.1), else null. */
function mappedIpv4(address: string): string | null {
  const match = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return match ? match[1] : null;
}

/** Whether a user-supplied destination may connect to this address. */
export function isAllowedAddress(address: string, hostname: string, allow: Allowlist = defaultAllowlist()): boolean {
  if (allow.hosts.has(hostname.toLowerCase())) return true;
  const v4 = mappedIpv4(address);
  const checked = v4 ?? address;
  const type = net.isIP(checked) === 6 ? "ipv6" : "ipv4";
  if (allow.cidrs.check(checked, type)) return true;
  return !BLOCKED.check(checked, type);
}

function refusal(hostname: string, address: string) {
  return new OutboundRefused(
    `${hostname} resolves to ${address}, a private or reserved address; an operator can allow it in OUTBOUND_ALLOWLIST`,
  );
}

/**
 * A `dns.lookup` replacement that only returns allowed addresses (for `net`/`tls`/`https`
 * agents, e.g. web-push's `agent` option).
 */
export function guardedLookup(allow?: Allowlist): net.LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, "", 4);
      const list = (addresses as dns.LookupAddress[]).filter((a) => isAllowedAddress(a.address, hostname, allow));
      if (!list.length)
        return callback(refusal(hostname, (addresses as dns.LookupAddress[])[0]?.address ?? "?"), "", 4);
      if ((options as dns.LookupOptions).all)
        return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, list);
      callback(null, list[0].address, list[0].family);
    });
  };
}

/**
 * Refuses a URL whose scheme is not http(s) or whose host is a literal address that is not
 * allowed (a name is checked when it is resolved, at connect time). Also for non-HTTP clients
 * (gRPC): `assertAllowedDestination` resolves the name and checks every address.
 */
export function assertAllowedUrl(url: URL, allow?: Allowlist) {
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new OutboundRefused(`Only http and https addresses are allowed (got ${url.protocol.replace(":", "")})`);
  if (url.username || url.password)
    throw new OutboundRefused("Put credentials in their own fields, not in the address");
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (net.isIP(host) && !isAllowedAddress(host, host, allow)) throw refusal(host, host);
}

/** Resolves `host` and refuses it if any address it resolves to is not allowed. */
export async function assertAllowedDestination(host: string, allow?: Allowlist) {
  const bare = host.replace(/^\[|\]$/g, "");
  const addresses = net.isIP(bare) ? [{ address: bare }] : await dns.promises.lookup(bare, { all: true });
  for (const { address } of addresses) if (!isAllowedAddress(address, bare, allow)) throw refusal(bare, address);
}

const agents = new WeakMap<Allowlist, Agent>();
function agentFor(allow: Allowlist): Agent {
  let agent = agents.get(allow);
  if (!agent) {
    agent = new Agent({ connect: { lookup: guardedLookup(allow) } });
    agents.set(allow, agent);
  }
  return agent;
}

export type GuardedInit = RequestInit & {
  /** Gives up after this long (default 10 s). */
  timeoutMs?: number;
  /** For tests: the allow-list to use instead of OUTBOUND_ALLOWLIST. */
  allowlist?: Allowlist;
};

/**
 * `fetch` for user-supplied destinations. Throws OutboundRefused for a refused destination or a
 * redirect; other failures are the usual fetch errors.
 */
export async function guardedFetch(input: string | URL, init: GuardedInit = {}): Promise<Response> {
  const { timeoutMs = 10_000, allowlist, ...rest } = init;
  const allow = allowlist ?? defaultAllowlist();
  const url = new URL(input);
  assertAllowedUrl(url, allow);
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = rest.signal ? AbortSignal.any([rest.signal, timeout]) : timeout;
  let response: Response;
  try {
    response = (await undiciFetch(url, {
      ...(rest as Parameters<typeof undiciFetch>[1]),
      signal,
      redirect: "manual",
      dispatcher: agentFor(allow),
    })) as unknown as Response;
  } catch (error) {
    const cause = (error as { cause?: unknown }).cause;
    if (cause instanceof OutboundRefused) throw cause;
    throw error;
  }
  if (response.status >= 300 && response.status < 400) {
    await response.body?.cancel();
    throw new OutboundRefused(
      `${url.host} answered with a redirect (HTTP ${response.status}); redirects are not followed`,
    );
  }
  return response;
}
