// The DNS of the e2e app: custom-domain checks (server/adapters/dns, DNS_SERVERS) ask the DNS
// fake; specs publish records at DNS_FAKE_URL (POST /records), as a partner would at its DNS
// provider.
import type { E2eService } from "../../e2e/services.ts";
import { startFakeDns } from "./server";

export const startDnsForE2e: E2eService["start"] = async (ctx) => {
  const dns = await startFakeDns();
  ctx.log(`DNS fake at ${dns.server} (records: ${dns.url}/records)`);
  return { env: { DNS_SERVERS: dns.server, DNS_FAKE_URL: dns.url }, stop: dns.close };
};
