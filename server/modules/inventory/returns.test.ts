// J4 equipment: a teardown opens a removal order and a return per fitted item; what comes back
// is closed and inspected; what does not is reminded once after its due date, then charged
// once after the grace, on the ended subscription's next invoice. Days come from the billing clock.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { EmbeddedExecutor } from "@/inngest/executor/worker";
import { functions } from "@/inngest/functions";
import { startBillingSubscription } from "@/server/modules/billing";
import { requestCancellation } from "@/server/modules/subscribers";
import type { ServiceContext } from "@/server/service-context";
import { advanceBillingClock, billingTenant, createBilledSubscriber } from "@/server/testing/billing-fixtures";
import { type TestDatabase, testDatabase } from "@/server/testing/db";
import { callerAs, createUser } from "@/server/testing/fixtures";
import { assignEquipment, inspectEquipment, receiveEquipment, returnEquipment } from "./equipment";
import { stockOf } from "./ledger";
import { standingLocation } from "./locations";
import { createModel } from "./models";
import { listEquipmentReturns, returnPolicy, runEquipmentReturns, setReturnPolicy } from "./returns";

vi.mock("@/server/auth", () => ({ auth: async () => null, sessionUser: async () => null }));

let t: TestDatabase;
let svc: ServiceContext;
let subscriberId: string;
let world: Awaited<ReturnType<typeof billingTenant>>;
const executor = new EmbeddedExecutor({ functions, workerId: "returns-test", backoffMs: () => 10, leaseMs: 20_000 });
const page = { page: 1, pageSize: 25 };

async function setToday(s: ServiceContext, day: string) {
  const offsetSeconds = Math.floor((Date.parse(`${day}T01:00:00Z`) - Date.now()) / 1000);
  await s.db.billingClock.upsert({
    where: { tenantId: s.tenantId },
    create: { tenantId: s.tenantId, offsetSeconds },
    update: { offsetSeconds },
  });
}

const returnOf = (serial: string) =>
  t.prisma.equipmentReturn.findFirstOrThrow({ where: { subscriberId, item: { serial } } });
const equipmentCharges = () =>
  t.prisma.billingCharge.findMany({ where: { dedupeKey: { startsWith: "oneoff:equipment-return:" } } });

beforeAll(async () => {
  t = await testDatabase();
  world = await billingTenant(t.prisma);
  svc = world.svc;
  await setToday(svc, "2027-03-11");
  const { subscriber } = await createBilledSubscriber(t.prisma, world.tenant.id, world.fast.id);
  subscriberId = subscriber.id;
  await startBillingSubscription(svc, subscriber, { at: new Date("2027-03-01T00:00:00Z") });
  const warehouse = await standingLocation(svc, "WAREHOUSE");
  const onu = await createModel(svc, {
    code: "ONU",
    name: "GPON ONU",
    kind: "ONU",
    serialised: true,
    priceMinor: 8900,
  });
  const cpe = await createModel(svc, {
    code: "CPE",
    name: "WiFi router",
    kind: "CPE",
    serialised: true,
    priceMinor: 0,
  });
  await receiveEquipment(svc, { locationId: warehouse.id, modelId: onu.id, items: [{ serial: "ONU00000001" }] });
  await receiveEquipment(svc, { locationId: warehouse.id, modelId: cpe.id, items: [{ serial: "CPE00000001" }] });
  await assignEquipment(svc, { serial: "ONU00000001", subscriberId });
  await assignEquipment(svc, { serial: "CPE00000001", subscriberId });
});
afterAll(async () => {
  await executor.stop();
  await t.drop();
});

describe("equipment returns after a voluntary disconnect", () => {
  // The removal order and the returns open on the termination event, written in the transaction
  // of the teardown's last step (archive): a teardown that rolls back never wrote it, so there
  // is nothing of them to withdraw. The archive is made to fail here by a trigger.
  it("a teardown that rolls back opens no removal order and no return", async () => {
    const { subscriber } = await createBilledSubscriber(t.prisma, world.tenant.id, world.fast.id);
    await startBillingSubscription(svc, subscriber, { at: new Date("2027-03-01T00:00:00Z") });
    const onu = await t.prisma.inventoryModel.findFirstOrThrow({ where: { tenantId: svc.tenantId, code: "ONU" } });
    await receiveEquipment(svc, {
      locationId: (await standingLocation(svc, "WAREHOUSE")).id,
      modelId: onu.id,
      items: [{ serial: "ONU00000002" }],
    });
    await assignEquipment(svc, { serial: "ONU00000002", subscriberId: subscriber.id });
    await t.prisma.$executeRawUnsafe(`
      CREATE FUNCTION fail_termination() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
        IF NEW.status = 'TERMINATED' AND NEW.id = '${subscriber.id}' THEN RAISE EXCEPTION 'injected: archive fails'; END IF;
        RETURN NEW; END $$`);
    await t.prisma.$executeRawUnsafe(
      `CREATE TRIGGER fail_termination BEFORE UPDATE ON "Subscriber" FOR EACH ROW EXECUTE FUNCTION fail_termination()`,
    );
    try {
      await requestCancellation(svc, { subscriberId: subscriber.id, reason: "Changed my mind" });
      await executor.runUntilIdle({ advanceClock: true });
    } finally {
      await t.prisma.$executeRawUnsafe(`DROP TRIGGER fail_termination ON "Subscriber"`);
      await t.prisma.$executeRawUnsafe("DROP FUNCTION fail_termination()");
    }
    const job = await t.prisma.orchestrationJob.findFirstOrThrow({
      where: { subscriberId: subscriber.id, type: "deprovision-subscriber" },
      include: { steps: true },
    });
    expect(job.status).toBe("ROLLED_BACK");
    expect(job.steps.find((s) => s.name === "archive")?.status).toBe("FAILED");
    expect((await t.prisma.subscriber.findUniqueOrThrow({ where: { id: subscriber.id } })).status).not.toBe(
      "TERMINATED",
    );
    expect(await t.prisma.workOrder.count({ where: { subscriberId: subscriber.id } })).toBe(0);
    expect(await t.prisma.equipmentReturn.count({ where: { subscriberId: subscriber.id } })).toBe(0);
    expect((await t.prisma.inventoryItem.findFirstOrThrow({ where: { serial: "ONU00000002" } })).locationId).toBe(
      (await t.prisma.stockLocation.findFirstOrThrow({ where: { subscriberId: subscriber.id } })).id,
    );
  });

  it("the teardown opens one removal order and a return per fitted item, due after the policy's days", async () => {
    expect(await returnPolicy(svc)).toEqual({ dueDays: 14, graceDays: 7 });
    await requestCancellation(svc, { subscriberId, reason: "Moving abroad" });
    await executor.runUntilIdle({ advanceClock: true });
    const orders = await t.prisma.workOrder.findMany({ where: { subscriberId } });
    expect(orders.map((o) => [o.type, o.title])).toEqual([["REMOVAL", "Collect equipment: CPE00000001, ONU00000001"]]);
    const { rows } = await listEquipmentReturns(svc, page);
    expect(rows.map((r) => [r.serial, r.status, r.dueOn, r.workOrderId])).toEqual([
      ["CPE00000001", "OPEN", "2027-03-25", orders[0]?.id],
      ["ONU00000001", "OPEN", "2027-03-25", orders[0]?.id],
    ]);
  });

  it("a returned item is closed and inspected; the one still out is reminded once after its due date", async () => {
    await returnEquipment(svc, { serial: "CPE00000001" });
    expect((await returnOf("CPE00000001")).status).toBe("RETURNED");
    const inspected = await inspectEquipment(svc, { serial: "CPE00000001", outcome: "REFURBISH" });
    expect(inspected.condition).toBe("REFURBISHED");

    // On the due date nothing happens yet.
    await setToday(svc, "2027-03-25");
    expect(await runEquipmentReturns(svc)).toEqual({ reminded: 0, charged: 0 });
    await advanceBillingClock(svc, 1);
    expect(await runEquipmentReturns(svc)).toEqual({ reminded: 1, charged: 0 });
    expect(await runEquipmentReturns(svc)).toEqual({ reminded: 0, charged: 0 });
    const notices = await t.prisma.notification.findMany({ where: { subscriberId, template: "equipment_return_due" } });
    expect(notices).toHaveLength(1);
    expect(notices[0]?.data).toMatchObject({ items: ["GPON ONU (ONU00000001)"], chargeMinor: 8900, currency: "EUR" });
    expect(await equipmentCharges()).toHaveLength(0);
  });

  it("past the grace the unreturned item is charged once, on the next invoice; the returned one never", async () => {
    // Due the 25th, grace 7 days: still within it on 1 April.
    await setToday(svc, "2027-04-01");
    expect(await runEquipmentReturns(svc)).toEqual({ reminded: 0, charged: 0 });
    await advanceBillingClock(svc, 1);
    expect(await runEquipmentReturns(svc)).toEqual({ reminded: 0, charged: 1 });
    expect(await runEquipmentReturns(svc)).toEqual({ reminded: 0, charged: 0 });

    const charges = await equipmentCharges();
    expect(charges.map((c) => [c.description, c.unitAmountMinor])).toEqual([
      ["Unreturned GPON ONU (ONU00000001)", 8900],
    ]);
    const invoices = await t.prisma.invoice.findMany({
      where: { subscriberId, kind: "charges" },
      include: { lines: true },
    });
    expect(invoices).toHaveLength(1);
    expect(invoices[0]?.status).toBe("ISSUED");
    expect(invoices[0]?.lines.map((l) => [l.kind, l.description, l.netMinor])).toEqual([
      ["ONE_OFF", "Unreturned GPON ONU (ONU00000001)", 8900],
    ]);
    expect(charges[0]?.invoiceId).toBe(invoices[0]?.id);
    expect((await returnOf("ONU00000001")).status).toBe("CHARGED");
    expect((await returnOf("CPE00000001")).status).toBe("RETURNED");

    // The charged ONU is written off the ledger once: it left the premises for the scrap place.
    const onu = await t.prisma.inventoryItem.findFirstOrThrow({ where: { serial: "ONU00000001" } });
    const premises = await t.prisma.stockLocation.findFirstOrThrow({ where: { subscriberId } });
    const scrap = await standingLocation(svc, "SCRAP");
    const writeOffs = await t.prisma.inventoryMovement.findMany({ where: { itemId: onu.id, kind: "WRITE_OFF" } });
    expect(writeOffs.map((m) => [m.fromLocationId, m.toLocationId, m.subscriberId])).toEqual([
      [premises.id, scrap.id, subscriberId],
    ]);
    expect(onu.locationId).toBe(scrap.id);
    expect(await stockOf(t.prisma, svc, premises.id, onu.modelId)).toBe(0);
    const cpe = await t.prisma.inventoryItem.findFirstOrThrow({ where: { serial: "CPE00000001" } });
    expect(await t.prisma.inventoryMovement.count({ where: { itemId: cpe.id, kind: "WRITE_OFF" } })).toBe(0);
  });

  it("the policy is checked and audited; another tenant sees none of these returns", async () => {
    await expect(setReturnPolicy(svc, { dueDays: 0, graceDays: 7 })).rejects.toThrow("Allow at least a day");
    expect(await setReturnPolicy(svc, { dueDays: 21, graceDays: 10 })).toEqual({ dueDays: 21, graceDays: 10 });
    expect(await returnPolicy(svc)).toEqual({ dueDays: 21, graceDays: 10 });
    expect(await t.prisma.auditLog.count({ where: { action: "inventory.return_policy.update" } })).toBe(1);

    const other = await billingTenant(t.prisma);
    const stranger = await callerAs(
      t.prisma,
      (await createUser(t.prisma, { roleKey: "tenant_admin", tenantId: other.tenant.id })).id,
    );
    expect(await stranger.inventory.returns.list(page)).toEqual({ rows: [], total: 0 });
    expect(await stranger.inventory.returns.runNow()).toEqual({ reminded: 0, charged: 0 });
    expect(await stranger.inventory.returns.policy()).toEqual({ dueDays: 14, graceDays: 7 });
    const tech = await callerAs(
      t.prisma,
      (await createUser(t.prisma, { roleKey: "field_technician", tenantId: svc.tenantId })).id,
    );
    await expect(tech.inventory.returns.setPolicy({ dueDays: 1, graceDays: 1 })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
  });
});
