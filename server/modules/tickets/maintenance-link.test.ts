// Tickets opened while a planned maintenance window is under way on the subscriber's service
// (or on any service of the ticket's customer) are linked to it; before the start, after the
// completion or for a subscriber it does not affect, they are not. The desk's ticket shows the
// window and the queue filters by it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { moveMaintenance, scheduleMaintenance } from "@/server/modules/maintenance";
import { type TestDatabase, testDatabase } from "@/server/testing/db";
import { tenantContext } from "@/server/testing/network-fixtures";
import { plant } from "@/server/testing/noc-fixtures";
import { getTicket } from "./get-ticket";
import { listTickets } from "./list-tickets";
import { openTicket } from "./open-ticket";

let t: TestDatabase;
beforeAll(async () => {
  t = await testDatabase();
});
afterAll(() => t.drop());

const HOUR = 3_600_000;

describe("tickets during planned maintenance (J5)", () => {
  it("links a ticket of an affected subscriber or customer opened while the window is under way", async () => {
    const svc = await tenantContext(t.prisma);
    const p = await plant(t.prisma, svc, [2, 1]);
    const subOf = async (serial: string) => {
      const onu = await t.prisma.onu.findFirstOrThrow({ where: { serialNumber: serial } });
      return t.prisma.subscriber.findUniqueOrThrow({ where: { id: onu.subscriberId as string } });
    };
    const affected = await subOf(p.ports[0].serials[0]);
    const neighbour = await subOf(p.ports[0].serials[1]);
    const elsewhere = await subOf(p.ports[1].serials[0]);
    const startsAt = new Date(Date.now() + 30 * HOUR);
    const w = await scheduleMaintenance(svc, {
      title: "Splice work on pon-1",
      elements: [`pon:${p.ports[0].id}`],
      startsAt,
      endsAt: new Date(startsAt.getTime() + 2 * HOUR),
    });
    const open = (subject: string, link: { subscriberId?: string; customerId?: string }) =>
      openTicket(svc, { subject, description: "No internet since this morning.", ...link }, { notify: false });

    const before = await open("Before the work", { subscriberId: affected.id });
    expect(before.maintenanceId).toBeNull();

    await moveMaintenance(svc, w.id, "start");
    const during = await open("No internet", { subscriberId: affected.id });
    const byCustomer = await open("Is something going on?", { customerId: neighbour.customerId });
    const unaffected = await open("Slow wifi", { subscriberId: elsewhere.id });
    expect(during.maintenanceId).toBe(w.id);
    expect(byCustomer.maintenanceId).toBe(w.id);
    expect(unaffected.maintenanceId).toBeNull();

    const shown = await getTicket(svc, during.id);
    expect(shown.maintenance).toEqual({ id: w.id, title: "Splice work on pon-1", status: "IN_PROGRESS" });
    expect(shown.events.map((e) => e.detail)).toContain('Opened during planned maintenance "Splice work on pon-1"');
    const linked = await listTickets(svc, { view: "all", maintenanceId: w.id, page: 1, pageSize: 25 });
    expect(linked.rows.map((r) => r.id).sort()).toEqual([during.id, byCustomer.id].sort());

    await moveMaintenance(svc, w.id, "complete");
    expect((await open("Still slow", { subscriberId: affected.id })).maintenanceId).toBeNull();
    expect((await getTicket(svc, unaffected.id)).maintenance).toBeNull();
  });
});
