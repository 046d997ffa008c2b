// The client's address. The app's HTTP server (scripts/serve.ts) replaces X-Forwarded-For with
// the one address it trusts before Next.js sees the request: the socket's peer, or — only when
// that peer is a configured proxy (TRUSTED_PROXIES) — the nearest address in the forwarded
// chain that is not a proxy of ours. A client-sent header never gets through as it came.
import net from "node:net";

/** The address as the request headers give it (after the server above rewrote them). */
export function clientIp(headers: Headers): string | null {
  return headers.get("x-forwarded-for")?.split(",")[0]?.trim() || null;
}

/** `10.0.0.0/8, 192.0.2.7, ::1` → the proxies whose forwarded headers are believed. */
export function parseTrustedProxies(text: string | undefined): net.BlockList {
  const list = new net.BlockList();
  for (const raw of (text ?? "").split(",")) {
    const entry = raw.trim();
    if (!entry) continue;
    const [address, prefix] = entry.split("/");
    const family = net.isIP(address);
    if (!family) throw new Error(`TRUSTED_PROXIES: "${entry}" is not an address or CIDR`);
    const type = family === 4 ? "ipv4" : "ipv6";
    if (prefix === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(prefix), type);
  }
  return list;
}

/** ::ffff:192.0.2.1 → 192.0.2.1 (a dual-stack socket reports IPv4 peers this way). */
function plain(address: string): string {
  return /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1] ?? address;
}

/** Whether `address` is one of our proxies. */
export function isTrustedProxy(address: string, proxies: net.BlockList): boolean {
  const bare = plain(address);
  const family = net.isIP(bare);
  return family !== 0 && proxies.check(bare, family === 4 ? "ipv4" : "ipv6");
}

/**
 * The client of a connection from `peer` carrying `forwardedFor`: the peer itself unless it is
 * a trusted proxy; then the forwarded chain read from the right, skipping our own proxies
 * (a client can prepend anything, but only the entries our proxies appended are true).
 */
export function resolveClientIp(peer: string, forwardedFor: string | undefined, proxies: net.BlockList): string {
  const direct = plain(peer);
  if (!isTrustedProxy(direct, proxies)) return direct;
  const chain = (forwardedFor ?? "")
    .split(",")
    .map((part) => plain(part.trim()))
    .filter(Boolean);
  for (let i = chain.length - 1; i >= 0; i--) {
    if (!net.isIP(chain[i])) return direct; // a malformed entry: believe nothing beyond it
    if (!isTrustedProxy(chain[i], proxies)) return chain[i];
  }
  return chain[0] ?? direct;
}
