// The inventory on a real PostgreSQL: the ledger is append-only and every location's stock is
// the sum of its movements; a serial is never in two places, even when two technicians fit it
// at once; returns, inspections and history; CSV deliveries; the REST routes; tenant and role walls.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { tenantDb } from "@/server/db";
import { builtInRole } from "@/server/modules/identity";
import { hashToken } from "@/server/rest";
import type { ServiceContext } from "@/server/service-context";
import { type TestDatabase, testDatabase } from "@/server/testing/db";
import { callerAs, createTenant, createUser } from "@/server/testing/fixtures";
import { createTestSubscriber } from "@/server/testing/network-fixtures";
import { callApi } from "@/server/testing/rest";
import { importDeliveryCsv } from "./csv-import";
import {
  assignEquipment,
  equipmentHistory,
  inspectEquipment,
  receiveEquipment,
  returnEquipment,
  transferEquipment,
} from "./equipment";
import { stockByLocation } from "./ledger";
import { standingLocation, vanOf } from "./locations";
import { createModel } from "./models";
import { setMinimum, stockReport, vanStock } from "./stock";

vi.mock("@/server/auth", () => ({ auth: async () => null, sessionUser: async () => null }));

let t: TestDatabase;
let svc: ServiceContext;
let other: ServiceContext;
let techA: string;
let techB: string;
let onuModel: string;
let cableModel: string;
let warehouseId: string;
const ADMIN_TOKEN = "fo_test_inventory_admin_0123456789";
const TECH_TOKEN = "fo_test_inventory_tech_0123456789";
const OTHER_TOKEN = "fo_test_inventory_other_0123456789";

beforeAll(async () => {
  t = await testDatabase();
  const tenant = await createTenant(t.prisma);
  svc = { tenantId: tenant.id, db: tenantDb(tenant.id, t.prisma), actor: { userId: null, label: "stores", ip: null } };
  const second = await createTenant(t.prisma);
  other = { tenantId: second.id, db: tenantDb(second.id, t.prisma), actor: { userId: null, label: "other", ip: null } };
  techA = (await createUser(t.prisma, { roleKey: "field_technician", tenantId: tenant.id })).id;
  techB = (await createUser(t.prisma, { roleKey: "field_technician", tenantId: tenant.id })).id;
  onuModel = (
    await createModel(svc, { code: "ONU-G", name: "GPON ONU", kind: "ONU", serialised: true, priceMinor: 8900 })
  ).id;
  cableModel = (
    await createModel(svc, { code: "DROP", name: "Drop cable", kind: "CABLE", serialised: false, unit: "m" })
  ).id;
  warehouseId = (await standingLocation(svc, "WAREHOUSE")).id;
  const admin = await builtInRole(t.prisma, "tenant_admin");
  const tech = await builtInRole(t.prisma, "field_technician");
  await t.prisma.apiToken.createMany({
    data: [
      { tenantId: tenant.id, name: "stores", roleId: admin.id, tokenHash: hashToken(ADMIN_TOKEN), prefix: "fo_test" },
      { tenantId: tenant.id, name: "tech", roleId: tech.id, tokenHash: hashToken(TECH_TOKEN), prefix: "fo_test" },
      { tenantId: second.id, name: "other", roleId: admin.id, tokenHash: hashToken(OTHER_TOKEN), prefix: "fo_test" },
    ],
  });
});
afterAll(async () => {
  await t.drop();
});

const serials = (prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) => ({ serial: `${prefix}${1000 + i}` }));

/** The ledger agrees with where items are: per location and model, ledger sum = items there. */
async function assertLedgerAgrees(ctx: ServiceContext) {
  const ledger = await stockByLocation(ctx);
  const items = await ctx.db.inventoryItem.groupBy({ by: ["locationId", "modelId"], _count: { _all: true } });
  const serialised = new Set((await ctx.db.inventoryModel.findMany({ where: { serialised: true } })).map((m) => m.id));
  const fromLedger = ledger
    .filter((r) => serialised.has(r.modelId))
    .map((r) => `${r.locationId}:${r.modelId}=${r.quantity}`)
    .sort();
  const fromItems = items.map((g) => `${g.locationId}:${g.modelId}=${g._count._all}`).sort();
  expect(fromLedger).toEqual(fromItems);
  expect(ledger.every((r) => r.quantity > 0)).toBe(true);
  // Each item's movements put it in exactly one place: the one cached on it.
  const placed = await ctx.db.$queryRaw<{ item: string; n: bigint }[]>`
    SELECT item, COUNT(*) AS n FROM (
      SELECT "itemId" AS item, loc, SUM(q) AS s FROM (
        SELECT "itemId", "toLocationId" AS loc, quantity AS q FROM "InventoryMovement" WHERE "tenantId" = ${ctx.tenantId}::uuid AND "itemId" IS NOT NULL
        UNION ALL
        SELECT "itemId", "fromLocationId", -quantity FROM "InventoryMovement" WHERE "tenantId" = ${ctx.tenantId}::uuid AND "itemId" IS NOT NULL AND "fromLocationId" IS NOT NULL
      ) m GROUP BY "itemId", loc HAVING SUM(q) <> 0
    ) p GROUP BY item HAVING COUNT(*) <> 1 OR MIN(s) <> 1`;
  expect(placed).toEqual([]);
}

describe("the ledger", () => {
  it("keeps each location's stock equal to the sum of its movements through receive, transfer and assign", async () => {
    await receiveEquipment(svc, { locationId: warehouseId, modelId: onuModel, items: serials("LEDG", 6) });
    await receiveEquipment(svc, { locationId: warehouseId, modelId: cableModel, quantity: 500 });
    const van = await vanOf(svc, techA);
    await transferEquipment(svc, { serial: "ledg1000", toLocationId: van.id });
    await transferEquipment(svc, { serial: "LEDG1001", toLocationId: van.id });
    await transferEquipment(svc, {
      fromLocationId: warehouseId,
      modelId: cableModel,
      quantity: 120,
      toLocationId: van.id,
    });
    const sub = await createTestSubscriber(t.prisma, svc);
    await assignEquipment(svc, { serial: "LEDG1000", subscriberId: sub.id, fromTechnicianId: techA });
    await assertLedgerAgrees(svc);
    const report = await stockReport(svc);
    const line = (loc: string, model: string) =>
      report.find((r) => r.locationId === loc && r.modelId === model)?.quantity;
    expect(line(warehouseId, onuModel)).toBe(4);
    expect(line(van.id, onuModel)).toBe(1);
    expect(line(warehouseId, cableModel)).toBe(380);
    expect(line(van.id, cableModel)).toBe(120);
    expect((await vanStock(svc, techA)).items.map((i) => i.serial)).toEqual(["LEDG1001"]);
  });

  it("refuses to change or delete a movement", async () => {
    const [m] = await t.prisma.inventoryMovement.findMany({ where: { tenantId: svc.tenantId }, take: 1 });
    await expect(t.prisma.inventoryMovement.update({ where: { id: m!.id }, data: { quantity: 99 } })).rejects.toThrow(
      /append-only/,
    );
    await expect(t.prisma.inventoryMovement.delete({ where: { id: m!.id } })).rejects.toThrow(/append-only/);
  });

  it("never lets a quantity go below zero, even when two transfers race", async () => {
    const van = await vanOf(svc, techB);
    const results = await Promise.allSettled(
      [1, 2].map(() =>
        transferEquipment(svc, {
          fromLocationId: warehouseId,
          modelId: cableModel,
          quantity: 300,
          toLocationId: van.id,
        }),
      ),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(String((results.find((r) => r.status === "rejected") as PromiseRejectedResult).reason)).toMatch(
      /Only 80 in stock/,
    );
    await assertLedgerAgrees(svc);
  });

  it("raises a minimum-stock alert for a location below its minimum", async () => {
    const van = await vanOf(svc, techA);
    await setMinimum(svc, { locationId: van.id, modelId: onuModel, quantity: 3 });
    const line = (await stockReport(svc, van.id)).find((r) => r.modelId === onuModel);
    expect(line).toMatchObject({ quantity: 1, minimum: 3, belowMinimum: true });
  });
});

describe("a serial is never in two places", () => {
  it("lets one of two technicians fitting the same serial at once win; the other is told where it went", async () => {
    await receiveEquipment(svc, { locationId: warehouseId, modelId: onuModel, items: [{ serial: "RACE0001" }] });
    const [a, b] = await Promise.all([createTestSubscriber(t.prisma, svc), createTestSubscriber(t.prisma, svc)]);
    const results = await Promise.allSettled([
      assignEquipment(svc, { serial: "RACE0001", subscriberId: a.id }),
      assignEquipment(svc, { serial: "RACE0001", subscriberId: b.id }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const lost = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(String(lost.reason)).toMatch(/Serial RACE0001 is installed at subscriber sub-.*; it is not in stock/);
    const history = await equipmentHistory(svc, "RACE0001");
    expect(history.movements.map((m) => m.kind)).toEqual(["RECEIVE", "ASSIGN"]);
    await assertLedgerAgrees(svc);
  });

  it("refuses a serial from another technician's van, and assigning again to the same subscriber changes nothing", async () => {
    const sub = await createTestSubscriber(t.prisma, svc);
    await expect(
      assignEquipment(svc, { serial: "LEDG1001", subscriberId: sub.id, fromTechnicianId: techB }),
    ).rejects.toThrow(/not in your van/);
    const first = await assignEquipment(svc, { serial: "LEDG1001", subscriberId: sub.id, fromTechnicianId: techA });
    const again = await assignEquipment(svc, { serial: "LEDG1001", subscriberId: sub.id, fromTechnicianId: techA });
    expect(again.id).toBe(first.id);
    expect((await equipmentHistory(svc, "LEDG1001")).movements.filter((m) => m.kind === "ASSIGN")).toHaveLength(1);
    await expect(
      receiveEquipment(svc, { locationId: warehouseId, modelId: onuModel, items: [{ serial: "LEDG1001" }] }),
    ).rejects.toThrow(/already in the inventory/);
  });
});

describe("returns and inspection", () => {
  it("takes fitted equipment back for inspection, then sends it to the vendor; history shows each step", async () => {
    const back = await returnEquipment(svc, { serial: "LEDG1000" });
    expect(back.item.condition).toBe("NEEDS_INSPECTION");
    await expect(returnEquipment(svc, { serial: "LEDG1000" })).rejects.toThrow(/only fitted equipment/);
    const rma = await inspectEquipment(svc, { serial: "LEDG1000", outcome: "RMA", note: "No optical output" });
    expect(rma.condition).toBe("FAULTY");
    await expect(inspectEquipment(svc, { serial: "LEDG1000", outcome: "GOOD" })).rejects.toThrow(/not waiting/);
    const h = await equipmentHistory(svc, "LEDG1000");
    expect(h.location?.kind).toBe("RMA");
    expect(h.movements.map((m) => m.kind)).toEqual(["RECEIVE", "TRANSFER", "ASSIGN", "RETURN", "INSPECT"]);
    await assertLedgerAgrees(svc);
  });
});

describe("CSV deliveries", () => {
  it("receives serials and quantities, and refuses a file with a bad row before receiving anything", async () => {
    const csv = "model_code,serial,mac,quantity\nONU-G,CSV0001,AA:BB:CC:00:00:01,\nONU-G,CSV0002,,\nDROP,,,250\n";
    expect(await importDeliveryCsv(svc, { locationId: warehouseId, csv })).toEqual({ received: 252 });
    const bad = "model_code,serial\nONU-G,CSV0003\nNOPE,CSV0004\n";
    await expect(importDeliveryCsv(svc, { locationId: warehouseId, csv: bad })).rejects.toThrow(
      /Line 3: unknown model/,
    );
    expect(await svc.db.inventoryItem.count({ where: { serial: "CSV0003" } })).toBe(0);
    await assertLedgerAgrees(svc);
  });
});

describe("REST and walls", () => {
  it("assigns, returns, inspects and shows history over /api/v1, and refuses a technician's token", async () => {
    await receiveEquipment(svc, { locationId: warehouseId, modelId: onuModel, items: [{ serial: "REST0001" }] });
    const sub = await createTestSubscriber(t.prisma, svc);
    const call = (method: string, path: string, body?: unknown, token = ADMIN_TOKEN) =>
      callApi(method, path, { token, body });
    expect(
      (await call("POST", "/inventory/equipment/assign", { serial: "REST0001", subscriber_id: sub.id }, TECH_TOKEN))
        .status,
    ).toBe(403);
    const assigned = await call("POST", "/inventory/equipment/assign", { serial: "rest0001", subscriber_id: sub.id });
    expect(assigned.status).toBe(200);
    expect(assigned.body).toMatchObject({ serial: "REST0001", subscriber_id: sub.id, location: { kind: "CUSTOMER" } });
    const other2 = await createTestSubscriber(t.prisma, svc);
    const taken = await call("POST", "/inventory/equipment/assign", { serial: "REST0001", subscriber_id: other2.id });
    expect(taken.status).toBe(409);
    expect(taken.body.error.message).toMatch(/installed at subscriber/);
    expect((await call("POST", "/inventory/equipment/return", { serial: "REST0001" })).body.condition).toBe(
      "NEEDS_INSPECTION",
    );
    expect((await call("POST", "/inventory/equipment/REST0001/inspect", { outcome: "REFURBISH" })).body).toMatchObject({
      condition: "REFURBISHED",
      location: { kind: "WAREHOUSE" },
    });
    const history = await call("GET", "/inventory/equipment/REST0001/history", undefined, TECH_TOKEN);
    expect(history.status).toBe(200);
    expect(history.body.movements.map((m: { kind: string }) => m.kind)).toEqual([
      "RECEIVE",
      "ASSIGN",
      "RETURN",
      "INSPECT",
    ]);
    expect((await call("GET", "/inventory/equipment/NOPE0000/history")).status).toBe(404);
  });

  it("reads and sets the return policy over /api/v1: bad input changes nothing, a technician may only read", async () => {
    const call = (method: string, path: string, body?: unknown, token = ADMIN_TOKEN) =>
      callApi(method, path, { token, body });
    const first = await call("GET", "/inventory/return-policy", undefined, TECH_TOKEN);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ due_days: 14, grace_days: 7 });
    expect(first.body.charges).toContainEqual({
      model_id: onuModel,
      model_code: "ONU-G",
      model_name: "GPON ONU",
      charge_minor: 8900,
    });
    expect(first.body.charges.map((c: { model_code: string }) => c.model_code)).not.toContain("DROP");
    const put = (body: unknown, token?: string) => call("PUT", "/inventory/return-policy", body, token);
    expect((await put({ due_days: 10, grace_days: 3 }, TECH_TOKEN)).status).toBe(403);
    expect((await put({ due_days: 0, grace_days: 3 })).status).toBe(400);
    const unknown = await put({ due_days: 10, grace_days: 3, charges: [{ model_code: "NOPE", charge_minor: 1 }] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toMatch(/no serialised model with code NOPE/);
    expect((await call("GET", "/inventory/return-policy")).body).toEqual(first.body);
    const set = await put({ due_days: 10, grace_days: 3, charges: [{ model_code: "ONU-G", charge_minor: 9900 }] });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ due_days: 10, grace_days: 3 });
    expect(set.body.charges).toContainEqual(expect.objectContaining({ model_code: "ONU-G", charge_minor: 9900 }));
    expect((await svc.db.inventoryModel.findFirstOrThrow({ where: { id: onuModel } })).priceMinor).toBe(9900);
    const audits = await t.prisma.auditLog.findMany({
      where: { tenantId: svc.tenantId, action: "inventory.return_policy.update" },
    });
    expect(audits).toHaveLength(1);
    expect(audits[0]?.after).toMatchObject({ charges: [{ modelCode: "ONU-G", chargeMinor: 9900 }] });
    expect((await call("GET", "/inventory/return-policy", undefined, OTHER_TOKEN)).body).toMatchObject({
      due_days: 14,
      grace_days: 7,
      charges: [],
    });
    await put({ due_days: 14, grace_days: 7, charges: [{ model_code: "ONU-G", charge_minor: 8900 }] });
  });

  it("keeps every inventory table to its tenant", async () => {
    await expect(equipmentHistory(other, "LEDG1001")).rejects.toThrow(/not found/);
    const sub = await createTestSubscriber(t.prisma, svc);
    await expect(assignEquipment(other, { serial: "LEDG1002", subscriberId: sub.id })).rejects.toThrow(/not found/);
    expect(await stockByLocation(other)).toEqual([]);
    expect(await stockReport(other)).toEqual([]);
    expect(await other.db.inventoryModel.count()).toBe(0);
    expect(await other.db.stockLocation.count()).toBe(0);
    expect(await other.db.stockMinimum.count()).toBe(0);
    expect(await other.db.inventoryMovement.count()).toBe(0);
    await expect(vanOf(other, techA)).rejects.toThrow(/active technicians/);
    // The same serial may exist in another ISP's stock.
    const m = await createModel(other, { code: "ONU-G", name: "ONU", kind: "ONU", serialised: true });
    const wh = await standingLocation(other, "WAREHOUSE");
    await receiveEquipment(other, { locationId: wh.id, modelId: m.id, items: [{ serial: "LEDG1002" }] });
    await assertLedgerAgrees(other);
  });

  it("lets a technician read their van but not move stock", async () => {
    const tech = await callerAs(t.prisma, techA);
    expect((await tech.inventory.myVan()).van.name).toMatch(/^Van — /);
    await expect(tech.inventory.transfer({ serial: "LEDG1002", toLocationId: warehouseId })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
  });
});
