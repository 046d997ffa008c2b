// The support demo data: after seeding, the demo CSR's queue holds tickets in several states
// with running and stopped SLA clocks, the portal account sees its own request waiting on it,
// and seeding again adds nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_ACCOUNTS } from "@/prisma/demo-accounts";
import { seedDemo } from "@/prisma/seed";
import { type TestDatabase, testDatabase } from "@/server/testing/db";
import { callerAs } from "@/server/testing/fixtures";
import { DEMO_TICKETS, seedTickets } from "./seed";

let t: TestDatabase;
beforeAll(async () => {
  t = await testDatabase();
});
afterAll(() => t.drop());

describe("support demo data", () => {
  it("fills the CSR's queue with tickets in several states and SLA clocks, once", async () => {
    await seedDemo(t.prisma, () => {});
    const user = await t.prisma.user.findUniqueOrThrow({ where: { email: DEMO_ACCOUNTS.csr.email } });
    const csr = await callerAs(t.prisma, user.id);
    const all = await csr.tickets.list({ view: "all", pageSize: 50 });
    expect(all.rows).toHaveLength(DEMO_TICKETS.length);
    const bySubject = new Map(all.rows.map((r) => [r.subject, r]));
    const status = (subject: string) => bySubject.get(subject)?.status;
    expect(status("Static IP address for my home office")).toBe("NEW");
    expect(status("Internet down at the café since 9:30")).toBe("OPEN");
    expect(status("WiFi drops in the evening")).toBe("PENDING_CUSTOMER");
    expect(status("Why was my service suspended?")).toBe("RESOLVED");
    expect(status("Move my technician appointment")).toBe("CLOSED");
    // Clocks run on the open ones, pause while waiting on the customer, and stop once resolved
    // (running or already breached depends on the business hours at the moment of the test).
    const sla = (subject: string) => bySubject.get(subject)?.sla.state;
    for (const subject of ["Static IP address for my home office", "Speed far below 300 Mbit/s"])
      expect(["running", "breached"]).toContain(sla(subject));
    expect(sla("WiFi drops in the evening")).toBe("paused");
    for (const subject of ["Why was my service suspended?", "Move my technician appointment"])
      expect(["met", "breached"]).toContain(sla(subject));
    expect((await csr.tickets.list({ view: "unassigned", pageSize: 50 })).rows.map((r) => r.subject).sort()).toEqual([
      "Speed far below 300 Mbit/s",
      "Static IP address for my home office",
    ]);
    const outage = await csr.tickets.get({ id: bySubject.get("Internet down at the café since 9:30")?.id ?? "" });
    expect(outage.entries.map((e) => [e.internal, e.author])).toEqual([
      [false, "STAFF"], // taken on the phone
      [true, "STAFF"],
      [false, "STAFF"],
    ]);
    // The history reads in the ticket's own time, not the time the seed ran.
    const closed = await csr.tickets.get({ id: bySubject.get("Move my technician appointment")?.id ?? "" });
    const eventAt = (kind: string, detail?: string) =>
      closed.events.find((e) => e.kind === kind && (!detail || e.detail.endsWith(detail)))?.createdAt.getTime();
    expect(eventAt("opened")).toBe(closed.createdAt.getTime());
    expect(eventAt("status", "Closed")).toBe(closed.closedAt?.getTime());
    expect(eventAt("status", "Resolved")).toBe(closed.resolvedAt?.getTime());
    expect(eventAt("reply")).toBe(closed.entries.find((e) => e.body.startsWith("Done"))?.createdAt.getTime());

    const subscriberUser = await t.prisma.user.findUniqueOrThrow({ where: { email: DEMO_ACCOUNTS.subscriber.email } });
    const portal = await callerAs(t.prisma, subscriberUser.id);
    const own = await portal.tickets.portal.list({});
    expect(own.rows.map((r) => [r.subject, r.status])).toEqual([["WiFi drops in the evening", "PENDING_CUSTOMER"]]);

    const tenant = await t.prisma.tenant.findFirstOrThrow({ where: { id: user.tenantId ?? "" } });
    await seedTickets(t.prisma, tenant);
    expect(await t.prisma.ticket.count()).toBe(DEMO_TICKETS.length);
  }, 120_000);
});
