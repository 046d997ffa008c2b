// The TM Forum facades through the /api/v1 dispatcher: services with TMF638 names and states,
// a TMF622 order that starts provisioning and follows its job, tenant isolation.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { builtInRole } from "@/server/modules/identity";
import { transitionSubscriber } from "@/server/modules/subscribers";
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
const SI = "/tmf-api/serviceInventoryManagement/v4/service";
const PO = "/tmf-api/productOrderingManagement/v4/productOrder";
const call = (method: string, path: string, opts: { body?: unknown; token?: string } = {}) =>
  callApi(method, path, { token: TOKEN, ...opts });

beforeAll(async () => {
  t = await testDatabase();
  svc = await tenantContext(t.prisma);
  other = await tenantContext(t.prisma);
  const admin = await builtInRole(t.prisma, "tenant_admin");
  await t.prisma.apiToken.createMany({
    data: [
      { tenantId: svc.tenantId, name: "oss", roleId: admin.id, tokenHash: hashToken(TOKEN), prefix: "fo_test" },
      { tenantId: other.tenantId, name: "oss", roleId: admin.id, tokenHash: hashToken(OTHER), prefix: "fo_test" },
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
