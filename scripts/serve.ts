// The app's HTTP server: Next.js behind a Node server that decides which forwarded headers to
// believe (run by scripts/start.ts; `next start` alone would pass a client's X-Forwarded-For on).
//   node --import tsx scripts/serve.ts start|dev <port>
// TRUSTED_PROXIES (addresses or CIDRs, comma separated): the load balancers / reverse proxies
// in front. Their X-Forwarded-* headers are used; anybody else's are dropped.
import http from "node:http";
import path from "node:path";
import next from "next";
import { isTrustedProxy, parseTrustedProxies, resolveClientIp } from "../server/client-ip.ts";

const FORWARDED = [
  "x-forwarded-for",
  "x-forwarded-host",
  "x-forwarded-proto",
  "x-forwarded-port",
  "x-real-ip",
  "forwarded",
];

const [mode, portText] = process.argv.slice(2);
const port = Number(portText ?? process.env.PORT ?? 3000);
const proxies = parseTrustedProxies(process.env.TRUSTED_PROXIES);

const app = next({ dev: mode === "dev", dir: path.join(import.meta.dirname, ".."), port });
await app.prepare();
const handle = app.getRequestHandler();

const server = http.createServer((req, res) => {
  const peer = req.socket.remoteAddress ?? "";
  const forwardedFor = req.headers["x-forwarded-for"];
  const client = resolveClientIp(peer, Array.isArray(forwardedFor) ? forwardedFor.join(",") : forwardedFor, proxies);
  // From anyone but our proxies, every forwarded header is a claim; Next fills in the true ones.
  if (!isTrustedProxy(peer, proxies)) for (const name of FORWARDED) delete req.headers[name];
  req.headers["x-forwarded-for"] = client;
  void handle(req, res);
});
if (mode === "dev") server.on("upgrade", app.getUpgradeHandler());
server.listen(port, () => console.log(`[fiberops] listening on port ${port}`));
