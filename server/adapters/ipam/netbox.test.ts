// The real NetBox client against the fake NetBox REST API, over HTTP.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startNetBoxFake } from "@/simulator/netbox/server";
import type { FakeServer } from "@/simulator/network/http";
import { NetworkSimulator } from "@/simulator/network/state";
import { NetBoxClient } from "./netbox";

const TOKEN = "a".repeat(40);
let sim: NetworkSimulator;
let fake: FakeServer;
let client: NetBoxClient;

beforeAll(async () => {
  sim = new NetworkSimulator("netbox-wire");
  fake = await startNetBoxFake(sim, { tokens: [TOKEN] });
  client = new NetBoxClient({ baseUrl: fake.url, token: TOKEN, timeoutMs: 2000 });
});
afterAll(() => fake.close());

describe("NetBox client", () => {
  it("refuses a bad token", async () => {
    const bad = new NetBoxClient({ baseUrl: fake.url, token: "wrong" });
    await expect(bad.listPrefixes()).rejects.toMatchObject({ code: "CONFLICT", details: { kind: "nak" } });
    expect((await bad.testConnection()).ok).toBe(false);
    expect((await client.testConnection()).ok).toBe(true);
  });

  it("allocates the next free address until the prefix is full (409)", async () => {
    const prefix = await client.createPrefix({ prefix: "100.64.10.0/29", description: "test" });
    const got: string[] = [];
    for (let i = 0; i < 6; i++) got.push((await client.allocate(prefix.id, { description: `sub ${i}` })).address);
    expect(got).toEqual([
      "100.64.10.1/32",
      "100.64.10.2/32",
      "100.64.10.3/32",
      "100.64.10.4/32",
      "100.64.10.5/32",
      "100.64.10.6/32",
    ]);
    await expect(client.allocate(prefix.id, { description: "one too many" })).rejects.toMatchObject({
      code: "CONFLICT",
      details: { kind: "exhausted" },
    });
    const addresses = await client.listAddresses({ parent: "100.64.10.0/29" });
    await client.release(addresses[2].id);
    expect((await client.allocate(prefix.id, { description: "reuse" })).address).toBe("100.64.10.3/32");
    await expect(client.release("999999")).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(client.allocate("424242", { description: "x" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("hands out distinct addresses to parallel requests and 409s the rest", async () => {
    const prefix = await client.createPrefix({ prefix: "100.64.20.0/29", description: "parallel" });
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) => client.allocate(prefix.id, { description: `p${i}`, reference: `s${i}` })),
    );
    const won = results.flatMap((r) => (r.status === "fulfilled" ? [r.value.address] : []));
    expect(won).toHaveLength(6);
    expect(new Set(won).size).toBe(6);
    const lost = results.flatMap((r) => (r.status === "rejected" ? [r.reason] : []));
    expect(lost).toHaveLength(4);
    for (const e of lost)
      expect(e).toMatchObject({ code: "CONFLICT", details: { kind: "exhausted", retryable: false } });
    expect((lost[0] as Error).message).toMatch(/100\.64\.20\.0\/29/);
  });

  it("reports NetBox's validation errors (400) as refusals", async () => {
    await expect(client.createPrefix({ prefix: "not-a-prefix" })).rejects.toMatchObject({
      code: "CONFLICT",
      details: { kind: "nak" },
      message: expect.stringMatching(/valid IPv4/),
    });
    await client.reserve("10.98.0.1", { description: "loopback" });
    await expect(client.reserve("10.98.0.1", { description: "again" })).rejects.toMatchObject({
      message: expect.stringMatching(/Duplicate IP address/),
    });
    await expect(client.createVlan({ vid: 5000, name: "too-big" })).rejects.toMatchObject({ details: { kind: "nak" } });
  });

  it("follows pagination across pages", async () => {
    for (let i = 0; i < 130; i++)
      await client.reserve(`10.99.${Math.floor(i / 200)}.${i + 1}`, { description: `r${i}` });
    const all = await client.listAddresses({ parent: "10.99.0.0/16" });
    expect(all).toHaveLength(130);
    expect(new Set(all.map((a) => a.id)).size).toBe(130);
    expect(all[0].status).toBe("reserved");
  });

  it("creates and lists VLANs", async () => {
    await client.createVlan({ vid: 100, name: "subscribers" });
    expect(await client.listVlans()).toEqual([expect.objectContaining({ vid: 100, name: "subscribers" })]);
  });

  it("maps server errors and timeouts", async () => {
    sim.injectFault("netbox.get", "error");
    await expect(client.listVlans()).rejects.toMatchObject({ code: "UNAVAILABLE", details: { kind: "error" } });
    sim.injectFault("netbox.get", "timeout");
    const fast = new NetBoxClient({ baseUrl: fake.url, token: TOKEN, timeoutMs: 300 });
    await expect(fast.listVlans()).rejects.toMatchObject({ code: "UNAVAILABLE", details: { kind: "timeout" } });
  });
});
