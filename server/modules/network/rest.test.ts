// The VOLTHA-style REST API, called through the /api/v1 dispatcher with an API token; every
// answer is checked against the OpenAPI document.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { builtInRole } from "@/server/modules/identity";
import { hashToken } from "@/server/rest";
import type { ServiceContext } from "@/server/service-context";
import { type TestDatabase, testDatabase } from "@/server/testing/db";
import { tenantContext } from "@/server/testing/network-fixtures";
import { callApi, dispatchApi } from "@/server/testing/rest";
import { readBody, startHttp } from "@/simulator/network/http";
import { simulatorFor } from "@/simulator/network/state";
import { startEventBridge } from "@/simulator/voltha/events";
import { PON_PORT_BASE, registerOlt } from "./service";

// next-auth cannot load under vitest (it imports next/server); these calls use API tokens,
// so the browser-session path is simply absent.
vi.mock("@/server/auth", () => ({ auth: async () => null, sessionUser: async () => null }));

let t: TestDatabase;
let svc: ServiceContext;
let oltId: string;
const TOKEN = "fo_test_network_token_0123456789";
const READ_TOKEN = "fo_test_readonly_token_0123456789";

function call(
  method: string,
  path: string,
  opts: { body?: unknown; token?: string; headers?: Record<string, string> } = {},
) {
  return callApi(method, path, { ...opts, token: opts.token ?? TOKEN });
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
    const res = await call("GET", "/voltha/olts");
    expect(res.status).toBe(200);
    expect(res.body.data[0].name).toBe("REST-OLT");
    const p = await call("GET", `/voltha/olts/${oltId}/ports`);
    expect(p.body.ports).toHaveLength(4);
    const list = await call("GET", `/voltha/olts/${oltId}/ports/pon-1/onus`);
    expect(list.body.data).toHaveLength(4);
    expect((await call("GET", `/voltha/olts/${oltId}/ports/pon-9/onus`)).status).toBe(404);
  });

  it("pages with a cursor", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { data: { serial_number: string }[]; next_cursor: string | null } } = await call(
        "GET",
        `/voltha/onus?limit=5${cursor ? `&cursor=${cursor}` : ""}`,
      );
      seen.push(...page.body.data.map((o) => o.serial_number));
      cursor = page.body.next_cursor;
    } while (cursor);
    expect(seen).toHaveLength(16);
    expect(new Set(seen).size).toBe(16);
    expect((await call("GET", "/voltha/onus?cursor=%25%25")).status).toBe(400);
    expect((await call("GET", "/voltha/onus?limit=1000")).status).toBe(400);
  });

  it("activates an ONU with a bandwidth profile, changes it and reads its signal", async () => {
    const all = await call("GET", "/voltha/onus?limit=50");
    expect(all.body.data).toHaveLength(16);
    const serial = all.body.data[0].serial_number as string;
    const body = { downstream_kbps: 200_000, upstream_kbps: 50_000 };
    const headers = { "idempotency-key": "act-1" };
    const first = await call("POST", `/voltha/onus/${serial}/activate`, { body, headers });
    expect(first.status).toBe(200);
    const again = await call("POST", `/voltha/onus/${serial}/activate`, { body, headers });
    expect(again.body).toEqual(first.body);
    const other = await call("POST", `/voltha/onus/${serial}/activate`, {
      body: { ...body, upstream_kbps: 1000 },
      headers,
    });
    expect(other.status).toBe(409);
    const got = await call("GET", `/voltha/onus/${serial}`);
    expect(got.body).toMatchObject({ state: "ACTIVE", downstream_kbps: 200_000 });
    const patched = await call("PATCH", `/voltha/onus/${serial}/bandwidth`, {
      body: { downstream_kbps: 500_000, upstream_kbps: 100_000 },
    });
    expect(patched.body.downstream_kbps).toBe(500_000);
    const bad = await call("PATCH", `/voltha/onus/${serial}/bandwidth`, { body: { downstream_kbps: "fast" } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues.map((i: { path: string[] }) => i.path[0])).toEqual([
      "downstream_kbps",
      "upstream_kbps",
    ]);
    const s = await call("GET", `/voltha/onus/${serial}/signal-strength`);
    expect(s.body.rx_dbm).toBeLessThan(-8);
    expect(["ok", "warning", "critical"]).toContain(s.body.verdict);
    expect((await call("GET", "/voltha/onus/NOPE00000000")).status).toBe(404);
  });

  it("needs a token and the right permission", async () => {
    expect((await call("GET", "/voltha/olts", { token: "wrong" })).status).toBe(401);
    const serial = (await t.prisma.onu.findFirstOrThrow({ where: { tenantId: svc.tenantId } })).serialNumber;
    expect((await call("GET", `/voltha/onus/${serial}`, { token: READ_TOKEN })).status).toBe(200);
    expect((await call("POST", `/voltha/onus/${serial}/activate`, { token: READ_TOKEN, body: {} })).status).toBe(403);
  });

  it("lists devices as VOLTHA does, reboots one, and deletes only with force while it serves a subscriber", async () => {
    const all: { id: string; type: string; parent_id: string | null }[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { data: typeof all; next_cursor: string | null } } = await call(
        "GET",
        `/voltha/devices?limit=7${cursor ? `&cursor=${cursor}` : ""}`,
      );
      all.push(...page.body.data);
      cursor = page.body.next_cursor;
    } while (cursor);
    const olt = await t.prisma.olt.findUniqueOrThrow({ where: { id: oltId } });
    expect(all.filter((d) => d.type === "olt").map((d) => d.id)).toEqual([olt.externalId]);
    const onus = all.filter((d) => d.type === "onu");
    expect(onus.length).toBe(
      await t.prisma.onu.count({ where: { tenantId: svc.tenantId, externalId: { not: null } } }),
    );
    expect(onus.every((d) => d.parent_id === olt.externalId)).toBe(true);

    const onuRow = await t.prisma.onu.findFirstOrThrow({ where: { tenantId: svc.tenantId, externalId: onus[0]!.id } });
    expect((await call("GET", `/voltha/devices/${onuRow.externalId}`)).body).toMatchObject({
      type: "onu",
      serial_number: onuRow.serialNumber,
    });
    const reboot = await call("POST", `/voltha/devices/${onuRow.externalId}/reboot`);
    expect(reboot.status).toBe(202);
    expect(await t.prisma.auditLog.count({ where: { action: "network.onu.reboot", targetId: onuRow.id } })).toBe(1);
    expect((await call("POST", `/voltha/devices/${onuRow.externalId}/reboot`, { token: READ_TOKEN })).status).toBe(403);

    // Serving a subscriber: refused (nothing changes), then forced.
    await t.prisma.onu.update({
      where: { id: onuRow.id },
      data: { subscriberId: "00000000-0000-4000-8000-000000000001" },
    });
    const refused = await call("POST", `/voltha/devices/${onuRow.externalId}/delete`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.details).toEqual({ subscribers: 1 });
    expect(await t.prisma.onu.count({ where: { id: onuRow.id } })).toBe(1);
    const oltRefused = await call("POST", `/voltha/devices/${olt.externalId}/delete`);
    expect(oltRefused.status).toBe(409);
    const forced = await call("POST", `/voltha/devices/${onuRow.externalId}/delete`, { body: { force: true } });
    expect(forced.body).toEqual({ id: onuRow.externalId, deleted: true, subscribers_cut: 1 });
    expect(await t.prisma.onu.count({ where: { id: onuRow.id } })).toBe(0);
    expect((await call("GET", `/voltha/devices/${onuRow.externalId}`)).status).toBe(404);
    expect(simulatorFor(svc.tenantId).devices.get(onuRow.externalId!)?.adminState).toBe("DELETED");
  });

  it("starts an OLT firmware download", async () => {
    const res = await call("POST", `/voltha/olts/${oltId}/firmware`, { body: { version: "BAL.3.12.0" } });
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
    const res = await call("POST", "/voltha/onus/discovery-webhook", { body: [discovery, los] });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ received: 2, recorded: 2 });
    const again = await call("POST", "/voltha/onus/discovery-webhook", { body: discovery });
    expect(again.body.recorded).toBe(0);
    const created = await t.prisma.onu.findFirstOrThrow({
      where: { serialNumber: "BBSM0000FEED" },
      include: { ponPort: true },
    });
    expect(created.state).toBe("LOS");
    expect(created.ponPort?.label).toBe("pon-2");
    const hook = "/voltha/onus/discovery-webhook";
    expect((await call("POST", hook, { token: READ_TOKEN, body: discovery })).status).toBe(403);
    expect((await call("POST", hook, { body: { header: {} } })).status).toBe(400);
  });

  it("takes VOLTHA's protobuf events (Kafka voltha.events) forwarded over HTTP by a bridge", async () => {
    const olt = await t.prisma.olt.findUniqueOrThrow({ where: { id: oltId } });
    const externalId = olt.externalId!;
    // The webhook served over real HTTP; the fake VOLTHA's events reach it as event.Event bytes.
    const server = await startHttp(async (req, res, url) => {
      const headers = Object.fromEntries(
        Object.entries(req.headers).filter((h): h is [string, string] => typeof h[1] === "string"),
      );
      const response = await dispatchApi(
        new Request(`http://localhost${url.pathname}`, {
          method: req.method,
          headers,
          body: new Uint8Array(await readBody(req)),
        }),
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
