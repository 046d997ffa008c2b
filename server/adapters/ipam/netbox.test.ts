// The real NetBox client (1) against the answers a real NetBox 4.5.10 gave, served verbatim,
// and (2) against the fake NetBox over HTTP, which simulator/netbox/contract.test.ts holds to
// the same recordings.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recorded } from "@/simulator/netbox/recorded";
import { type NetBoxFake, startNetBoxFake } from "@/simulator/netbox/server";
import { type FakeServer, readBody, startHttp } from "@/simulator/network/http";
import { NetworkSimulator } from "@/simulator/network/state";
import { NetBoxClient, SUBSCRIBER_FIELD } from "./netbox";

const ADMIN = "a".repeat(40);
const READ_ONLY = "r".repeat(40);
/** May use IPAM but not touch custom fields. */
const IPAM_ONLY = "i".repeat(40);
const IPAM_PERMS = [
  "ipam.view_prefix",
  "ipam.add_prefix",
  "ipam.view_ipaddress",
  "ipam.add_ipaddress",
  "ipam.delete_ipaddress",
  "ipam.view_vlan",
  "ipam.add_vlan",
];

describe("NetBox client against NetBox 4.5.10's recorded answers", () => {
  /** Serves, per "METHOD /path-regex", a recorded (or derived) answer; counts requests. */
  let replay: FakeServer;
  let routes: [string, RegExp, { status: number; body: string }][] = [];
  const seen: string[] = [];
  const EMPTY_PAGE = { status: 200, body: '{"count":0,"next":null,"previous":null,"results":[]}' };
  const answer = (key: string) => ({ status: recorded(key).status, body: recorded(key).body });
  const serve = (...r: [string, RegExp, { status: number; body: string }][]) => {
    routes = r;
    seen.length = 0;
  };
  let client: NetBoxClient;

  beforeAll(async () => {
    replay = await startHttp(async (req, res, url) => {
      await readBody(req);
      seen.push(`${req.method} ${url.pathname}`);
      const hit = routes.find(([m, re]) => m === req.method && re.test(url.pathname));
      if (!hit) return void res.writeHead(599).end();
      res.writeHead(hit[2].status, { "content-type": "application/json" }).end(hit[2].body);
    });
    client = new NetBoxClient({ baseUrl: replay.url, token: ADMIN, timeoutMs: 2000 });
  });
  afterAll(() => replay.close());

  it("takes a 204 on release and reports a 404 as not found", async () => {
    serve(["DELETE", /ip-addresses\/147\/$/, answer("DELETE /api/ipam/ip-addresses/{id}/ 204")]);
    await client.release("147");
    serve(["DELETE", /ip-addresses\/999999\/$/, answer("DELETE /api/ipam/ip-addresses/{id}/ 404")]);
    await expect(client.release("999999")).rejects.toMatchObject({ code: "NOT_FOUND", details: { kind: "not_found" } });
  });

  it("tells a refused token from a token that may not write", async () => {
    serve(["GET", /prefixes\/$/, answer("GET /api/ipam/prefixes/ 403")]);
    const refused = client.listPrefixes();
    await expect(refused).rejects.toMatchObject({ code: "CONFLICT", details: { kind: "nak", retryable: false } });
    await expect(refused).rejects.toThrow(/token was refused \(NetBox: "Invalid v1 token"\).*Integrations/);
    expect((await client.testConnection()).message).toMatch(/token was refused/);

    serve(
      ["GET", /prefixes\/5\/$/, { status: 200, body: '{"id":5,"prefix":"100.64.5.0/29"}' }],
      ["GET", /ip-addresses\/$/, EMPTY_PAGE],
      ["POST", /prefixes\/5\/available-ips\/$/, answer("POST /api/ipam/prefixes/{id}/available-ips/ 403")],
    );
    const readOnly = client.allocate("5", { description: "x", reference: "sub-1" });
    await expect(readOnly).rejects.toMatchObject({ code: "CONFLICT", details: { kind: "nak" } });
    await expect(readOnly).rejects.toThrow(
      /may not allocate an address in the prefix 100\.64\.5\.0\/29.*ipam\.add_ipaddress/,
    );
    await expect(readOnly).rejects.not.toThrow(/was refused/);
  });

  it("names an unknown NetBox tenant as a setting to correct", async () => {
    serve(["GET", /prefixes\/$/, answer("GET /api/ipam/prefixes/ 400")]);
    const other = new NetBoxClient({ baseUrl: replay.url, token: ADMIN, tenantId: 999999 });
    await expect(other.listPrefixes()).rejects.toThrow(/no tenant with id 999999.*correct the NetBox tenant id/);
    expect((await other.testConnection()).ok).toBe(false);
  });

  it("maps a full prefix (409) to 'exhausted' naming the prefix, which NetBox's text does not", async () => {
    expect(recorded("POST /api/ipam/prefixes/{id}/available-ips/ 409").body).not.toMatch(/100\.64/);
    serve(
      ["GET", /prefixes\/4\/$/, { status: 200, body: '{"id":4,"prefix":"100.64.0.0/29"}' }],
      ["POST", /prefixes\/4\/available-ips\/$/, answer("POST /api/ipam/prefixes/{id}/available-ips/ 409")],
    );
    const full = client.allocate("4", { description: "x" });
    await expect(full).rejects.toMatchObject({ code: "CONFLICT", details: { kind: "exhausted", retryable: false } });
    await expect(full).rejects.toThrow(/100\.64\.0\.0\/29.*no free address.*Insufficient resources/);
  });

  it("says how to get the custom field when NetBox rejects it (400)", async () => {
    serve(
      ["GET", /prefixes\/7\/$/, { status: 200, body: '{"id":7,"prefix":"100.64.7.0/29"}' }],
      ["GET", /ip-addresses\/$/, EMPTY_PAGE],
      ["POST", /prefixes\/7\/available-ips\/$/, answer("POST /api/ipam/prefixes/{id}/available-ips/ 400")],
    );
    const missing = client.allocate("7", { description: "x", reference: "sub-1" });
    await expect(missing).rejects.toMatchObject({ code: "CONFLICT", details: { kind: "nak", retryable: false } });
    await expect(missing).rejects.toThrow(
      new RegExp(`no custom field "${SUBSCRIBER_FIELD}".*Test connection.*Customization → Custom Fields`),
    );
  });

  it("reports an unknown prefix (404) as not found", async () => {
    const notFound = answer("POST /api/ipam/prefixes/{id}/available-ips/ 404");
    serve(["GET", /prefixes\/424242\/$/, notFound], ["POST", /available-ips\/$/, notFound]);
    await expect(client.allocate("424242", { description: "x" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("never sends what NetBox 4.5 answers with a 500, and reads a 500 as retryable", async () => {
    serve(["GET", /prefixes\/$/, EMPTY_PAGE], ["POST", /prefixes\/$/, answer("POST /api/ipam/prefixes/ 500")]);
    for (const bad of ["not-a-prefix", "300.1.1.0/24", "10.0.0.0/33", "10.0.0.1/24", "0.0.0.0/0"])
      await expect(client.createPrefix({ prefix: bad })).rejects.toMatchObject({ code: "INVALID" });
    await expect(client.reserve("10.0.0.300", { description: "x" })).rejects.toMatchObject({ code: "INVALID" });
    await expect(client.createVlan({ vid: 5000, name: "x" })).rejects.toMatchObject({ code: "INVALID" });
    expect(seen).toEqual([]);
    // Should NetBox fail anyway, the failure is a retryable "unavailable" naming NetBox's exception.
    const crashed = client.createPrefix({ prefix: "100.64.0.0/29" });
    await expect(crashed).rejects.toMatchObject({ code: "UNAVAILABLE", details: { kind: "error", retryable: true } });
    await expect(crashed).rejects.toThrow(/HTTP 500 KeyError 'data' in NetBox 4\.5\.10/);
  });

  it("passes NetBox's validation errors on (duplicate address, VLAN out of range)", async () => {
    serve(["POST", /ip-addresses\/$/, answer("POST /api/ipam/ip-addresses/ 400")]);
    await expect(client.reserve("10.97.0.1", { description: "x" })).rejects.toThrow(
      /10\.97\.0\.1 is already recorded in NetBox.*Duplicate IP address found in global table: 10\.97\.0\.1\/32/,
    );
    serve(["POST", /vlans\/$/, answer("POST /api/ipam/vlans/ 400")]);
    await expect(client.createVlan({ vid: 200, name: "x" })).rejects.toThrow(
      /would not create the VLAN 200: vid: Ensure this value is less than or equal to 4094/,
    );
  });

  it("looks again when NetBox reports a duplicate prefix it did not list, and passes the refusal on", async () => {
    serve(["GET", /prefixes\/$/, EMPTY_PAGE], ["POST", /prefixes\/$/, answer("POST /api/ipam/prefixes/ 400")]);
    const dup = client.createPrefix({ prefix: "100.64.0.0/29" });
    await expect(dup).rejects.toMatchObject({ code: "CONFLICT", details: { kind: "nak" } });
    await expect(dup).rejects.toThrow(/Duplicate prefix found in global table: 100\.64\.0\.0\/29/);
    expect(seen.filter((s) => s.startsWith("GET"))).toHaveLength(2);
  });
});

describe("NetBox client against the fake NetBox", () => {
  let sim: NetworkSimulator;
  let fake: NetBoxFake;
  let client: NetBoxClient;

  beforeAll(async () => {
    sim = new NetworkSimulator("netbox-wire");
    fake = await startNetBoxFake(sim, {
      tokens: [ADMIN, { token: READ_ONLY, write: false }, { token: IPAM_ONLY, permissions: IPAM_PERMS }],
      tenants: [
        { id: 1, name: "Acme Fiber", slug: "acme" },
        { id: 2, name: "Other ISP", slug: "other" },
      ],
    });
    client = new NetBoxClient({ baseUrl: fake.url, token: ADMIN, timeoutMs: 2000 });
  });
  afterAll(() => fake.close());

  it("test connection creates the custom field when the token may, and says what to do when it may not", async () => {
    const limited = new NetBoxClient({ baseUrl: fake.url, token: IPAM_ONLY });
    const before = await limited.testConnection();
    expect(before.ok).toBe(false);
    expect(before.message).toMatch(/may not read custom fields.*Customization → Custom Fields/);
    const readOnly = await new NetBoxClient({ baseUrl: fake.url, token: READ_ONLY }).testConnection();
    expect(readOnly).toMatchObject({ ok: false, message: expect.stringMatching(/may not create it/) });
    expect(fake.customFieldsOnIpAddresses()).toEqual([]);

    const created = await client.testConnection();
    expect(created).toMatchObject({ ok: true, message: expect.stringMatching(/API 4\.5.*created the custom field/) });
    expect(fake.customFieldsOnIpAddresses()).toEqual([SUBSCRIBER_FIELD]);
    expect((await client.testConnection()).message).toMatch(/custom field fiberops_subscriber present/);
    expect((await new NetBoxClient({ baseUrl: fake.url, token: "nope" }).testConnection()).message).toMatch(
      /token was refused/,
    );
  });

  it("allocates with the parent's mask until the prefix is full, then names it", async () => {
    const prefix = await client.createPrefix({ prefix: "100.64.10.0/29", description: "test" });
    expect(prefix.adopted).toBeUndefined();
    const got: string[] = [];
    for (let i = 0; i < 6; i++)
      got.push((await client.allocate(prefix.id, { description: `sub ${i}`, reference: `s${i}` })).address);
    expect(got).toEqual([1, 2, 3, 4, 5, 6].map((n) => `100.64.10.${n}/29`));
    await expect(client.allocate(prefix.id, { description: "one too many" })).rejects.toMatchObject({
      code: "CONFLICT",
      details: { kind: "exhausted" },
      message: expect.stringMatching(/100\.64\.10\.0\/29/),
    });
    const addresses = await client.listAddresses({ parent: "100.64.10.0/29" });
    await client.release(addresses[2].id);
    expect((await client.allocate(prefix.id, { description: "reuse" })).address).toBe("100.64.10.3/29");
    await expect(client.release("999999")).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(client.allocate("424242", { description: "x" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("gives a retried allocation the address it already took", async () => {
    const prefix = await client.createPrefix({ prefix: "100.64.30.0/29" });
    const first = await client.allocate(prefix.id, { description: "sub", reference: "subscriber-42" });
    const again = await client.allocate(prefix.id, { description: "sub", reference: "subscriber-42" });
    expect(again).toEqual(first);
    const other = await client.allocate(prefix.id, { description: "sub", reference: "subscriber-43" });
    expect(other.address).not.toBe(first.address);
  });

  it("hands out distinct addresses to 20 parallel requests and 409s the rest", async () => {
    const prefix = await client.createPrefix({ prefix: "100.64.20.0/28", description: "parallel" });
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => client.allocate(prefix.id, { description: `p${i}`, reference: `p${i}` })),
    );
    const won = results.flatMap((r) => (r.status === "fulfilled" ? [r.value.address] : []));
    expect(won).toHaveLength(14);
    expect(new Set(won).size).toBe(14);
    const lost = results.flatMap((r) => (r.status === "rejected" ? [r.reason] : []));
    expect(lost).toHaveLength(6);
    for (const e of lost)
      expect(e).toMatchObject({ code: "CONFLICT", details: { kind: "exhausted", retryable: false } });
  });

  it("adopts a prefix NetBox already holds, and its recorded gateway", async () => {
    const existing = await client.createPrefix({ prefix: "100.64.40.0/24", description: "made in NetBox" });
    await client.reserve("100.64.40.1/24", { description: "core router" });
    const again = await client.createPrefix({ prefix: "100.64.40.0/24", description: "FiberOps pool" });
    expect(again).toMatchObject({ id: existing.id, adopted: true });
    const gateway = await client.reserve("100.64.40.1/24", { description: "gateway", adoptExisting: true });
    expect(gateway).toMatchObject({ address: "100.64.40.1/24", adopted: true });
    await expect(client.reserve("100.64.40.1", { description: "static" })).rejects.toThrow(/already recorded/);
    // The gateway is never handed out.
    expect((await client.allocate(existing.id, { description: "first" })).address).toBe("100.64.40.2/24");
  });

  it("refuses to adopt a prefix that belongs to another NetBox tenant", async () => {
    const acme = new NetBoxClient({ baseUrl: fake.url, token: ADMIN, tenantId: 1 });
    const other = new NetBoxClient({ baseUrl: fake.url, token: ADMIN, tenantId: 2 });
    await other.createPrefix({ prefix: "100.64.50.0/29" });
    await expect(acme.createPrefix({ prefix: "100.64.50.0/29" })).rejects.toThrow(/tenant "Other ISP"/);
  });

  it("keeps to its NetBox tenant in every list", async () => {
    const acme = new NetBoxClient({ baseUrl: fake.url, token: ADMIN, tenantId: 1 });
    const other = new NetBoxClient({ baseUrl: fake.url, token: ADMIN, tenantId: 2 });
    const p = await acme.createPrefix({ prefix: "100.64.60.0/29" });
    await acme.allocate(p.id, { description: "acme sub", reference: "acme-1" });
    await acme.createVlan({ vid: 300, name: "acme" });
    expect((await acme.listPrefixes()).map((x) => x.prefix)).toEqual(["100.64.60.0/29"]);
    expect((await other.listPrefixes()).map((x) => x.prefix)).toEqual(["100.64.50.0/29"]);
    expect((await acme.listAddresses()).map((a) => a.description)).toEqual(["acme sub"]);
    expect(await other.listAddresses()).toEqual([]);
    expect((await acme.listVlans()).map((v) => v.vid)).toEqual([300]);
    expect(await other.listVlans()).toEqual([]);
    expect((await acme.testConnection()).message).toMatch(/of tenant 1/);
    await expect(new NetBoxClient({ baseUrl: fake.url, token: ADMIN, tenantId: 7 }).listVlans()).rejects.toThrow(
      /no tenant with id 7/,
    );
  });

  it("never sends an invalid prefix", async () => {
    const before = fake.requests.length;
    await expect(client.createPrefix({ prefix: "not-a-prefix" })).rejects.toMatchObject({ code: "INVALID" });
    expect(fake.requests.length).toBe(before);
  });

  it("follows pagination across pages", async () => {
    for (let i = 0; i < 130; i++) await client.reserve(`10.99.0.${i + 1}`, { description: `r${i}` });
    const all = await client.listAddresses({ parent: "10.99.0.0/16" });
    expect(all).toHaveLength(130);
    expect(new Set(all.map((a) => a.id)).size).toBe(130);
    expect(all[0]).toMatchObject({ status: "reserved", address: "10.99.0.1/32" });
  });

  it("tells a write refused to a read-only token apart", async () => {
    const readOnly = new NetBoxClient({ baseUrl: fake.url, token: READ_ONLY });
    await expect(readOnly.createVlan({ vid: 101, name: "x" })).rejects.toThrow(
      /may not create the VLAN 101.*ipam\.add_vlan/,
    );
    expect(await readOnly.listVlans()).toEqual(expect.any(Array));
  });

  it("maps server errors and timeouts", async () => {
    sim.injectFault("netbox.get", "error");
    await expect(client.listVlans()).rejects.toMatchObject({ code: "UNAVAILABLE", details: { kind: "error" } });
    sim.injectFault("netbox.get", "timeout");
    const fast = new NetBoxClient({ baseUrl: fake.url, token: ADMIN, timeoutMs: 300 });
    await expect(fast.listVlans()).rejects.toMatchObject({ code: "UNAVAILABLE", details: { kind: "timeout" } });
  });
});
