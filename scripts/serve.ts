// The app's HTTP server: Next.js behind a Node server that decides which forwarded headers to
// believe (run by scripts/start.ts; `next start` alone would pass a client's X-Forwarded-For on).
//   node --import tsx scripts/serve.ts start|dev <port>
// TRUSTED_PROXIES (addresses or CIDRs, comma separated): the load balancers / reverse proxies
// in front. Their X-Forwarded-* headers are used; anybody else's are dropped (scripts/app-server.ts).
import path from "node:path";
import next from "next";
import { parseTrustedProxies } from "../server/client-ip.ts";
import { appServer } from "./app-server.ts";

const [mode, portText] = process.argv.slice(2);
const port = Number(portText ?? process.env.PORT ?? 3000);
const proxies = parseTrustedProxies(process.env.TRUSTED_PROXIES);

const app = next({ dev: mode === "dev", dir: path.join(import.meta.dirname, ".."), port });
await app.prepare();
const server = appServer(app.getRequestHandler(), proxies);
if (mode === "dev") server.on("upgrade", app.getUpgradeHandler());
server.listen(port, () => console.log(`[fiberops] listening on port ${port}`));
