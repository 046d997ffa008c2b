// The TM Forum facades through the /api/v1 dispatcher: services with TMF638 names and states,
// a TMF622 order that starts provisioning and follows its job, TMF621 trouble tickets on the
// desk, TMF642 alarms raised, acknowledged and cleared; tenant isolation and roles.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { builtInRole } from "@/server/modules/identity";
import { transitionSubscriber } from "@/server/modules/subscribers";
import { replyToTicket } from "@/server/modules/tickets";
import { hashToken } from "@/server/rest";
import type { ServiceContext } from "@/server/service-context";
import { type TestDatabase, testDatabase } from "@/server/testing/db";
import { createTestSubscriber, tenantContext } from "@/server/testing/network-fixtures";
import { callApi } from "@/server/testing/rest";

vi.mock("@/server/auth", () => ({ auth: async () => null, sessionUser: async () => null }));

let t: TestDatabase;
let svc: ServiceContext;
let other: ServiceContext;
const TOKEN = "fo_test_tmforum_admin_0123456789";
const OTHER = "fo_test_tmforum_other_0123456789";
const CSR = "fo_test_tmforum_csr_012345678901";
const SI = "/tmf-api/serviceInventoryManagement/v4/service";
const PO = "/tmf-api/productOrderingManagement/v4/productOrder";
const TT = "/tmf-api/troubleTicket/v4/troubleTicket";
const AL = "/tmf-api/alarmManagement/v4/alarm";
const call = (method: string, path: string, opts: { body?: unknown; token?: string } = {}) =>
  callApi(method, path, { token: TOKEN, ...opts });

beforeAll(async () => {
  t = await testDatabase();
  svc = await tenantContext(t.prisma);
  other = await tenantContext(t.prisma);
  const admin = await builtInRole(t.prisma, "tenant_admin");
  const csr = await builtInRole(t.prisma, "csr");
  await t.prisma.apiToken.createMany({
    data: [
      { tenantId: svc.tenantId, name: "oss", roleId: admin.id, tokenHash: hashToken(TOKEN), prefix: "fo_test" },
      { tenantId: other.tenantId, name: "oss", roleId: admin.id, tokenHash: hashToken(OTHER), prefix: "fo_test" },
      { tenantId: svc.tenantId, name: "desk", roleId: csr.id, tokenHash: hashToken(CSR), prefix: "fo_test" },
    ],
  });
});
afterAll(() => t.drop());

describe("TMF638 service inventory", () => {
  it("shows each subscriber's service with TMF638 names, states and filters", async () => {
    const a = await createTestSubscriber(t.prisma, svc, { onuSerial: "ZTEG00000A01" });
    const b = await createTestSubscriber(t.prisma, svc);
    await transitionSubscriber(svc, a.id, "PROVISIONING");
    await transitionSubscriber(svc, a.id, "ACTIVE");
    const all = await call("GET", SI);
    expect(all.body.map((s: { id: string }) => s.id)).toEqual([a.id, b.id]);
    const active = (await call("GET", `${SI}/${a.id}`)).body;
    expect(active).toMatchObject({
      "@type": "Service",
      state: "active",
      isServiceEnabled: true,
      category: "CustomerFacingService",
      serviceSpecification: { id: a.planId, "@referredType": "ServiceSpecification" },
      relatedParty: [{ id: a.customerId, role: "Customer" }],
      supportingResource: [{ id: "ZTEG00000A01", role: "ONU", "@referredType": "Resource" }],
    });
    expect(active.serviceCharacteristic).toContainEqual({
      name: "downstreamKbps",
      valueType: "integer",
      value: 300_000,
    });
    expect(JSON.stringify(active)).not.toContain(a.password);
    expect((await call("GET", `${SI}?state=designed`)).body.map((s: { id: string }) => s.id)).toEqual([b.id]);
    expect((await call("GET", `${SI}?offset=1&limit=1`)).body.map((s: { id: string }) => s.id)).toEqual([b.id]);
    expect((await call("GET", `${SI}?relatedParty.id=${b.customerId}`)).body).toHaveLength(1);
    expect((await call("GET", `${SI}?state=paused`)).status).toBe(400);
    expect((await call("GET", `${SI}/${a.id}`, { token: OTHER })).status).toBe(404);
    expect((await call("GET", SI, { token: OTHER })).body).toEqual([]);
  });
});

describe("TMF622 product ordering", () => {
  it("starts provisioning from an order and reports the order's state from the job", async () => {
    const sub = await createTestSubscriber(t.prisma, svc);
    const order = {
      relatedParty: [{ id: sub.customerId, role: "Customer", "@referredType": "Individual" }],
      productOrderItem: [
        {
          id: "1",
          action: "add",
          productOffering: { id: sub.planId },
          product: { productCharacteristic: [{ name: "accessType", value: "IPOE" }] },
        },
      ],
    };
    const created = await call("POST", PO, { body: order });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ "@type": "ProductOrder", state: "acknowledged" });
    const job = await t.prisma.orchestrationJob.findUniqueOrThrow({ where: { id: created.body.id } });
    expect(job.type).toBe("provision-subscriber");
    expect((await call("GET", `${PO}/${created.body.id}`)).body.id).toBe(created.body.id);
    await t.prisma.orchestrationJob.update({
      where: { id: job.id },
      data: { status: "ROLLED_BACK", error: "VOLTHA failed" },
    });
    const failed = (await call("GET", `${PO}/${created.body.id}`)).body;
    expect(failed).toMatchObject({
      state: "failed",
      errorMessage: [{ code: "PROVISIONING_FAILED", message: "VOLTHA failed" }],
    });
    expect((await call("GET", `${PO}/${created.body.id}`, { token: OTHER })).status).toBe(404);

    const modify = await call("POST", PO, {
      body: { ...order, productOrderItem: [{ ...order.productOrderItem[0], action: "modify" }] },
    });
    expect(modify.status).toBe(400);
    expect(modify.body.error.issues[0].message).toMatch(/Only "add"/);
    const jobs = await t.prisma.orchestrationJob.count({ where: { tenantId: svc.tenantId } });
    expect(jobs).toBe(1);
  });
});

describe("TMF621 trouble tickets", () => {
  it("opens a ticket on the desk once per key, moves its status, adds notes; another tenant sees nothing", async () => {
    const sub = await createTestSubscriber(t.prisma, svc);
    const body = {
      name: "No internet since noon",
      description: "The ONU's LOS light is red",
      severity: "Major",
      ticketType: "Fault",
      relatedParty: [{ id: sub.customerId, role: "Customer" }],
      relatedEntity: [{ id: sub.id, role: "subscriber", "@referredType": "Service" }],
    };
    const headers = { "idempotency-key": "tmf621-open-1" };
    const created = await callApi("POST", TT, { token: TOKEN, body, headers });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      "@type": "TroubleTicket",
      status: "acknowledged",
      severity: "Major",
      ticketType: "Fault",
      priority: "Normal",
      channel: { name: "System" },
      relatedParty: [{ id: sub.customerId, role: "Customer", "@referredType": "Customer" }],
      relatedEntity: [{ id: sub.id, "@referredType": "Service" }],
    });
    expect(created.body.externalId).toMatch(/^T-\d+$/);
    const again = await callApi("POST", TT, { token: TOKEN, body, headers });
    expect(again.body.id).toBe(created.body.id);
    expect(await t.prisma.ticket.count({ where: { tenantId: svc.tenantId } })).toBe(1);

    const id = created.body.id;
    const moved = await call("PATCH", `${TT}/${id}`, {
      body: { status: "inProgress", priority: "High", note: [{ text: "We are checking the line" }] },
    });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ status: "inProgress", priority: "High" });
    expect(moved.body.note.map((n: { text: string }) => n.text)).toContain("We are checking the line");
    // Internal notes stay on the desk.
    await replyToTicket(svc, { ticketId: id, body: "Customer sounded upset", internal: true });
    expect(JSON.stringify((await call("GET", `${TT}/${id}`)).body)).not.toContain("upset");

    expect((await call("GET", `${TT}?status=inProgress`)).body.map((x: { id: string }) => x.id)).toEqual([id]);
    expect((await call("GET", `${TT}?status=closed`)).body).toEqual([]);
    expect((await call("PATCH", `${TT}/${id}`, { body: { severity: "Cosmic" } })).status).toBe(400);
    expect((await call("GET", `${TT}/${id}`, { token: OTHER })).status).toBe(404);
    expect((await call("PATCH", `${TT}/${id}`, { token: OTHER, body: { status: "closed" } })).status).toBe(404);
    expect((await call("GET", TT, { token: OTHER })).body).toEqual([]);
  });
});

describe("TMF642 alarms", () => {
  it("raises an alarm once, acknowledges and clears it; a CSR may read but not raise; tenants are apart", async () => {
    const body = {
      alarmType: "communicationsAlarm",
      perceivedSeverity: "major",
      probableCause: "lossOfSignal",
      specificProblem: "UPLINK_DOWN",
      alarmedObjectType: "NAS",
      alarmedObject: { id: "bng-1", name: "BNG 1" },
      sourceSystemId: "zabbix",
    };
    const raised = await call("POST", AL, { body });
    expect(raised.status).toBe(201);
    expect(raised.body).toMatchObject({
      "@type": "Alarm",
      state: "raised",
      ackState: "unacknowledged",
      perceivedSeverity: "major",
      alarmType: "communicationsAlarm",
      probableCause: "lossOfSignal",
      alarmedObject: { id: "bng-1", name: "BNG 1", "@referredType": "NAS" },
    });
    const stored = await t.prisma.alarm.findUniqueOrThrow({ where: { id: raised.body.id } });
    expect(stored).toMatchObject({ alarmType: "COMMUNICATIONS_ALARM", probableCause: "LOSS_OF_SIGNAL" });
    // The same object and problem while raised is the same alarm.
    expect((await call("POST", AL, { body })).body.id).toBe(raised.body.id);
    expect((await call("POST", AL, { token: CSR, body })).status).toBe(403);
    expect((await call("GET", `${AL}/${raised.body.id}`, { token: CSR })).status).toBe(200);

    const id = raised.body.id;
    const acked = await call("PATCH", `${AL}/${id}`, { body: { ackState: "acknowledged" } });
    expect(acked.body).toMatchObject({ ackState: "acknowledged", state: "raised" });
    expect(acked.body.ackUserId).toBeTruthy();
    expect((await call("GET", `${AL}?ackState=unacknowledged`)).body).toEqual([]);
    const cleared = await call("PATCH", `${AL}/${id}`, { body: { state: "cleared" } });
    expect(cleared.body).toMatchObject({ state: "cleared", perceivedSeverity: "cleared" });
    expect(cleared.body.alarmClearedTime).toBeTruthy();
    expect((await call("GET", `${AL}?state=raised`)).body).toEqual([]);
    expect((await call("GET", `${AL}?state=cleared`)).body.map((a: { id: string }) => a.id)).toEqual([id]);

    expect((await call("GET", `${AL}/${id}`, { token: OTHER })).status).toBe(404);
    expect((await call("PATCH", `${AL}/${id}`, { token: OTHER, body: { state: "cleared" } })).status).toBe(404);
    expect((await call("GET", AL, { token: OTHER })).body).toEqual([]);
  });
});
