// The real resolver: the system's DNS (or DNS_SERVERS, comma separated), with a timeout.
import { Resolver } from "node:dns/promises";
import type { DnsResolver } from "./port";

const ABSENT = new Set(["ENOTFOUND", "ENODATA", "NXDOMAIN", "ESERVFAIL"]);

export class SystemDnsResolver implements DnsResolver {
  private readonly resolver: Resolver;

  constructor(servers = process.env.DNS_SERVERS, timeoutMs = 5_000) {
    this.resolver = new Resolver({ timeout: timeoutMs, tries: 2 });
    const list = servers
      ?.split(",")
      .map((s) => s.trim())
      .filter(Boolean);
    if (list?.length) this.resolver.setServers(list);
  }

  async txt(name: string): Promise<string[]> {
    try {
      return (await this.resolver.resolveTxt(name)).map((chunks) => chunks.join(""));
    } catch (error) {
      if (ABSENT.has((error as { code?: string }).code ?? "")) return [];
      throw error;
    }
  }
}
