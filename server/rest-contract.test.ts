// The REST contract: every /api/v1 route is in the OpenAPI document (no route file bypasses the
// dispatcher), and every route answers — success and errors — what the document says. callApi
// checks each answer against the document; this file must reach every route's success status
// at least once (add your route's case to SUCCESS below when you add a route).
import { readdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { API_ROUTES } from "@/app/api/v1/routes";
import { raiseAlarm } from "@/server/modules/alarms";
import { createLead } from "@/server/modules/crm";
import { addServiceAddress } from "@/server/modules/customers";
import { builtInRole, loadSessionUser } from "@/server/modules/identity";
import { createModel, receiveEquipment, standingLocation } from "@/server/modules/inventory";
import { registerOlt } from "@/server/modules/network";
import { createQuote } from "@/server/modules/quotes";
import { openTicket } from "@/server/modules/tickets";
import { publishWebhookEvent } from "@/server/modules/webhooks";
import { createWorkOrder, saveTechnicianProfile } from "@/server/modules/workorders";
import { hashToken } from "@/server/rest";
import type { ServiceContext } from "@/server/service-context";
import { type TestDatabase, testDatabase } from "@/server/testing/db";
import { createUser } from "@/server/testing/fixtures";
import { createTestSubscriber, tenantContext } from "@/server/testing/network-fixtures";
import { type ApiAnswer, apiDocument, callApi } from "@/server/testing/rest";

// Partner routes answer partner accounts, which sign in (no API token): their cases set this.
const signedIn = vi.hoisted(() => ({ user: null as unknown }));
vi.mock("@/server/auth", () => ({ auth: async () => null, sessionUser: async () => signedIn.user }));

let t: TestDatabase;
let svc: ServiceContext;
const TOKEN = "fo_test_contract_admin_0123456789";
const key = (method: string, p: string) => `${method} ${p}`;
const succeeded = new Set<string>();

/** A concrete request per route that succeeds, given what beforeAll arranged. */
type Case = (state: State) => Promise<{ path: string; body?: unknown; asPartner?: boolean }>;
type State = {
  oltId: string;
  serial: string;
  /** VOLTHA device ids: an ONU for reboot and one that the delete case removes. */
  deviceId: string;
  spareDeviceId: string;
  subscriberId: string;
  /** The subscriber whose cancellation is requested and withdrawn. */
  cancellingSubscriberId?: string;
  jobId?: string;
  bulkJobId?: string;
  webhookId?: string;
  customerId: string;
  planId: string;
  orderId?: string;
  deliveryId?: string;
  appointmentId?: string;
  diagnosticJobId?: string;
  partnerLeadId?: string;
  /** A partner admin's session; the partner owns `customerId`. */
  partnerUser: unknown;
};
let state: State;

// A lead at a home of the simulated geocoder, inside a coverage area with a splitter nearby.
const ORANIEN_45 = { streetName: "Oranienstraße", streetNr: "45", postcode: "10999", city: "Berlin", country: "DE" };
let sale: { leadId: string; quoteId?: string } | undefined;
const contractSale = async () => {
  if (sale) return sale;
  const port = await t.prisma.ponPort.findFirstOrThrow({ where: { tenantId: svc.tenantId } });
  await t.prisma.splitter.create({
    data: {
      tenantId: svc.tenantId,
      ponPortId: port.id,
      name: "SPL-CONTRACT",
      ratio: 8,
      latitude: 52.501,
      longitude: 13.418,
    },
  });
  const ring = [
    [13.39, 52.492],
    [13.44, 52.492],
    [13.44, 52.507],
    [13.39, 52.507],
    [13.39, 52.492],
  ];
  await t.prisma.coverageArea.create({ data: { tenantId: svc.tenantId, name: "Contract area", polygon: ring } });
  const lead = await createLead(svc, {
    name: "Contract Lead",
    email: "contract-lead@example.test",
    address: ORANIEN_45,
  });
  sale = { leadId: lead.id };
  return sale;
};
const contractQuote = async (s: State) => {
  const current = await contractSale();
  current.quoteId ??= (await createQuote(svc, { leadId: current.leadId, planId: s.planId })).id;
  return current.quoteId;
};

const cancellingSubscriber = async (s: State) => {
  s.cancellingSubscriberId ??= (await createTestSubscriber(t.prisma, svc)).id;
  return s.cancellingSubscriberId;
};

const SUCCESS: Record<string, Case> = {
  "GET /voltha/devices": async () => ({ path: "/voltha/devices?limit=3" }),
  "GET /voltha/devices/{id}": async (s) => ({ path: `/voltha/devices/${s.deviceId}` }),
  "POST /voltha/devices/{id}/reboot": async (s) => ({ path: `/voltha/devices/${s.deviceId}/reboot` }),
  "POST /voltha/devices/{id}/delete": async (s) => ({ path: `/voltha/devices/${s.spareDeviceId}/delete` }),
  "GET /voltha/olts": async () => ({ path: "/voltha/olts" }),
  "POST /drift/scans": async () => ({ path: "/drift/scans" }),
  "GET /drift": async () => ({ path: "/drift?status=open&limit=10" }),
  "GET /metrics": async () => ({
    path: `/metrics?metric=jobs_queued&from=${new Date(Date.now() - 3600_000).toISOString()}`,
  }),
  "GET /metrics/prometheus": async () => ({ path: "/metrics/prometheus" }),
  "GET /voltha/olts/{id}/ports": async (s) => ({ path: `/voltha/olts/${s.oltId}/ports` }),
  "GET /voltha/olts/{id}/ports/{port}/onus": async (s) => ({ path: `/voltha/olts/${s.oltId}/ports/pon-1/onus` }),
  "POST /voltha/olts/{id}/firmware": async (s) => ({
    path: `/voltha/olts/${s.oltId}/firmware`,
    body: { version: "BAL.3.12.0" },
  }),
  "GET /voltha/onus": async () => ({ path: "/voltha/onus?limit=2" }),
  "GET /voltha/onus/{serial}": async (s) => ({ path: `/voltha/onus/${s.serial}` }),
  "POST /voltha/onus/{serial}/activate": async (s) => ({ path: `/voltha/onus/${s.serial}/activate` }),
  "PATCH /voltha/onus/{serial}/bandwidth": async (s) => ({
    path: `/voltha/onus/${s.serial}/bandwidth`,
    body: { downstream_kbps: 100_000, upstream_kbps: 20_000 },
  }),
  "GET /voltha/onus/{serial}/signal-strength": async (s) => ({ path: `/voltha/onus/${s.serial}/signal-strength` }),
  "POST /voltha/onus/discovery-webhook": async () => ({
    path: "/voltha/onus/discovery-webhook",
    body: { header: { id: "contract-1" }, device_event: { device_event_name: "ONU_DYING_GASP_RAISE_EVENT" } },
  }),
  "POST /notifications/send": async (s) => ({
    path: "/notifications/send",
    body: {
      subscriber_id: s.subscriberId,
      template: "service_notice",
      channels: ["INBOX"],
      data: { title: "Hello", message: "A notice" },
    },
  }),
  "POST /notifications/bulk": async (s) => ({
    path: "/notifications/bulk",
    body: {
      subscriber_ids: [s.subscriberId],
      template: "service_notice",
      channels: ["INBOX"],
      data: { title: "Hello", message: "A notice" },
      schedule_at: new Date(Date.now() + 86_400_000).toISOString(),
    },
  }),
  "GET /notifications/bulk/{job_id}": async (s) => ({ path: `/notifications/bulk/${s.bulkJobId}` }),
  "GET /tickets": async () => ({ path: "/tickets?limit=2&status=NEW" }),
  "POST /tickets": async (s) => ({
    path: "/tickets",
    body: {
      name: "No internet since noon",
      description: "LOS light red",
      ticket_type: "FAULT",
      subscriber_id: s.subscriberId,
    },
  }),
  "GET /tickets/{ticket_id}": async () => ({ path: `/tickets/${(await contractTicket()).id}` }),
  "PATCH /tickets/{ticket_id}": async () => ({
    path: `/tickets/${(await contractTicket()).id}`,
    body: { priority: "HIGH", tags: ["contract"] },
  }),
  "POST /tickets/{ticket_id}/notes": async () => ({
    path: `/tickets/${(await contractTicket()).id}/notes`,
    body: { text: "Checked the line", internal: true },
  }),
  "GET /leads": async () => ({ path: "/leads?limit=2&stage=NEW" }),
  "POST /leads": async () => ({
    path: "/leads",
    body: { name: "Web visitor", email: "visitor@example.test", source: "WEB_FORM" },
  }),
  "GET /leads/{lead_id}": async () => ({ path: `/leads/${(await contractSale()).leadId}` }),
  "PATCH /leads/{lead_id}": async () => ({
    path: `/leads/${(await contractSale()).leadId}`,
    body: { stage: "CONTACTED" },
  }),
  "POST /leads/{lead_id}/activities": async () => ({
    path: `/leads/${(await contractSale()).leadId}/activities`,
    body: { kind: "CALL", text: "Called back about the survey" },
  }),
  "GET /quotes": async () => ({ path: "/quotes?limit=2" }),
  "POST /quotes": async (s) => ({
    path: "/quotes",
    body: { lead_id: (await contractSale()).leadId, plan_id: s.planId },
  }),
  "GET /quotes/{quote_id}": async (s) => ({ path: `/quotes/${await contractQuote(s)}` }),
  "POST /quotes/{quote_id}/send": async (s) => ({ path: `/quotes/${await contractQuote(s)}/send` }),
  "POST /tmf-api/serviceQualificationManagement/v4/checkServiceQualification": async () => ({
    path: "/tmf-api/serviceQualificationManagement/v4/checkServiceQualification",
    body: { serviceQualificationItem: [{ id: "1", service: { place: [ORANIEN_45] } }] },
  }),
  "POST /diagnostics/check/{subscriber_id}": async (s) => ({ path: `/diagnostics/check/${s.subscriberId}`, body: {} }),
  "POST /diagnostics/speed-test/{subscriber_id}": async () => ({
    path: `/diagnostics/speed-test/${await subscriberWithCpe()}`,
    body: {},
  }),
  "GET /diagnostics/speed-test/{job_id}/result": async (s) => ({
    path: `/diagnostics/speed-test/${s.diagnosticJobId}/result`,
  }),
  "POST /diagnostics/ping-test": async () => ({
    path: "/diagnostics/ping-test",
    body: { subscriber_id: await subscriberWithCpe(), host: "1.1.1.1" },
  }),
  "POST /diagnostics/traceroute": async () => ({
    path: "/diagnostics/traceroute",
    body: { subscriber_id: await subscriberWithCpe(), host: "1.1.1.1" },
  }),
  "POST /orchestration/provision-subscriber": async (s) => ({
    path: "/orchestration/provision-subscriber",
    body: { subscriber_id: s.subscriberId },
  }),
  "POST /orchestration/suspend": async (s) => ({
    path: "/orchestration/suspend",
    body: { subscriber_id: s.subscriberId, reason: "REQUESTED" },
  }),
  "POST /orchestration/restore": async (s) => ({
    path: "/orchestration/restore",
    body: { subscriber_id: s.subscriberId },
  }),
  "POST /orchestration/change-plan": async (s) => ({
    path: "/orchestration/change-plan",
    body: {
      subscriber_id: s.subscriberId,
      service_plan_id: (await t.prisma.subscriber.findUniqueOrThrow({ where: { id: s.subscriberId } })).planId,
      effective: "next_cycle",
    },
  }),
  "POST /orchestration/deprovision": async (s) => ({
    path: "/orchestration/deprovision",
    body: { subscriber_id: s.subscriberId },
  }),
  // Another subscriber's cancellation, a month ahead: requested, read, withdrawn.
  "POST /subscribers/{id}/cancellation": async (s) => ({
    path: `/subscribers/${await cancellingSubscriber(s)}/cancellation`,
    body: { effective_on: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10), reason: "Moving" },
  }),
  "GET /subscribers/{id}/cancellation": async (s) => ({
    path: `/subscribers/${await cancellingSubscriber(s)}/cancellation`,
  }),
  "DELETE /subscribers/{id}/cancellation": async (s) => ({
    path: `/subscribers/${await cancellingSubscriber(s)}/cancellation`,
  }),
  "GET /orchestration/jobs/{id}": async (s) => ({ path: `/orchestration/jobs/${s.jobId}` }),
  "POST /orchestration/jobs/{id}/cancel": async (s) => ({ path: `/orchestration/jobs/${s.jobId}/cancel` }),
  "POST /orchestration/jobs/{id}/retry": async (s) => {
    // No executor runs here, so the cancellation above is only requested: finish it by hand.
    await t.prisma.orchestrationJob.update({ where: { id: s.jobId }, data: { status: "CANCELLED" } });
    return { path: `/orchestration/jobs/${s.jobId}/retry` };
  },
  "GET /webhooks/event-types": async () => ({ path: "/webhooks/event-types" }),
  "GET /webhooks/endpoints": async () => ({ path: "/webhooks/endpoints" }),
  "POST /webhooks/endpoints": async () => ({
    path: "/webhooks/endpoints",
    body: { url: "https://hooks.example.net/fiberops", events: ["invoice.issued"] },
  }),
  "GET /webhooks/endpoints/{id}/secret": async (s) => ({ path: `/webhooks/endpoints/${s.webhookId}/secret` }),
  "POST /webhooks/endpoints/{id}/rotate-secret": async (s) => ({
    path: `/webhooks/endpoints/${s.webhookId}/rotate-secret`,
    body: { overlap_hours: 1 },
  }),
  "GET /webhooks/endpoints/{id}": async (s) => ({ path: `/webhooks/endpoints/${s.webhookId}` }),
  "PATCH /webhooks/endpoints/{id}": async (s) => ({
    path: `/webhooks/endpoints/${s.webhookId}`,
    body: { description: "Accounting" },
  }),
  "GET /webhooks/endpoints/{id}/deliveries": async (s) => {
    await svc.db.$transaction((tx) => publishWebhookEvent(tx, svc.tenantId, "invoice.issued", { invoice_id: "x" }));
    return { path: `/webhooks/endpoints/${s.webhookId}/deliveries` };
  },
  "POST /webhooks/deliveries/{id}/replay": async (s) => ({ path: `/webhooks/deliveries/${s.deliveryId}/replay` }),
  "DELETE /webhooks/endpoints/{id}": async (s) => ({ path: `/webhooks/endpoints/${s.webhookId}` }),
  "GET /tmf-api/serviceInventoryManagement/v4/service": async () => ({
    path: "/tmf-api/serviceInventoryManagement/v4/service?limit=5",
  }),
  "GET /tmf-api/serviceInventoryManagement/v4/service/{id}": async (s) => ({
    path: `/tmf-api/serviceInventoryManagement/v4/service/${s.subscriberId}`,
  }),
  "POST /tmf-api/productOrderingManagement/v4/productOrder": async (s) => {
    const place = await addServiceAddress(svc, s.customerId, {
      line1: "Oranienstraße 45",
      city: "Berlin",
      postcode: "10999",
      country: "DE",
    });
    return {
      path: "/tmf-api/productOrderingManagement/v4/productOrder",
      body: {
        relatedParty: [{ id: s.customerId, role: "Customer", "@referredType": "Individual" }],
        productOrderItem: [
          { id: "1", action: "add", productOffering: { id: s.planId }, product: { place: [{ id: place.id }] } },
        ],
      },
    };
  },
  "GET /tmf-api/productOrderingManagement/v4/productOrder": async (s) => ({
    path: `/tmf-api/productOrderingManagement/v4/productOrder?relatedParty.id=${s.customerId}`,
  }),
  "GET /tmf-api/productOrderingManagement/v4/productOrder/{id}": async (s) => ({
    path: `/tmf-api/productOrderingManagement/v4/productOrder/${s.orderId}`,
  }),
  "GET /tmf-api/troubleTicket/v4/troubleTicket": async () => ({
    path: "/tmf-api/troubleTicket/v4/troubleTicket?limit=2&status=acknowledged",
  }),
  "GET /tmf-api/troubleTicket/v4/troubleTicket/{id}": async () => ({
    path: `/tmf-api/troubleTicket/v4/troubleTicket/${(await contractTicket()).id}`,
  }),
  "POST /tmf-api/troubleTicket/v4/troubleTicket": async (s) => ({
    path: "/tmf-api/troubleTicket/v4/troubleTicket",
    body: {
      name: "Slow at night",
      description: "Speed drops after 20:00",
      severity: "Minor",
      ticketType: "Fault",
      relatedEntity: [{ id: s.subscriberId, "@referredType": "Service" }],
    },
  }),
  "PATCH /tmf-api/troubleTicket/v4/troubleTicket/{id}": async () => ({
    path: `/tmf-api/troubleTicket/v4/troubleTicket/${(await contractTicket()).id}`,
    body: { status: "inProgress", note: [{ text: "On it" }] },
  }),
  "GET /tmf-api/alarmManagement/v4/alarm": async () => ({
    path: "/tmf-api/alarmManagement/v4/alarm?limit=5&state=raised",
  }),
  "GET /tmf-api/alarmManagement/v4/alarm/{id}": async () => ({
    path: `/tmf-api/alarmManagement/v4/alarm/${(await contractAlarm()).id}`,
  }),
  "POST /tmf-api/alarmManagement/v4/alarm": async () => ({
    path: "/tmf-api/alarmManagement/v4/alarm",
    body: {
      alarmType: "equipmentAlarm",
      perceivedSeverity: "minor",
      probableCause: "powerProblem",
      specificProblem: "PSU_FAIL",
      alarmedObjectType: "OLT",
      alarmedObject: { id: "olt-contract" },
      sourceSystemId: "contract",
    },
  }),
  "PATCH /tmf-api/alarmManagement/v4/alarm/{id}": async () => ({
    path: `/tmf-api/alarmManagement/v4/alarm/${(await contractAlarm()).id}`,
    body: { ackState: "acknowledged", state: "cleared" },
  }),
  "POST /inventory/equipment/assign": async (s) => {
    const model = await createModel(svc, { code: "CONTRACT-ONU", name: "ONU", kind: "ONU", serialised: true });
    const warehouse = await standingLocation(svc, "WAREHOUSE");
    await receiveEquipment(svc, { locationId: warehouse.id, modelId: model.id, items: [{ serial: "CONTRACT0001" }] });
    return { path: "/inventory/equipment/assign", body: { serial: "CONTRACT0001", subscriber_id: s.subscriberId } };
  },
  "POST /inventory/equipment/return": async () => ({
    path: "/inventory/equipment/return",
    body: { serial: "CONTRACT0001" },
  }),
  "POST /inventory/equipment/{serial}/inspect": async () => ({
    path: "/inventory/equipment/CONTRACT0001/inspect",
    body: { outcome: "REFURBISH" },
  }),
  "GET /inventory/equipment/{serial}/history": async () => ({ path: "/inventory/equipment/CONTRACT0001/history" }),
  "GET /inventory/return-policy": async () => ({ path: "/inventory/return-policy" }),
  "PUT /inventory/return-policy": async () => ({
    path: "/inventory/return-policy",
    body: { due_days: 21, grace_days: 5 },
  }),
  "POST /tmf-api/appointment/v4/appointment": async () => {
    const tech = await createUser(t.prisma, { roleKey: "field_technician", tenantId: svc.tenantId });
    await saveTechnicianProfile(svc, { userId: tech.id });
    const order = await createWorkOrder(svc, { type: "REPAIR", title: "Contract repair" });
    return {
      path: "/tmf-api/appointment/v4/appointment",
      body: {
        relatedEntity: [{ id: order.id, role: "workOrder" }],
        relatedParty: [{ id: tech.id, role: "technician" }],
        validFor: { startDateTime: "2026-12-08T08:00:00Z", endDateTime: "2026-12-08T12:00:00Z" },
      },
    };
  },
  "GET /tmf-api/appointment/v4/appointment/{id}": async (s) => ({
    path: `/tmf-api/appointment/v4/appointment/${s.appointmentId}`,
  }),
  "PATCH /tmf-api/appointment/v4/appointment/{id}": async (s) => ({
    path: `/tmf-api/appointment/v4/appointment/${s.appointmentId}`,
    body: { validFor: { startDateTime: "2026-12-08T09:00:00Z", endDateTime: "2026-12-08T11:00:00Z" } },
  }),
  "POST /tmf-api/appointment/v4/searchTimeSlot": async () => ({
    path: "/tmf-api/appointment/v4/searchTimeSlot",
    body: {
      requestedTimeSlot: [{ validFor: { startDateTime: "2026-12-08T00:00:00Z", endDateTime: "2026-12-09T00:00:00Z" } }],
    },
  }),
  "GET /partners/dashboard": async () => ({ path: "/partners/dashboard", asPartner: true }),
  "GET /partners/customers": async () => ({ path: "/partners/customers?page_size=10", asPartner: true }),
  "GET /partners/commissions": async () => ({ path: `/partners/commissions?month=2026-01`, asPartner: true }),
  "POST /partners/leads": async () => {
    await contractSale(); // the coverage area and splitter
    return {
      path: "/partners/leads",
      body: {
        name: "Partner Lead",
        email: "partner-lead@example.test",
        address: { street_name: "Oranienstraße", street_nr: "45", postcode: "10999", city: "Berlin", country: "DE" },
      },
      asPartner: true,
    };
  },
  "POST /partners/quotes": async (s) => ({
    path: "/partners/quotes",
    body: { lead_id: s.partnerLeadId, plan_id: s.planId },
    asPartner: true,
  }),
  "POST /partners/customers/{id}/handoff": async (s) => ({
    path: `/partners/customers/${s.customerId}/handoff`,
    asPartner: true,
  }),
};

let alarm: { id: string } | undefined;
const contractAlarm = async () => {
  alarm ??= (
    await raiseAlarm(svc, {
      alarmType: "COMMUNICATIONS_ALARM",
      probableCause: "LOSS_OF_SIGNAL",
      specificProblem: "NAS_DOWN",
      perceivedSeverity: "MAJOR",
      alarmedObjectType: "NAS",
      alarmedObjectId: "nas-contract",
      alarmedObjectName: "NAS contract",
      sourceSystemId: "radius",
    })
  ).alarm;
  return alarm;
};

let ticket: { id: string } | undefined;
let cpeSubscriberId: string | undefined;
/** A subscriber on the last ONU, whose CPE runs the diagnostics cases' tests. */
const subscriberWithCpe = async () => {
  if (!cpeSubscriberId) {
    const onu = await t.prisma.onu.findFirstOrThrow({ where: { tenantId: svc.tenantId }, orderBy: { id: "desc" } });
    cpeSubscriberId = (await createTestSubscriber(t.prisma, svc, { onuSerial: onu.serialNumber })).id;
  }
  return cpeSubscriberId;
};

const contractTicket = async () => {
  ticket ??= await openTicket(svc, { subject: "Contract ticket", description: "For the REST contract" });
  return ticket;
};

async function call(
  method: string,
  p: string,
  opts: { body?: unknown; token?: string; headers?: Record<string, string> } = {},
): Promise<ApiAnswer> {
  return callApi(method, p, { token: TOKEN, ...opts });
}

beforeAll(async () => {
  t = await testDatabase();
  svc = await tenantContext(t.prisma);
  const admin = await builtInRole(t.prisma, "tenant_admin");
  await t.prisma.apiToken.create({
    data: {
      tenantId: svc.tenantId,
      name: "contract",
      roleId: admin.id,
      tokenHash: hashToken(TOKEN),
      prefix: "fo_test",
    },
  });
  const oltId = (await registerOlt(svc, { name: "CONTRACT-OLT", hostAndPort: "10.9.0.1:9191" })).id;
  const [onu, spare] = await t.prisma.onu.findMany({
    where: { tenantId: svc.tenantId },
    orderBy: { id: "asc" },
    take: 2,
  });
  const sub = await createTestSubscriber(t.prisma, svc, { onuSerial: null });
  const partner = await t.prisma.partner.create({
    data: { tenantId: svc.tenantId, name: "Contract reseller", type: "RESELLER" },
  });
  await t.prisma.customer.update({ where: { id: sub.customerId }, data: { partnerId: partner.id } });
  await t.prisma.subscriber.update({ where: { id: sub.id }, data: { partnerId: partner.id } });
  const partnerAdmin = await createUser(t.prisma, {
    roleKey: "partner_admin",
    tenantId: svc.tenantId,
    partnerId: partner.id,
  });
  state = {
    partnerUser: await loadSessionUser(t.prisma, partnerAdmin.id, 0),
    oltId,
    serial: onu!.serialNumber,
    deviceId: onu!.externalId!,
    spareDeviceId: spare!.externalId!,
    subscriberId: sub.id,
    customerId: sub.customerId,
    planId: sub.planId,
  };
});
afterAll(() => t.drop());

describe("the OpenAPI document", () => {
  it("describes every route once, with a unique operation id", () => {
    const ops = Object.entries(apiDocument.paths).flatMap(([p, methods]) =>
      Object.entries(methods as Record<string, { operationId: string }>).map(([m, op]) => ({
        p,
        m,
        id: op.operationId,
      })),
    );
    for (const r of API_ROUTES) expect(ops.some((o) => o.p === r.path && o.m === r.method.toLowerCase())).toBe(true);
    expect(new Set(ops.map((o) => o.id)).size).toBe(ops.length);
    expect(new Set(API_ROUTES.map((r) => key(r.method, r.path))).size).toBe(API_ROUTES.length);
    expect(apiDocument.openapi).toBe("3.1.0");
  });

  it("has no /api/v1 route outside the dispatcher (so nothing undocumented is served)", () => {
    const root = path.join(process.cwd(), "app/api/v1");
    const files = (readdirSync(root, { recursive: true }) as string[])
      .filter((f) => /(^|\/)route\.(ts|tsx|js)$/.test(f))
      .sort();
    expect(files).toEqual(["[[...path]]/route.ts", "openapi.json/route.ts"]);
  });
});

describe("every route", () => {
  it("answers unknown paths with JSON 404 and wrong methods with JSON 405", async () => {
    const unknown = await call("GET", "/no/such/route");
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe("NOT_FOUND");
    for (const r of API_ROUTES) {
      const allowed = API_ROUTES.filter((o) => o.path === r.path).map((o) => o.method);
      const wrong = (["GET", "POST", "PUT", "PATCH", "DELETE"] as const).find((m) => !allowed.includes(m))!;
      const concrete = r.path.replace(/\{\w+\}/g, "00000000-0000-4000-8000-000000000000");
      const res = await call(wrong, concrete);
      // A literal sibling (…/discovery-webhook) may take the wrong method's path; otherwise 405.
      if (res.status !== 405) continue;
      expect(res.headers.get("allow")).toBe(allowed.join(", "));
      expect(res.body.error.code).toBe("METHOD_NOT_ALLOWED");
    }
  });

  it("refuses a caller without a token (401) and documents it", async () => {
    for (const r of API_ROUTES) {
      const concrete = r.path.replace(/\{\w+\}/g, "x");
      const res = await callApi(r.method, concrete, { body: r.method === "GET" ? undefined : {} });
      expect(res.status, key(r.method, r.path)).toBe(401);
    }
  });

  it("answers invalid input with 400 and issues, as documented", async () => {
    for (const r of API_ROUTES.filter((x) => x.body)) {
      const concrete = r.path
        .replace("{id}", state.oltId)
        .replace("{serial}", state.serial)
        .replace(/\{\w+\}/g, "00000000-0000-4000-8000-000000000000");
      // The partner API answers partner accounts only (a staff token is refused before the body is read).
      const asPartner = r.permission === "partner.portal";
      signedIn.user = asPartner ? state.partnerUser : null;
      const body = [1, "not what this route takes"];
      const res = await (asPartner
        ? callApi(r.method, concrete, { body })
        : call(r.method, concrete, { body })
      ).finally(() => {
        signedIn.user = null;
      });
      expect([400, 404], key(r.method, r.path)).toContain(res.status);
    }
  });

  it("succeeds as documented", async () => {
    // Order matters where one answer feeds the next (the bulk job, the provisioning job).
    for (const r of API_ROUTES) {
      const k = key(r.method, r.path);
      const make = SUCCESS[k];
      expect(make, `add a success case for ${k} to SUCCESS in server/rest-contract.test.ts`).toBeDefined();
      const { path: p, body, asPartner } = await make!(state);
      signedIn.user = asPartner ? state.partnerUser : null;
      const res = await (asPartner ? callApi(r.method, p, { body }) : call(r.method, p, { body })).finally(() => {
        signedIn.user = null;
      });
      expect(res.status, `${k}: ${JSON.stringify(res.body)}`).toBe(r.status ?? 200);
      succeeded.add(k);
      if (k === "POST /notifications/bulk") state.bulkJobId = res.body.job_id;
      if (k === "POST /diagnostics/speed-test/{subscriber_id}") state.diagnosticJobId = res.body.job_id;
      if (k === "POST /orchestration/provision-subscriber") state.jobId = res.body.job_id;
      if (k === "POST /webhooks/endpoints") state.webhookId = res.body.id;
      if (k === "POST /tmf-api/productOrderingManagement/v4/productOrder") state.orderId = res.body.id;
      if (k === "POST /tmf-api/appointment/v4/appointment") state.appointmentId = res.body.id;
      if (k === "POST /partners/leads") state.partnerLeadId = res.body.id;
      if (k === "GET /webhooks/endpoints/{id}/deliveries") state.deliveryId = res.body.data[0].id;
    }
    expect([...succeeded].sort()).toEqual(API_ROUTES.map((r) => key(r.method, r.path)).sort());
  }, 120_000); // every route in turn: minutes on a loaded machine

  it("answers a dry run as documented, wherever a route offers one, and changes nothing", async () => {
    const dry = API_ROUTES.filter((r) => r.dryRun);
    expect(dry.length).toBeGreaterThan(0);
    const changes = () =>
      Promise.all([
        t.prisma.orchestrationJob.count({ where: { tenantId: svc.tenantId } }),
        t.prisma.idempotencyRecord.count({ where: { tenantId: svc.tenantId } }),
        t.prisma.auditLog.count({ where: { tenantId: svc.tenantId } }),
      ]);
    const before = await changes();
    for (const r of dry) {
      const k = key(r.method, r.path);
      // The document keeps the dry run (200) apart from the route's own success.
      expect(r.status ?? 200, `${k}: a route with a dry run answers its success with another status`).not.toBe(200);
      const op = (apiDocument.paths[r.path] as Record<string, { responses: Record<string, unknown> }>)[
        r.method.toLowerCase()
      ]!;
      expect(op.responses["200"], k).toBeDefined();
      const { path: p, body } = await SUCCESS[k]!(state);
      // callApi validates each answer against the document's 200 for the operation.
      const byQuery = await call(r.method, `${p}?dry_run=true`, { body, headers: { "idempotency-key": `dry-${k}` } });
      expect(byQuery.status, k).toBe(200);
      expect(byQuery.body.dry_run).toBe(true);
      const byBody = await call(r.method, p, { body: { ...(body as object), dry_run: true } });
      expect(byBody.status, k).toBe(200);
      expect(byBody.body).toEqual(byQuery.body);
    }
    expect(await changes()).toEqual(before);
  });
});
