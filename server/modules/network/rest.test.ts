// The VOLTHA-style REST API, called through its route handlers with an API token.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import * as firmware from "@/app/api/v1/voltha/olts/[id]/firmware/route";
import * as portOnus from "@/app/api/v1/voltha/olts/[id]/ports/[port]/onus/route";
import * as ports from "@/app/api/v1/voltha/olts/[id]/ports/route";
import * as olts from "@/app/api/v1/voltha/olts/route";
import * as activate from "@/app/api/v1/voltha/onus/[serial]/activate/route";
import * as bandwidth from "@/app/api/v1/voltha/onus/[serial]/bandwidth/route";
import * as onu from "@/app/api/v1/voltha/onus/[serial]/route";
import * as signal from "@/app/api/v1/voltha/onus/[serial]/signal-strength/route";
import * as webhook from "@/app/api/v1/voltha/onus/discovery-webhook/route";
import * as onus from "@/app/api/v1/voltha/onus/route";
import { builtInRole } from "@/server/modules/identity";
import { hashToken } from "@/server/rest";
import type { ServiceContext } from "@/server/service-context";
import { type TestDatabase, testDatabase } from "@/server/testing/db";
import { tenantContext } from "@/server/testing/network-fixtures";
import { callRoute, type RouteHandler } from "@/server/testing/rest";
import { readBody, startHttp } from "@/simulator/network/http";
import { simulatorFor } from "@/simulator/network/state";
import { startEventBridge } from "@/simulator/voltha/events";
import { PON_PORT_BASE, registerOlt } from "./service";

// next-auth cannot load under vitest (it imports next/server); these calls use API tokens,
// so the browser-session path is simply absent.
vi.mock("@/server/auth", () => ({ auth: async () => null }));

let t: TestDatabase;
let svc: ServiceContext;
let oltId: string;
const TOKEN = "fo_test_network_token_0123456789";
const READ_TOKEN = "fo_test_readonly_token_0123456789";

function call<P>(
  handler: RouteHandler<P>,
  method: string,
  path: string,
  params: P,
  opts: { body?: unknown; token?: string; headers?: Record<string, string> } = {},
) {
  return callRoute(handler, method, path, params, { ...opts, token: opts.token ?? TOKEN });
}

beforeAll(async () => {
  t = await testDatabase();
  svc = await tenantContext(t.prisma);
  const noc = await builtInRole(t.prisma, "noc_engineer");
  const tech = await builtInRole(t.prisma, "field_technician");
  await t.prisma.apiToken.createMany({
    data: [
      { tenantId: svc.tenantId, name: "voltha-bridge", roleId: noc.id, tokenHash: hashToken(TOKEN), prefix: "fo_test" },
      {
        tenantId: svc.tenantId,
        name: "read-only",
        roleId: tech.id,
        tokenHash: hashToken(READ_TOKEN),
        prefix: "fo_test",
      },
    ],
  });
  oltId = (await registerOlt(svc, { name: "REST-OLT", hostAndPort: "10.5.0.1:9191" })).id;
});
afterAll(() => t.drop());

describe("REST /api/v1/voltha", () => {
  it("lists OLTs, ports and the ONUs of one port", async () => {
    const res = await call(olts.GET, "GET", "/api/v1/voltha/olts", {});
    expect(res.status).toBe(200);
    expect((await res.json()).rows[0].name).toBe("REST-OLT");
    const p = await (await call(ports.GET, "GET", `/api/v1/voltha/olts/${oltId}/ports`, { id: oltId })).json();
    expect(p.ports).toHaveLength(4);
    const list = await call(portOnus.GET, "GET", `/api/v1/voltha/olts/${oltId}/ports/pon-1/onus`, {
      id: oltId,
      port: "pon-1",
    });
    expect((await list.json()).total).toBe(4);
    const missing = await call(portOnus.GET, "GET", "x", { id: oltId, port: "pon-9" });
    expect(missing.status).toBe(404);
  });

  it("activates an ONU with a bandwidth profile, changes it and reads its signal", async () => {
    const all = await (await call(onus.GET, "GET", "/api/v1/voltha/onus?q=&page_size=50", {})).json();
    expect(all.total).toBe(16);
    const serial = all.rows[0].serialNumber as string;
    const body = { downstreamKbps: 200_000, upstreamKbps: 50_000 };
    const headers = { "idempotency-key": "act-1" };
    const first = await call(activate.POST, "POST", "x", { serial }, { body, headers });
    expect(first.status).toBe(200);
    const again = await call(activate.POST, "POST", "x", { serial }, { body, headers });
    expect((await again.json()).id).toBe((await first.json()).id);
    const other = await call(
      activate.POST,
      "POST",
      "x",
      { serial },
      { body: { ...body, upstreamKbps: 1000 }, headers },
    );
    expect(other.status).toBe(409);
    const got = await (await call(onu.GET, "GET", "x", { serial })).json();
    expect(got).toMatchObject({ state: "ACTIVE", downstreamKbps: 200_000 });
    const patched = await call(
      bandwidth.PATCH,
      "PATCH",
      "x",
      { serial },
      { body: { downstreamKbps: 500_000, upstreamKbps: 100_000 } },
    );
    expect((await patched.json()).downstreamKbps).toBe(500_000);
    const bad = await call(bandwidth.PATCH, "PATCH", "x", { serial }, { body: { downstreamKbps: "fast" } });
    expect(bad.status).toBe(400);
    const s = await (await call(signal.GET, "GET", "x", { serial })).json();
    expect(s.rxDbm).toBeLessThan(-8);
    expect(["ok", "warning", "critical"]).toContain(s.verdict);
    expect((await call(onu.GET, "GET", "x", { serial: "NOPE00000000" })).status).toBe(404);
  });

  it("needs a token and the right permission", async () => {
    expect((await call(olts.GET, "GET", "x", {}, { token: "wrong" })).status).toBe(401);
    const serial = (await t.prisma.onu.findFirstOrThrow({ where: { tenantId: svc.tenantId } })).serialNumber;
    expect((await call(onu.GET, "GET", "x", { serial }, { token: READ_TOKEN })).status).toBe(200);
    expect((await call(activate.POST, "POST", "x", { serial }, { token: READ_TOKEN, body: {} })).status).toBe(403);
  });

  it("starts an OLT firmware download", async () => {
    const res = await call(firmware.POST, "POST", "x", { id: oltId }, { body: { version: "BAL.3.12.0" } });
    expect(res.status).toBe(202);
    expect((await t.prisma.olt.findUniqueOrThrow({ where: { id: oltId } })).firmwareVersion).toBe("BAL.3.12.0");
  });

  it("takes VOLTHA discovery and LOS events on the webhook, once", async () => {
    const olt = await t.prisma.olt.findUniqueOrThrow({ where: { id: oltId } });
    const discovery = {
      header: {
        id: "evt-1",
        type: "DEVICE_EVENT",
        category: "EQUIPMENT",
        sub_category: "ONU",
        raised_ts: "2026-11-24T10:00:00Z",
      },
      device_event: {
        resource_id: olt.externalId,
        device_event_name: "ONU_DISCOVERY_RAISE_EVENT",
        description: "ONU discovered",
        context: {
          "serial-number": "BBSM0000FEED",
          "intf-id": "2",
          "onu-id": "9",
          "olt-device-id": olt.externalId!,
          "onu-device-id": "",
        },
      },
    };
    const los = {
      ...discovery,
      header: { ...discovery.header, id: "evt-2" },
      device_event: { ...discovery.device_event, device_event_name: "ONU_LOSS_OF_SIGNAL_RAISE_EVENT" },
    };
    const res = await call(webhook.POST, "POST", "x", {}, { body: [discovery, los] });
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ received: 2, recorded: 2 });
    const again = await call(webhook.POST, "POST", "x", {}, { body: discovery });
    expect((await again.json()).recorded).toBe(0);
    const created = await t.prisma.onu.findFirstOrThrow({
      where: { serialNumber: "BBSM0000FEED" },
      include: { ponPort: true },
    });
    expect(created.state).toBe("LOS");
    expect(created.ponPort?.label).toBe("pon-2");
    expect((await call(webhook.POST, "POST", "x", {}, { token: READ_TOKEN, body: discovery })).status).toBe(403);
    expect((await call(webhook.POST, "POST", "x", {}, { body: { header: {} } })).status).toBe(400);
  });

  it("takes VOLTHA's protobuf events (Kafka voltha.events) forwarded over HTTP by a bridge", async () => {
    const olt = await t.prisma.olt.findUniqueOrThrow({ where: { id: oltId } });
    const externalId = olt.externalId!;
    // The webhook served over real HTTP; the fake VOLTHA's events reach it as event.Event bytes.
    const server = await startHttp(async (req, res, url) => {
      const headers = Object.fromEntries(
        Object.entries(req.headers).filter((h): h is [string, string] => typeof h[1] === "string"),
      );
      const response = await webhook.POST(
        new Request(`http://localhost${url.pathname}`, {
          method: req.method,
          headers,
          body: new Uint8Array(await readBody(req)),
        }),
        { params: Promise.resolve({}) },
      );
      res.writeHead(response.status, { "content-type": "application/json" });
      res.end(await response.text());
    });
    const endpoint = `${server.url}/api/v1/voltha/onus/discovery-webhook`;
    const sim = simulatorFor(svc.tenantId);
    const bridge = startEventBridge(sim, { url: endpoint, token: TOKEN });
    try {
      // A new ONU is plugged into pon-3: ONU_DISCOVERY_RAISE_EVENT.
      sim.plugOnu(externalId, PON_PORT_BASE + 3, "ZTEG0000C0DE");
      await bridge.flush();
      const found = await t.prisma.onu.findFirstOrThrow({
        where: { serialNumber: "ZTEG0000C0DE" },
        include: { ponPort: true },
      });
      expect(found).toMatchObject({ state: "DISCOVERED", oltId });
      expect(found.ponPort?.label).toBe("pon-3");

      // The fibre behind pon-3 is cut: one ONU_LOSS_OF_SIGNAL_RAISE_EVENT per ONU, then cleared.
      const onPort = () => t.prisma.onu.findMany({ where: { ponPortId: found.ponPortId } });
      sim.cutFibre(externalId, PON_PORT_BASE + 3);
      await bridge.flush();
      const cut = await onPort();
      expect(cut).toHaveLength(5);
      expect(cut.map((o) => o.state)).toEqual(cut.map(() => "LOS"));
      expect(await t.prisma.networkEvent.count({ where: { kind: "ONU_LOSS_OF_SIGNAL", state: "RAISE" } })).toBe(6);
      sim.repairFibre(externalId, PON_PORT_BASE + 3);
      await bridge.flush();
      expect((await onPort()).filter((o) => o.state === "LOS")).toEqual([]);
      expect(bridge.failures).toEqual([]);
      expect(bridge.delivered).toBe(11);

      // Bytes that are not an event.Event, and a token without network.write, are refused.
      const post = (body: Uint8Array, token = TOKEN) =>
        fetch(endpoint, {
          method: "POST",
          headers: { authorization: `Bearer ${token}`, "content-type": "application/x-protobuf" },
          body: Buffer.from(body),
        });
      const bad = await post(new TextEncoder().encode("not protobuf at all"));
      expect(bad.status).toBe(400);
      expect((await bad.json()).error.message).toMatch(/event\.Event/);
      expect((await post(new Uint8Array(), READ_TOKEN)).status).toBe(403);
    } finally {
      bridge.close();
      await server.close();
    }
  });
});
