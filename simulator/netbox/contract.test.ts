// The fake NetBox against the answers of a real NetBox 4.5.10: each recorded exchange is
// replayed against a fresh fake brought into the same state, and the fake must answer with the
// same status and the same body (the recorded part of it when the recording was cut), ids and
// host aside. A fake that drifts from NetBox fails here.
import { describe, expect, it } from "vitest";
import { NetworkSimulator } from "@/simulator/network/state";
import { canonical, exchanges, type RecordedExchange } from "./recorded";
import { type NetBoxFake, startNetBoxFake } from "./server";

const ADMIN = "0123456789abcdef0123456789abcdef01234567";
const READ_ONLY = "1111111111111111111111111111111111111111";

type Call = { path?: string; body?: unknown; token?: string };

async function send(fake: NetBoxFake, method: string, path: string, body?: unknown, token = ADMIN) {
  const res = await fetch(`${fake.url}${path}`, {
    method,
    headers: { authorization: `Token ${token}`, "content-type": "application/json", accept: "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, text: await res.text() };
}

const post = async (fake: NetBoxFake, path: string, body: unknown) => {
  const r = await send(fake, "POST", path, body);
  if (r.status !== 201) throw new Error(`set-up ${path}: ${r.status} ${r.text}`);
  return JSON.parse(r.text) as { id: number };
};
const prefix = (fake: NetBoxFake, p: string, description = "") =>
  post(fake, "/api/ipam/prefixes/", { prefix: p, status: "active", description });
const allocate = (fake: NetBoxFake, id: number, body: unknown = { status: "active" }) =>
  post(fake, `/api/ipam/prefixes/${id}/available-ips/`, body);

/** How to bring a fresh fake into the state of each recording, and the request to replay. */
const scenarios: Record<string, (fake: NetBoxFake) => Promise<Call>> = {
  "DELETE /api/ipam/ip-addresses/{id}/ 204": async (fake) => {
    const a = await post(fake, "/api/ipam/ip-addresses/", { address: "10.97.0.9/32", status: "reserved" });
    return { path: `/api/ipam/ip-addresses/${a.id}/` };
  },
  "DELETE /api/ipam/ip-addresses/{id}/ 404": async () => ({}),
  "GET /api/ipam/ip-addresses/ 200": async (fake) => {
    const p = await prefix(fake, "100.64.0.0/29");
    for (let i = 0; i < 6; i++) await allocate(fake, p.id);
    return {};
  },
  "GET /api/ipam/prefixes/ 200": async (fake) => {
    await prefix(fake, "100.64.10.0/29");
    await prefix(fake, "100.64.20.0/29");
    return {};
  },
  "GET /api/ipam/prefixes/ 400": async () => ({}),
  "GET /api/ipam/prefixes/ 403": async () => ({ token: "not-a-token" }),
  "GET /api/ipam/vlans/ 200": async (fake) => {
    await post(fake, "/api/ipam/vlans/", { vid: 100, name: "subscribers", status: "active" });
    await post(fake, "/api/ipam/vlans/", { vid: 200, name: "subs-200", status: "active" });
    return {};
  },
  "POST /api/ipam/ip-addresses/ 201": async () => ({ body: { address: "10.97.0.1/32", status: "reserved" } }),
  "POST /api/ipam/ip-addresses/ 400": async (fake) => {
    await post(fake, "/api/ipam/ip-addresses/", { address: "10.97.0.1/32", status: "reserved" });
    return { body: { address: "10.97.0.1/32", status: "reserved" } };
  },
  "POST /api/ipam/prefixes/ 201": async () => ({
    body: { prefix: "100.64.0.0/29", status: "active", description: "real-netbox" },
  }),
  "POST /api/ipam/prefixes/ 400": async (fake) => {
    await prefix(fake, "100.64.0.0/29");
    return { body: { prefix: "100.64.0.0/29", status: "active" } };
  },
  "POST /api/ipam/prefixes/ 500": async () => ({ body: { prefix: "not-a-prefix", status: "active" } }),
  "POST /api/ipam/prefixes/{id}/available-ips/ 201": async (fake) => {
    const p = await prefix(fake, "100.64.0.0/29");
    return { path: `/api/ipam/prefixes/${p.id}/available-ips/`, body: { status: "active" } };
  },
  "POST /api/ipam/prefixes/{id}/available-ips/ 400": async (fake) => {
    const p = await prefix(fake, "100.64.7.0/29");
    return {
      path: `/api/ipam/prefixes/${p.id}/available-ips/`,
      body: { status: "active", custom_fields: { fiberops_subscriber: "0197a0e0-0000-7000-8000-000000000001" } },
    };
  },
  "POST /api/ipam/prefixes/{id}/available-ips/ 403": async (fake) => {
    const p = await prefix(fake, "100.64.5.0/29");
    return { path: `/api/ipam/prefixes/${p.id}/available-ips/`, body: { status: "active" }, token: READ_ONLY };
  },
  "POST /api/ipam/prefixes/{id}/available-ips/ 404": async () => ({ body: { status: "active" } }),
  "POST /api/ipam/prefixes/{id}/available-ips/ 409": async (fake) => {
    const p = await prefix(fake, "100.64.0.0/29");
    for (let i = 0; i < 6; i++) await allocate(fake, p.id);
    return { path: `/api/ipam/prefixes/${p.id}/available-ips/`, body: { status: "active" } };
  },
  "POST /api/ipam/vlans/ 201": async () => ({ body: { vid: 200, name: "subs-200", status: "active" } }),
  "POST /api/ipam/vlans/ 400": async () => ({ body: { vid: 5000, name: "too-big", status: "active" } }),
};

async function replay(exchange: RecordedExchange) {
  const sim = new NetworkSimulator(`netbox-contract-${exchange.method}-${exchange.status}`);
  const fake = await startNetBoxFake(sim, { tokens: [ADMIN, { token: READ_ONLY, write: false }] });
  try {
    const call = await scenarios[`${exchange.method} ${exchange.route} ${exchange.status}`](fake);
    return { fake, ...(await send(fake, exchange.method, call.path ?? exchange.path, call.body, call.token)) };
  } finally {
    await fake.close();
  }
}

describe("the fake NetBox answers as NetBox 4.5.10 did", () => {
  it("has a scenario for every recorded exchange", () => {
    expect(exchanges.map((e) => `${e.method} ${e.route} ${e.status}`).sort()).toEqual(Object.keys(scenarios).sort());
  });

  for (const exchange of exchanges) {
    it(`${exchange.method} ${exchange.path} → ${exchange.status}`, async () => {
      const { fake, status, text } = await replay(exchange);
      expect(status).toBe(exchange.status);
      const got = canonical(text, fake.url);
      const want = canonical(exchange.body, "https://netbox.example");
      if (exchange.truncated) expect(got.slice(0, want.length)).toBe(want);
      else expect(got).toBe(want);
    });
  }
});
