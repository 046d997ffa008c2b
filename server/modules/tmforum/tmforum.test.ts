// The TM Forum facades through the /api/v1 dispatcher: services with TMF638 names and states,
// TMF622 orders (from an accepted quote or the catalogue) whose state follows the install and
// provisioning, TMF621 trouble tickets on the desk, TMF642 alarms raised, acknowledged and
// cleared; tenant isolation and roles.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createLead } from "@/server/modules/crm";
import { addServiceAddress, createCustomer } from "@/server/modules/customers";
import { builtInRole } from "@/server/modules/identity";
import { acceptQuote, createQuote, sendQuote } from "@/server/modules/quotes";
import { transitionSubscriber } from "@/server/modules/subscribers";
import { replyToTicket } from "@/server/modules/tickets";
import { moveWorkOrder } from "@/server/modules/workorders";
import { hashToken } from "@/server/rest";
import type { ServiceContext } from "@/server/service-context";
import { type TestDatabase, testDatabase } from "@/server/testing/db";
import { createTestSubscriber, tenantContext } from "@/server/testing/network-fixtures";
import { callApi } from "@/server/testing/rest";
import { type SalesWorld, salesWorld, WIENER_5 } from "@/server/testing/sales-fixtures";

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
  let w: SalesWorld;
  const SALES = "fo_test_tmforum_sales_admin_01234";
  const order = (body: unknown, key?: string) =>
    callApi("POST", PO, { token: SALES, body, headers: key ? { "idempotency-key": key } : {} });
  const get = (id: string, token = SALES) => callApi("GET", `${PO}/${id}`, { token });

  beforeAll(async () => {
    w = await salesWorld(t.prisma);
    const admin = await builtInRole(t.prisma, "tenant_admin");
    await t.prisma.apiToken.create({
      data: { tenantId: w.tenant.id, name: "bss", roleId: admin.id, tokenHash: hashToken(SALES), prefix: "fo_test" },
    });
  });

  async function acceptedQuote(email: string) {
    const lead = await createLead(w.svc, { name: "Olga Order", email, address: WIENER_5, source: "PHONE" });
    const q = await createQuote(w.svc, { leadId: lead.id, planId: w.plan.id });
    const { url } = await sendQuote(w.svc, q.id);
    const token = decodeURIComponent(url.split("/quotes/accept/")[1] as string);
    await acceptQuote({ token, name: "Olga Order", consent: true }, { ip: "203.0.113.9", userAgent: "test" });
    return t.prisma.quote.findFirstOrThrow({ where: { id: q.id } });
  }

  it("orders from an accepted quote: the order is its conversion, once per quote", async () => {
    const q = await acceptedQuote("olga@example.test");
    const created = await order({ quote: [{ id: q.id }], externalId: "CRM-7" }, "po-quote-1");
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      "@type": "ProductOrder",
      externalId: "CRM-7",
      state: "inProgress",
      quote: [{ id: q.id, name: q.number, "@referredType": "Quote" }],
      relatedParty: [{ id: q.customerId, role: "Customer" }],
      productOrderItem: [
        { action: "add", state: "inProgress", productOffering: { id: w.plan.id }, product: { id: q.subscriberId } },
      ],
      errorMessage: [],
    });
    expect(created.body.note[0].text).toMatch(/^Install work order \d+: new$/);
    expect((await order({ quote: [{ id: q.id }], externalId: "CRM-7" }, "po-quote-1")).body.id).toBe(created.body.id);
    const twice = await order({ quote: [{ id: q.id }] }, "po-quote-2");
    expect(twice.status).toBe(409);
    expect(twice.body.error.message).toMatch(/already ordered/);

    const lead = await createLead(w.svc, {
      name: "Not Yet",
      email: "notyet@example.test",
      address: WIENER_5,
      source: "PHONE",
    });
    const draft = await createQuote(w.svc, { leadId: lead.id, planId: w.plan.id });
    const refused = await order({ quote: [{ id: draft.id }] });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(/only an accepted quote is ordered/);
    expect(await t.prisma.productOrder.count({ where: { tenantId: w.tenant.id } })).toBe(1);
    expect((await get(created.body.id, TOKEN)).status).toBe(404);
  });

  it("orders from the catalogue for an existing customer; the state follows the install and provisioning", async () => {
    const customer = await createCustomer(w.adminSvc, {
      name: "Ulla Upgrade",
      email: "ulla@example.test",
      billingLine1: "Wiener Str. 5",
      billingCity: "Berlin",
      billingPostcode: "10999",
      billingCountry: "DE",
    });
    const place = await addServiceAddress(w.adminSvc, customer.id, {
      line1: "Wiener Str. 5",
      city: "Berlin",
      postcode: "10999",
      country: "DE",
      latitude: 52.4987,
      longitude: 13.4305,
    });
    const body = {
      relatedParty: [{ id: customer.id, role: "Customer" }],
      productOrderItem: [
        { id: "1", action: "add", productOffering: { id: w.plan.id }, product: { place: [{ id: place.id }] } },
      ],
    };
    const created = await order(body, "po-cat-1");
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ state: "inProgress", quote: [], relatedParty: [{ id: customer.id }] });
    const subscriberId = created.body.productOrderItem[0].product.id as string;
    const sub = await t.prisma.subscriber.findUniqueOrThrow({ where: { id: subscriberId } });
    expect(sub).toMatchObject({
      status: "PENDING",
      customerId: customer.id,
      planId: w.plan.id,
      serviceAddressId: place.id,
    });
    expect(await t.prisma.billingSubscription.findFirst({ where: { subscriberId } })).toMatchObject({
      status: "PENDING",
    });
    expect(await t.prisma.workOrder.count({ where: { subscriberId, type: "INSTALL" } })).toBe(1);
    // The same key again: the same order, nothing new.
    expect((await order(body, "po-cat-1")).body.id).toBe(created.body.id);
    expect(await t.prisma.subscriber.count({ where: { customerId: customer.id } })).toBe(1);

    // Provisioning (started by the completed install) activates the service: completed.
    await transitionSubscriber(w.svc, subscriberId, "PROVISIONING");
    expect((await get(created.body.id)).body.state).toBe("inProgress");
    await transitionSubscriber(w.svc, subscriberId, "PROVISIONING_FAILED");
    expect((await get(created.body.id)).body).toMatchObject({
      state: "failed",
      errorMessage: [{ code: "PROVISIONING_FAILED" }],
    });
    await transitionSubscriber(w.svc, subscriberId, "PROVISIONING");
    await transitionSubscriber(w.svc, subscriberId, "ACTIVE");
    const done = (await get(created.body.id)).body;
    expect(done).toMatchObject({ state: "completed", productOrderItem: [{ state: "completed" }] });
    expect(done.completionDate).not.toBeNull();

    // A second order whose install is cancelled: cancelled, with the reason.
    const second = await order(body, "po-cat-2");
    const secondInstall = await t.prisma.workOrder.findFirstOrThrow({
      where: { subscriberId: second.body.productOrderItem[0].product.id, type: "INSTALL" },
    });
    await moveWorkOrder(w.adminSvc, {
      workOrderId: secondInstall.id,
      to: "CANCELLED",
      reason: "Customer changed their mind",
    });
    expect((await get(second.body.id)).body).toMatchObject({
      state: "cancelled",
      cancellationReason: "Customer changed their mind",
    });

    const list = await callApi("GET", `${PO}?relatedParty.id=${customer.id}`, { token: SALES });
    expect(list.body.map((o: { id: string }) => o.id)).toEqual([created.body.id, second.body.id]);
    expect((await callApi("GET", PO, { token: TOKEN })).body).toEqual([]);
  });

  it("refuses a bad order with a clear message and creates nothing", async () => {
    const before = await t.prisma.productOrder.count();
    const sub = await createTestSubscriber(t.prisma, svc);
    const item = { id: "1", action: "add", productOffering: { id: w.plan.id } };
    const noPlace = await order({ relatedParty: [{ id: sub.customerId, role: "Customer" }], productOrderItem: [item] });
    expect(noPlace.status).toBe(400);
    expect(noPlace.body.error.issues[0].message).toMatch(/installation address/);
    const modify = await order({
      relatedParty: [{ id: sub.customerId, role: "Customer" }],
      productOrderItem: [{ ...item, action: "modify", product: { place: [{ id: sub.customerId }] } }],
    });
    expect(modify.status).toBe(400);
    expect(modify.body.error.issues[0].message).toMatch(/Only "add"/);
    // Another tenant's customer is not found; an address not the customer's is refused.
    const foreign = await order({
      relatedParty: [{ id: sub.customerId, role: "Customer" }],
      productOrderItem: [{ ...item, product: { place: [{ id: sub.customerId }] } }],
    });
    expect(foreign.status).toBe(404);
    expect(await t.prisma.productOrder.count()).toBe(before);
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
