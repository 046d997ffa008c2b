// The DNS fake answers the platform's real resolver (node's c-ares, over UDP) as a real
// authoritative server would: TXT records, long values split into strings, NXDOMAIN.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SystemDnsResolver } from "@/server/adapters/dns/system";
import { type FakeDns, startFakeDns } from "./server";

let dns: FakeDns;
beforeAll(async () => {
  dns = await startFakeDns();
});
afterAll(() => dns.close());

describe("DNS fake", () => {
  it("answers TXT queries of the real resolver with what was published over HTTP", async () => {
    const resolver = new SystemDnsResolver(dns.server);
    expect(await resolver.txt("_fiberops.portal.example")).toEqual([]);
    const published = await fetch(`${dns.url}/records`, {
      method: "POST",
      body: JSON.stringify({ type: "TXT", name: "_fiberops.Portal.Example.", value: "fiberops-verify=abc" }),
    });
    expect(published.status).toBe(201);
    const long = "v".repeat(300);
    dns.publish("_fiberops.portal.example", long);
    expect((await resolver.txt("_FIBEROPS.portal.example")).sort()).toEqual(["fiberops-verify=abc", long].sort());
    expect(await resolver.txt("other.example")).toEqual([]);
    const refused = await fetch(`${dns.url}/records`, { method: "POST", body: JSON.stringify({ type: "A" }) });
    expect(refused.status).toBe(422);
  });
});
