// Work orders on a real PostgreSQL: numbering and links, the status machine, what completion
// requires per type, the "completed" event in the outbox, an install starting provisioning once
// through orchestration, replayed actions applying once, and tenant and role walls.
import type { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tenantDb } from "@/server/db";
import { createModel, equipmentHistory, receiveEquipment, vanOf } from "@/server/modules/inventory";
import { saveCoverageArea } from "@/server/modules/serviceability";
import type { ServiceContext } from "@/server/service-context";
import { type TestDatabase, testDatabase } from "@/server/testing/db";
import { callerAs, createTenant, createUser } from "@/server/testing/fixtures";
import { createTestSubscriber } from "@/server/testing/network-fixtures";
import { assignWorkOrder } from "./assign";
import { completeWorkOrder } from "./complete-work-order";
import { WORK_ORDER_COMPLETED_EVENT } from "./completed";
import { createWorkOrder } from "./create-work-order";
import { getWorkOrder, listWorkOrders, technicianDay } from "./list-work-orders";
import { moveWorkOrder } from "./progress";
import { addWorkOrderPhoto, recordFindings, signWorkOrder } from "./record";
import { listTechnicians, removeTechnician, saveTechnicianProfile, searchTimeSlots } from "./technicians";

let t: TestDatabase;
let svc: ServiceContext;
let other: ServiceContext;
let techId: string;
let tech2Id: string;
let csrId: string;
let nocId: string;

// The smallest valid PNG (1×1), as a canvas would send it.
const PNG = Uint8Array.from(
  Buffer.from(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
    "base64",
  ),
);
const window9to12 = { windowStart: new Date("2026-12-07T09:00:00Z"), windowEnd: new Date("2026-12-07T12:00:00Z") };

beforeAll(async () => {
  t = await testDatabase();
  const tenant = await createTenant(t.prisma);
  const noc = await createUser(t.prisma, { roleKey: "noc_engineer", tenantId: tenant.id });
  nocId = noc.id;
  svc = {
    tenantId: tenant.id,
    db: tenantDb(tenant.id, t.prisma),
    actor: { userId: noc.id, label: noc.email, ip: null },
  };
  techId = (await createUser(t.prisma, { roleKey: "field_technician", tenantId: tenant.id })).id;
  tech2Id = (await createUser(t.prisma, { roleKey: "field_technician", tenantId: tenant.id })).id;
  csrId = (await createUser(t.prisma, { roleKey: "csr", tenantId: tenant.id })).id;
  for (const userId of [techId, tech2Id]) await saveTechnicianProfile(svc, { userId });
  // The ONU the install fits is in the technician's van.
  const onu = await createModel(svc, { code: "ONU-X", name: "GPON ONU", kind: "ONU", serialised: true });
  const van = await vanOf(svc, techId);
  await receiveEquipment(svc, { locationId: van.id, modelId: onu.id, items: [{ serial: "ABCD12345678" }] });
  const second = await createTenant(t.prisma);
  other = { tenantId: second.id, db: tenantDb(second.id, t.prisma), actor: { userId: null, label: "other", ip: null } };
});
afterAll(async () => {
  await t.drop();
});

async function installOrder() {
  const sub = await createTestSubscriber(t.prisma, svc);
  const order = await createWorkOrder(svc, {
    type: "INSTALL",
    title: "Install fibre",
    subscriberId: sub.id,
    assigneeId: techId,
    ...window9to12,
  });
  return { sub, order };
}

describe("creating and assigning", () => {
  it("numbers orders per tenant, takes the customer from the subscriber and schedules an assigned one", async () => {
    const { sub, order } = await installOrder();
    const survey = await createWorkOrder(svc, { type: "SURVEY", title: "Survey the drop", customerId: sub.customerId });
    expect(survey.number).toBe(order.number + 1);
    expect(order.customerId).toBe(sub.customerId);
    expect(order.status).toBe("SCHEDULED");
    expect(survey.status).toBe("NEW");
    expect((order.checklist as { done: boolean }[]).every((c) => c.done === false)).toBe(true);
    const first = await createWorkOrder(other, { type: "SURVEY", title: "Other ISP's survey" });
    expect(first.number).toBe(1);
  });

  it("refuses an install without a subscriber, a half window, and an assignee who is not a technician here", async () => {
    await expect(createWorkOrder(svc, { type: "INSTALL", title: "No subscriber" })).rejects.toThrow(/subscriber/);
    await expect(
      createWorkOrder(svc, { type: "REPAIR", title: "Half window", windowStart: new Date() }),
    ).rejects.toThrow(/both ends/);
    const outsider = await createUser(t.prisma, { roleKey: "field_technician", tenantId: other.tenantId });
    const order = await createWorkOrder(svc, { type: "REPAIR", title: "Loose connector" });
    await expect(
      assignWorkOrder(svc, { workOrderId: order.id, assigneeId: outsider.id, ...window9to12 }),
    ).rejects.toThrow(/active technician/);
    await expect(assignWorkOrder(svc, { workOrderId: order.id, assigneeId: csrId, ...window9to12 })).rejects.toThrow(
      /active technician/,
    );
    const assigned = await assignWorkOrder(svc, { workOrderId: order.id, assigneeId: tech2Id, ...window9to12 });
    expect(assigned.status).toBe("SCHEDULED");
    const unassigned = await assignWorkOrder(svc, { workOrderId: order.id, assigneeId: null });
    expect(unassigned.status).toBe("NEW");
  });
});

describe("technicians", () => {
  it("are only the staff with a technician profile; one holding open orders is not taken off the board", async () => {
    const newcomer = (await createUser(t.prisma, { roleKey: "field_technician", tenantId: svc.tenantId })).id;
    expect((await listTechnicians(svc)).map((x) => x.id)).not.toContain(newcomer);
    expect((await listTechnicians(svc)).map((x) => x.id)).not.toContain(nocId);
    const order = await createWorkOrder(svc, { type: "REPAIR", title: "Flapping ONU" });
    await expect(assignWorkOrder(svc, { workOrderId: order.id, assigneeId: newcomer, ...window9to12 })).rejects.toThrow(
      /active technician/,
    );
    await expect(
      saveTechnicianProfile(svc, { userId: newcomer, base: { label: "Depot", latitude: 95, longitude: 13.4 } }),
    ).rejects.toThrow(/Latitude is -90 to 90/);
    await saveTechnicianProfile(svc, { userId: newcomer, base: { label: "Depot", latitude: 52.5, longitude: 13.4 } });
    expect((await listTechnicians(svc)).find((x) => x.id === newcomer)?.base).toEqual({
      label: "Depot",
      latitude: 52.5,
      longitude: 13.4,
    });
    await assignWorkOrder(svc, { workOrderId: order.id, assigneeId: newcomer, ...window9to12 });
    await expect(removeTechnician(svc, newcomer)).rejects.toThrow(/1 open order is assigned/);
    await expect(removeTechnician(other, newcomer)).rejects.toThrow(/not found/);
    await assignWorkOrder(svc, { workOrderId: order.id, assigneeId: null });
    await removeTechnician(svc, newcomer);
    expect((await listTechnicians(svc)).map((x) => x.id)).not.toContain(newcomer);
  });
});

describe("an install from arrival to provisioning", () => {
  it("follows the status machine, lists what is missing, completes once and starts provisioning once", async () => {
    const { sub, order } = await installOrder();
    await expect(completeWorkOrder(svc, order.id)).rejects.toThrow(/Start the work/);
    await expect(moveWorkOrder(svc, { workOrderId: order.id, to: "IN_PROGRESS" })).rejects.toThrow(/cannot become/);
    await moveWorkOrder(svc, { workOrderId: order.id, to: "EN_ROUTE" });
    await moveWorkOrder(svc, { workOrderId: order.id, to: "ON_SITE" });
    const started = await moveWorkOrder(svc, { workOrderId: order.id, to: "IN_PROGRESS" });
    expect(started.arrivedAt).not.toBeNull();
    expect(started.startedAt).not.toBeNull();

    await expect(completeWorkOrder(svc, order.id)).rejects.toThrow(/optical power.*ONU serial.*a photo.*signature/);
    await recordFindings(svc, {
      workOrderId: order.id,
      checklist: { drop: true, onu: true, cpe: true, tidy: true },
      opticalPowerDbm: -19.5,
      onuSerial: "abcd12345678",
    });
    await addWorkOrderPhoto(svc, { workOrderId: order.id, bytes: PNG, caption: "ONU on the wall" });
    await expect(
      addWorkOrderPhoto(svc, { workOrderId: order.id, bytes: new TextEncoder().encode("not an image") }),
    ).rejects.toThrow(/PNG, JPEG or WebP/);
    await signWorkOrder(svc, { workOrderId: order.id, signedBy: "Jo Customer", png: PNG });
    expect((await getWorkOrder(svc, order.id)).missing).toEqual([]);

    const done = await completeWorkOrder(svc, order.id);
    expect(done.status).toBe("COMPLETED");
    expect(done.provisioningJobId).not.toBeNull();
    const again = await completeWorkOrder(svc, order.id);
    expect(again.provisioningJobId).toBe(done.provisioningJobId);

    const jobs = await svc.db.orchestrationJob.findMany({ where: { subscriberId: sub.id } });
    expect(jobs.map((j) => [j.id, j.type])).toEqual([[done.provisioningJobId, "provision-subscriber"]]);
    const subscriber = await svc.db.subscriber.findFirst({ where: { id: sub.id } });
    expect(subscriber?.onuSerial).toBe("ABCD12345678");
    const onu = await equipmentHistory(svc, "ABCD12345678");
    expect(onu.location).toMatchObject({ kind: "CUSTOMER", subscriberId: sub.id });
    expect(onu.movements.map((m) => [m.kind, m.workOrderId])).toEqual([
      ["RECEIVE", null],
      ["ASSIGN", order.id],
    ]);

    const events = await t.prisma.executorEvent.findMany({ where: { name: WORK_ORDER_COMPLETED_EVENT } });
    const mine = events.filter((e) => (e.data as { workOrderId: string }).workOrderId === order.id);
    expect(mine).toHaveLength(1);
    expect(mine[0].data).toMatchObject({ tenantId: svc.tenantId, type: "INSTALL", subscriberId: sub.id });

    await expect(moveWorkOrder(svc, { workOrderId: order.id, to: "CANCELLED", reason: "late" })).rejects.toThrow(
      /can no longer change/,
    );
  });

  it("refuses to complete an install with an ONU that is not in the technician's van", async () => {
    const { order } = await installOrder();
    for (const to of ["ON_SITE", "IN_PROGRESS"] as const) await moveWorkOrder(svc, { workOrderId: order.id, to });
    await recordFindings(svc, {
      workOrderId: order.id,
      checklist: { drop: true, onu: true, cpe: true, tidy: true },
      opticalPowerDbm: -21,
      onuSerial: "NOTINVAN0001",
    });
    await addWorkOrderPhoto(svc, { workOrderId: order.id, bytes: PNG });
    await signWorkOrder(svc, { workOrderId: order.id, signedBy: "Jo", png: PNG });
    await expect(completeWorkOrder(svc, order.id)).rejects.toThrow(/Serial NOTINVAN0001 was not found/);
    expect((await getWorkOrder(svc, order.id)).status).toBe("IN_PROGRESS");
  });

  it("shows a technician their day in window order, with open orders from before", async () => {
    const day = await technicianDay(svc, techId, new Date("2026-12-07T15:00:00Z"));
    expect(day.length).toBeGreaterThan(0);
    expect(day.every((o) => o.assigneeId === techId)).toBe(true);
    const nextDay = await technicianDay(svc, techId, new Date("2026-12-08T15:00:00Z"));
    expect(nextDay.every((o) => o.status !== "COMPLETED")).toBe(true);
  });
});

describe("telling the customer", () => {
  it("tells the window once, not again for a move inside it, again for a move outside it or back, and that the technician is on the way", async () => {
    const { sub, order } = await installOrder();
    const notes = async () =>
      (await svc.db.notification.findMany({ where: { subscriberId: sub.id }, orderBy: { createdAt: "asc" } })).map(
        (n) => n.template,
      );
    expect(await notes()).toEqual(["work_order_assigned"]);
    await assignWorkOrder(svc, {
      workOrderId: order.id,
      assigneeId: techId,
      windowStart: new Date("2026-12-07T10:00:00Z"),
      windowEnd: new Date("2026-12-07T11:00:00Z"),
    });
    expect(await notes()).toEqual(["work_order_assigned"]);
    await assignWorkOrder(svc, {
      workOrderId: order.id,
      assigneeId: techId,
      windowStart: new Date("2026-12-07T13:00:00Z"),
      windowEnd: new Date("2026-12-07T16:00:00Z"),
    });
    expect(await notes()).toEqual(["work_order_assigned", "work_order_assigned"]);
    // Back to the first window: news again (they were last told 13:00–16:00).
    await assignWorkOrder(svc, { workOrderId: order.id, assigneeId: techId, ...window9to12 });
    expect(await notes()).toEqual(["work_order_assigned", "work_order_assigned", "work_order_assigned"]);
    await moveWorkOrder(svc, { workOrderId: order.id, to: "EN_ROUTE" });
    await moveWorkOrder(svc, { workOrderId: order.id, to: "EN_ROUTE" });
    expect(await notes()).toEqual([
      "work_order_assigned",
      "work_order_assigned",
      "work_order_assigned",
      "service_notice",
    ]);
  });
});

describe("appointment slots", () => {
  const day = { from: new Date("2026-12-07T00:00:00Z"), to: new Date("2026-12-08T00:00:00Z") };
  const offered = (slots: { technicianId: string; start: Date }[], who: string, hour: number) =>
    slots.some(
      (s) =>
        s.technicianId === who && s.start.toISOString() === `2026-12-07T${String(hour).padStart(2, "0")}:00:00.000Z`,
    );

  it("offers each technician's free half-day slots, never one they are booked in", async () => {
    const { slots } = await searchTimeSlots(svc, day);
    // techId has installs 09:00–12:00 on the 7th; tech2 was unassigned again.
    expect(offered(slots, techId, 8)).toBe(false);
    expect(offered(slots, tech2Id, 8)).toBe(true);
    expect(offered(slots, techId, 16)).toBe(true);
    await expect(searchTimeSlots(svc, { from: new Date("2026-12-07"), to: new Date("2026-12-30") })).rejects.toThrow(
      /14 days/,
    );
  });

  it("for a job, offers only technicians with its type's skills who work in its zone and are free", async () => {
    const box = (w: number, s: number, e: number, n: number): [number, number][] => [
      [w, s],
      [e, s],
      [e, n],
      [w, n],
      [w, s],
    ];
    const north = await saveCoverageArea(svc, { name: "North", polygon: box(13.0, 52.6, 13.2, 52.7) });
    const south = await saveCoverageArea(svc, { name: "South", polygon: box(13.0, 52.3, 13.2, 52.4) });
    const splicer = (await createUser(t.prisma, { roleKey: "field_technician", tenantId: svc.tenantId })).id;
    const southTech = (await createUser(t.prisma, { roleKey: "field_technician", tenantId: svc.tenantId })).id;
    await saveTechnicianProfile(svc, {
      userId: techId,
      skills: ["fibre_install", "fault_finding"],
      zoneIds: [north.id],
    });
    await saveTechnicianProfile(svc, { userId: tech2Id, skills: ["fibre_install"], zoneIds: [] });
    await saveTechnicianProfile(svc, { userId: splicer, skills: ["splicing"], zoneIds: [north.id] });
    await saveTechnicianProfile(svc, {
      userId: southTech,
      skills: ["fibre_install", "fault_finding"],
      zoneIds: [south.id],
    });
    const repair = await createWorkOrder(svc, {
      type: "REPAIR",
      title: "No light at the ONU",
      latitude: 52.65,
      longitude: 13.1,
    });

    const found = await searchTimeSlots(svc, { ...day, workOrderId: repair.id });
    expect(found.skills).toEqual(["fault_finding"]);
    expect(found.zone).toEqual({ id: north.id, name: "North" });
    const who = new Set(found.slots.map((s) => s.technicianId));
    // techId: the skill and the zone, booked in the morning; tech2 lacks fault finding; the
    // splicer lacks it too; the southern technician works elsewhere.
    expect([...who]).toEqual([techId]);
    expect(offered(found.slots, techId, 8)).toBe(false);
    expect(offered(found.slots, techId, 12)).toBe(true);

    // Outside every zone: anyone with the skill (techId and the southern technician).
    const nowhere = await createWorkOrder(svc, { type: "REPAIR", title: "Far away", latitude: 10, longitude: 10 });
    const anywhere = await searchTimeSlots(svc, { ...day, workOrderId: nowhere.id });
    expect(anywhere.zone).toBeNull();
    expect(new Set(anywhere.slots.map((s) => s.technicianId))).toEqual(new Set([techId, southTech]));

    // The job's own booking does not make its technician busy for it.
    await assignWorkOrder(svc, {
      workOrderId: repair.id,
      assigneeId: techId,
      windowStart: new Date("2026-12-07T16:00:00Z"),
      windowEnd: new Date("2026-12-07T20:00:00Z"),
    });
    expect(offered((await searchTimeSlots(svc, { ...day, workOrderId: repair.id })).slots, techId, 16)).toBe(true);
    expect(offered((await searchTimeSlots(svc, day)).slots, techId, 16)).toBe(false);
    await assignWorkOrder(svc, { workOrderId: repair.id, assigneeId: null });

    expect((await listTechnicians(svc)).find((x) => x.id === splicer)).toMatchObject({
      skills: ["splicing"],
      zoneIds: [north.id],
    });
    await expect(searchTimeSlots(other, { ...day, workOrderId: repair.id })).rejects.toThrow(/not found/);
    await expect(saveTechnicianProfile(svc, { userId: csrId, skills: ["splicing"] })).rejects.toThrow(
      /may work orders can be technicians/,
    );
    await expect(saveTechnicianProfile(other, { userId: splicer, skills: ["splicing"], zoneIds: [] })).rejects.toThrow(
      /may work orders can be technicians/,
    );
    await expect(saveTechnicianProfile(svc, { userId: splicer, zoneIds: [crypto.randomUUID()] })).rejects.toThrow(
      /coverage areas/,
    );
  });
});

describe("walls", () => {
  it("hides one tenant's orders from another", async () => {
    const { order } = await installOrder();
    await expect(getWorkOrder(other, order.id)).rejects.toThrow(/not found/);
    await expect(moveWorkOrder(other, { workOrderId: order.id, to: "EN_ROUTE" })).rejects.toThrow(/not found/);
    expect((await listWorkOrders(other)).some((o) => o.id === order.id)).toBe(false);
    const sub = await createTestSubscriber(t.prisma, svc);
    await expect(createWorkOrder(other, { type: "INSTALL", title: "Steal", subscriberId: sub.id })).rejects.toThrow(
      /not found/,
    );
  });

  it("lets a technician work only their own orders, and only dispatchers create, assign and cancel", async () => {
    const { order } = await installOrder();
    const tech = await callerAs(t.prisma, techId);
    const tech2 = await callerAs(t.prisma, tech2Id);
    const csr = await callerAs(t.prisma, csrId);
    const noc = await callerAs(t.prisma, nocId);
    const code = (p: Promise<unknown>) =>
      p.then(
        () => "OK",
        (e: TRPCError) => e.code,
      );
    expect(await code(tech.workorders.create({ type: "REPAIR", title: "Self-made" }))).toBe("FORBIDDEN");
    expect(await code(tech.workorders.assign({ workOrderId: order.id, assigneeId: techId }))).toBe("FORBIDDEN");
    expect(await code(csr.workorders.move({ workOrderId: order.id, to: "EN_ROUTE" }))).toBe("FORBIDDEN");
    expect(await code(tech2.workorders.move({ workOrderId: order.id, to: "EN_ROUTE" }))).toBe("NOT_FOUND");
    expect(await code(tech.workorders.move({ workOrderId: order.id, to: "CANCELLED", reason: "no" }))).toBe(
      "FORBIDDEN",
    );
    expect(await code(tech.workorders.move({ workOrderId: order.id, to: "EN_ROUTE" }))).toBe("OK");
    expect(await code(csr.workorders.get({ id: order.id }))).toBe("OK");
    expect(await code(noc.workorders.move({ workOrderId: order.id, to: "CANCELLED", reason: "Customer away" }))).toBe(
      "OK",
    );
  });

  it("applies a replayed offline action once", async () => {
    const { order } = await installOrder();
    const tech = await callerAs(t.prisma, techId);
    for (const to of ["ON_SITE", "IN_PROGRESS"] as const)
      await tech.workorders.move({ workOrderId: order.id, to, idempotencyKey: `k-${order.id}-${to}` });
    const record = { workOrderId: order.id, notes: "Dog in garden", idempotencyKey: `k-${order.id}-notes` };
    await tech.workorders.record(record);
    await tech.workorders.record(record);
    const photo = {
      workOrderId: order.id,
      base64: Buffer.from(PNG).toString("base64"),
      idempotencyKey: `k-${order.id}-p`,
    };
    const a = await tech.workorders.addPhoto(photo);
    const b = await tech.workorders.addPhoto(photo);
    expect(b).toEqual(a);
    const full = await getWorkOrder(svc, order.id);
    expect(full.photos).toHaveLength(1);
    expect(full.events.filter((e) => e.kind === "recorded")).toHaveLength(1);
    expect(full.events.filter((e) => e.kind === "status")).toHaveLength(2);
    await expect(tech.workorders.record({ ...record, notes: "changed" })).rejects.toThrow(/different request/);
  });
});
