// The HTTP server in front of Next.js's request handler (scripts/serve.ts runs it): it decides
// which forwarded headers to believe before the app sees the request. From anyone but our
// proxies (TRUSTED_PROXIES) every X-Forwarded-*/Forwarded/X-Real-IP header is dropped; then
// X-Forwarded-For is set to the one client address the app may use (server/client-ip.ts).
import http from "node:http";
import type net from "node:net";
import { isTrustedProxy, resolveClientIp } from "../server/client-ip.ts";

const FORWARDED = [
  "x-forwarded-for",
  "x-forwarded-host",
  "x-forwarded-proto",
  "x-forwarded-port",
  "x-real-ip",
  "forwarded",
];

export function appServer(
  handle: (req: http.IncomingMessage, res: http.ServerResponse) => unknown,
  proxies: net.BlockList,
): http.Server {
  return http.createServer((req, res) => {
    const peer = req.socket.remoteAddress ?? "";
    const forwardedFor = req.headers["x-forwarded-for"];
    const client = resolveClientIp(peer, Array.isArray(forwardedFor) ? forwardedFor.join(",") : forwardedFor, proxies);
    // From anyone but our proxies, every forwarded header is a claim; Next fills in the true ones.
    if (!isTrustedProxy(peer, proxies)) for (const name of FORWARDED) delete req.headers[name];
    req.headers["x-forwarded-for"] = client;
    void handle(req, res);
  });
}
