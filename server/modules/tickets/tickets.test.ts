// The desk on a real PostgreSQL with a test clock (instants passed in, no sleeps): numbering
// and links, the status machine, SLA clocks across business hours and pauses while waiting on
// the customer, breach warnings sent once, customer replies reopening (or following up) a
// ticket, full-text search, and tenant and role walls.
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tenantDb } from "@/server/db";
import type { ServiceContext } from "@/server/service-context";
import { type TestDatabase, testDatabase } from "@/server/testing/db";
import { callerAs, createTenant, createUser } from "@/server/testing/fixtures";
import { createTestSubscriber } from "@/server/testing/network-fixtures";
import { bulkUpdateTickets } from "./bulk";
import { getTicket } from "./get-ticket";
import { listTickets } from "./list-tickets";
import { mergeTickets } from "./merge-tickets";
import { openTicket } from "./open-ticket";
import { addCustomerReply, replyToTicket } from "./reply";
import { updateSlaPolicy } from "./sla";
import { slaReport } from "./sla-report";
import { runSlaWatch } from "./sla-watch";
import { updateTicket } from "./update-ticket";

let t: TestDatabase;
let svc: ServiceContext;
let other: ServiceContext;
let csrId: string;

// UTC business hours Mon–Fri 09:00–17:00; URGENT: respond in 60, resolve in 240 minutes.
const policy = {
  targets: {
    URGENT: { firstResponseMin: 60, resolutionMin: 240 },
    HIGH: { firstResponseMin: 120, resolutionMin: 480 },
    NORMAL: { firstResponseMin: 240, resolutionMin: 960 },
    LOW: { firstResponseMin: 480, resolutionMin: 2400 },
  },
  timeZone: "UTC",
  businessHours: [1, 2, 3, 4, 5].map((day) => ({ day, start: "09:00", end: "17:00" })),
  holidays: ["2026-12-25"],
  warnBeforeMin: 30,
  reopenDays: 7,
};
const at = (iso: string) => new Date(iso);

beforeAll(async () => {
  t = await testDatabase();
  const tenant = await createTenant(t.prisma);
  const csr = await createUser(t.prisma, { roleKey: "csr", tenantId: tenant.id });
  csrId = csr.id;
  svc = {
    tenantId: tenant.id,
    db: tenantDb(tenant.id, t.prisma),
    actor: { userId: csr.id, label: csr.email, ip: null },
  };
  await updateSlaPolicy(svc, policy);
  const second = await createTenant(t.prisma);
  other = { tenantId: second.id, db: tenantDb(second.id, t.prisma), actor: { userId: null, label: "other", ip: null } };
});
afterAll(async () => {
  await t.drop();
});

describe("opening a ticket", () => {
  it("numbers tickets per tenant, takes customer and partner from the subscriber and starts the clocks", async () => {
    const sub = await createTestSubscriber(t.prisma, svc);
    // Monday 2026-12-07 16:30 UTC: 30 business minutes left today.
    const a = await openTicket(
      svc,
      {
        subject: "No internet",
        description: "Red LOS light since this morning",
        priority: "URGENT",
        subscriberId: sub.id,
      },
      { now: at("2026-12-07T16:30:00Z") },
    );
    const b = await openTicket(svc, { subject: "Invoice question", description: "Why two invoices?" });
    expect(b.number).toBe(a.number + 1);
    expect(a.customerId).toBe(sub.customerId);
    expect(a.requesterEmail).toMatch(/@example\.test$/);
    // First response: 30 min Monday + 30 min Tuesday → Tue 09:30; resolution 240 → Tue 12:30.
    expect(a.firstResponseDueAt?.toISOString()).toBe("2026-12-08T09:30:00.000Z");
    expect(a.resolutionDueAt?.toISOString()).toBe("2026-12-08T12:30:00.000Z");
    const thread = await getTicket(svc, a.id);
    expect(thread.entries).toHaveLength(1);
    expect(thread.events.map((e) => e.kind)).toEqual(["opened"]);
    // The customer was told (notification with an email and an inbox delivery).
    const n = await t.prisma.notification.findFirst({ where: { dedupeKey: `ticket:${a.id}:created` } });
    expect(n?.template).toBe("ticket_created");
    // Another tenant's numbering is its own.
    const foreign = await openTicket(other, { subject: "Other ISP", description: "hello" });
    expect(foreign.number).toBe(1);
  });

  it("refuses a link to another tenant's subscriber and changes nothing", async () => {
    const foreignSub = await createTestSubscriber(t.prisma, other);
    const before = await t.prisma.ticket.count({ where: { tenantId: svc.tenantId } });
    await expect(openTicket(svc, { subject: "Hello", description: "x", subscriberId: foreignSub.id })).rejects.toThrow(
      /not found/i,
    );
    expect(await t.prisma.ticket.count({ where: { tenantId: svc.tenantId } })).toBe(before);
  });

  it("refuses bad input with a clear message", async () => {
    await expect(openTicket(svc, { subject: "x", description: "" })).rejects.toThrow(/at least 3 characters/);
  });
});

describe("status machine and SLA clocks", () => {
  it("pauses the clocks while waiting on the customer and resumes with the minutes left", async () => {
    // Monday 10:00, URGENT: response due 11:00, resolution due 14:00.
    const tk = await openTicket(
      svc,
      { subject: "Slow in the evening", description: "Speed drops at 8 pm", priority: "URGENT" },
      { now: at("2026-12-07T10:00:00Z") },
    );
    // 10:30: the team answers and waits on the customer — 210 resolution minutes left.
    await replyToTicket(
      svc,
      { ticketId: tk.id, body: "Is the slow device on WiFi?", status: "PENDING_CUSTOMER" },
      { now: at("2026-12-07T10:30:00Z") },
    );
    let row = await t.prisma.ticket.findUniqueOrThrow({ where: { id: tk.id } });
    expect(row).toMatchObject({ status: "PENDING_CUSTOMER", resolutionDueAt: null, resolutionLeftMin: 210 });
    expect(row.firstRespondedAt?.toISOString()).toBe("2026-12-07T10:30:00.000Z");
    expect(row.responseBreached).toBe(false);
    const listed = await listTickets(svc, { view: "pending" }, { now: at("2026-12-07T12:00:00Z") });
    expect(listed.rows.find((r) => r.id === tk.id)?.sla).toMatchObject({ state: "paused", leftMin: 210 });
    // The customer answers on Wednesday 16:00 (two days later): the clock restarts with
    // 210 minutes: 60 on Wednesday, 150 on Thursday → Thursday 11:30.
    await addCustomerReply(svc, {
      ticketId: tk.id,
      body: "Yes, on WiFi",
      channel: "PORTAL",
      authorName: "Customer",
      authorEmail: null,
      now: at("2026-12-09T16:00:00Z"),
    });
    row = await t.prisma.ticket.findUniqueOrThrow({ where: { id: tk.id } });
    expect(row.status).toBe("OPEN");
    expect(row.resolutionDueAt?.toISOString()).toBe("2026-12-10T11:30:00.000Z");
    // Resolved in time.
    await updateTicket(svc, { ticketId: tk.id, status: "RESOLVED" }, { now: at("2026-12-10T11:00:00Z") });
    row = await t.prisma.ticket.findUniqueOrThrow({ where: { id: tk.id } });
    expect(row).toMatchObject({ status: "RESOLVED", resolutionBreached: false });
  });

  it("refuses an illegal move with the allowed next statuses and changes nothing", async () => {
    const tk = await openTicket(svc, { subject: "Moving house", description: "Next month" });
    await updateTicket(svc, { ticketId: tk.id, status: "RESOLVED" });
    await expect(updateTicket(svc, { ticketId: tk.id, status: "PENDING_CUSTOMER" })).rejects.toThrow(
      /cannot become waiting on customer; it can become: open, closed/,
    );
    expect((await t.prisma.ticket.findUniqueOrThrow({ where: { id: tk.id } })).status).toBe("RESOLVED");
  });

  it("re-targets the clocks when the priority changes", async () => {
    const tk = await openTicket(
      svc,
      { subject: "Router", description: "Reboots" },
      { now: at("2026-12-07T09:00:00Z") },
    );
    expect(tk.resolutionDueAt?.toISOString()).toBe("2026-12-08T17:00:00.000Z"); // 960 min = 2 days
    await updateTicket(svc, { ticketId: tk.id, priority: "URGENT" }, { now: at("2026-12-07T10:00:00Z") });
    const row = await t.prisma.ticket.findUniqueOrThrow({ where: { id: tk.id } });
    expect(row.firstResponseDueAt?.toISOString()).toBe("2026-12-07T10:00:00.000Z");
    expect(row.resolutionDueAt?.toISOString()).toBe("2026-12-07T13:00:00.000Z");
  });
});

describe("SLA watch", () => {
  it("warns once before the first response is due, then records the breach once", async () => {
    const tk = await openTicket(
      svc,
      { subject: "Outage on my street", description: "Neighbours too", priority: "URGENT", type: "OUTAGE_REPORT" },
      { now: at("2026-12-14T09:00:00Z") },
    );
    await updateTicket(svc, { ticketId: tk.id, assigneeId: csrId });
    const inbox = () => t.prisma.inboxItem.count({ where: { userId: csrId, url: `/support/tickets/${tk.id}` } });
    // 09:20: not yet within 30 minutes of 10:00.
    await runSlaWatch(svc, { now: at("2026-12-14T09:20:00Z") });
    expect(await inbox()).toBe(0);
    await runSlaWatch(svc, { now: at("2026-12-14T09:31:00Z") });
    await runSlaWatch(svc, { now: at("2026-12-14T09:45:00Z") });
    expect(await inbox()).toBe(1);
    let row = await t.prisma.ticket.findUniqueOrThrow({ where: { id: tk.id } });
    expect(row.escalationLevel).toBe(1);
    await runSlaWatch(svc, { now: at("2026-12-14T10:05:00Z") });
    await runSlaWatch(svc, { now: at("2026-12-14T10:06:00Z") });
    row = await t.prisma.ticket.findUniqueOrThrow({ where: { id: tk.id } });
    expect(row).toMatchObject({ responseBreached: true, escalationLevel: 2 });
    const events = await t.prisma.ticketEvent.findMany({ where: { ticketId: tk.id, kind: { startsWith: "sla_" } } });
    expect(events.map((e) => e.kind).sort()).toEqual(["sla_breach", "sla_warning"]);
    expect(await inbox()).toBe(2);
  });
});

describe("SLA report", () => {
  it("counts met, breached and running targets per team for the month", async () => {
    const open = (subject: string) =>
      openTicket(
        svc,
        { subject, description: "x", priority: "URGENT", team: "Field" },
        { now: at("2026-11-02T09:00:00Z") },
      );
    const met = await open("Met both");
    const late = await open("Breached both");
    await open("Open and late");
    await replyToTicket(
      svc,
      { ticketId: met.id, body: "On it", status: "RESOLVED" },
      { now: at("2026-11-02T09:30:00Z") },
    );
    await runSlaWatch(svc, { now: at("2026-11-02T13:30:00Z") });
    await replyToTicket(
      svc,
      { ticketId: late.id, body: "Sorry", status: "RESOLVED" },
      { now: at("2026-11-02T14:00:00Z") },
    );
    const report = await slaReport(svc, "2026-11");
    expect(report.rows.find((r) => r.team === "Field")).toEqual({
      team: "Field",
      tickets: 3,
      responseMet: 1,
      responseBreached: 2,
      responsePending: 0,
      resolutionMet: 1,
      resolutionBreached: 2,
      resolutionOpen: 0,
    });
    expect((await slaReport(other, "2026-11")).rows).toEqual([]);
    await expect(slaReport(svc, "2026-13")).rejects.toThrow("Choose a month as YYYY-MM");
  });
});

describe("customer replies", () => {
  it("reopen a resolved ticket within the window and open a follow-up after it", async () => {
    const tk = await openTicket(svc, { subject: "Bill too high", description: "Please check", type: "BILLING" });
    await updateTicket(svc, { ticketId: tk.id, status: "RESOLVED" }, { now: at("2026-12-01T10:00:00Z") });
    const again = await addCustomerReply(svc, {
      ticketId: tk.id,
      body: "Still wrong",
      channel: "EMAIL",
      authorName: "Ana",
      authorEmail: "ana@example.test",
      now: at("2026-12-03T10:00:00Z"),
    });
    expect(again.ticketId).toBe(tk.id);
    expect((await t.prisma.ticket.findUniqueOrThrow({ where: { id: tk.id } })).status).toBe("OPEN");
    await updateTicket(svc, { ticketId: tk.id, status: "CLOSED" }, { now: at("2026-12-03T12:00:00Z") });
    const late = await addCustomerReply(svc, {
      ticketId: tk.id,
      body: "And again",
      channel: "EMAIL",
      authorName: "Ana",
      authorEmail: "ana@example.test",
      now: at("2026-12-20T10:00:00Z"),
    });
    expect(late.ticketId).not.toBe(tk.id);
    expect((await t.prisma.ticket.findUniqueOrThrow({ where: { id: tk.id } })).status).toBe("CLOSED");
    const follow = await t.prisma.ticket.findUniqueOrThrow({ where: { id: late.ticketId } });
    expect(follow.subject).toBe("Re: Bill too high");
  });

  it("adds the same inbound email once", async () => {
    const tk = await openTicket(svc, { subject: "Email thread", description: "first" });
    const reply = {
      ticketId: tk.id,
      body: "by mail",
      channel: "EMAIL" as const,
      authorName: "Bob",
      authorEmail: "bob@example.test",
      emailMessageId: "<abc@mail.example>",
    };
    const first = await addCustomerReply(svc, reply);
    const second = await addCustomerReply(svc, reply);
    expect(first.duplicate).toBe(false);
    expect(second.duplicate).toBe(true);
    expect(await t.prisma.ticketEntry.count({ where: { ticketId: tk.id } })).toBe(2);
  });
});

describe("queue", () => {
  it("finds tickets by words in replies, by number, and by view", async () => {
    const tk = await openTicket(svc, { subject: "Television", description: "IPTV freezes" });
    await replyToTicket(svc, { ticketId: tk.id, body: "Please check the multicast snooping setting", internal: true });
    const found = await listTickets(svc, { view: "all", search: "multicast" });
    expect(found.rows.map((r) => r.id)).toEqual([tk.id]);
    expect((await listTickets(svc, { view: "all", search: `T-${tk.number}` })).rows.map((r) => r.id)).toEqual([tk.id]);
    expect((await listTickets(svc, { view: "unassigned" })).rows.some((r) => r.id === tk.id)).toBe(true);
    await updateTicket(svc, { ticketId: tk.id, assigneeId: csrId });
    expect((await listTickets(svc, { view: "mine" })).rows.some((r) => r.id === tk.id)).toBe(true);
    expect((await listTickets(other, { view: "all", search: "multicast" })).rows).toHaveLength(0);
  });

  it("pages through a search in order, whether it walks the queue or fetches every match", async () => {
    const tenant = await createTenant(t.prisma);
    const own: ServiceContext = { ...svc, tenantId: tenant.id, db: tenantDb(tenant.id, t.prisma) };
    const matching: number[] = [];
    for (let i = 0; i < 36; i++) {
      const words = i % 3 === 0 ? "router reboots" : "fibre splice loss";
      const tk = await openTicket(own, { subject: `Case ${i}`, description: `Customer reports ${words}` });
      if (i % 3) matching.push(tk.number);
    }
    // Statistics as a busy desk has them: the planner's estimates decide the path.
    await t.prisma.$executeRawUnsafe(`ANALYZE "Ticket"`);
    const newestFirst = [...matching].reverse();
    for (const pageSize of [5, 10, 25]) {
      const seen: number[] = [];
      for (let page = 1; seen.length < matching.length && page <= 10; page++) {
        const got = await listTickets(own, { view: "all", search: "splice", page, pageSize });
        if (!got.approximate) expect(got.total).toBe(matching.length);
        else expect(got.total).toBeGreaterThanOrEqual(page * pageSize);
        seen.push(...got.rows.map((r) => r.number));
      }
      expect(seen).toEqual(newestFirst);
    }
    const none = await listTickets(own, { view: "all", search: "splice router" });
    expect(none).toMatchObject({ total: 0, rows: [], approximate: false });
    // A status filter inside an open view gives what the view and the filter give together.
    const open = await listTickets(own, { view: "open", status: "NEW", pageSize: 100 });
    expect(open.total).toBe(36);
    expect((await listTickets(own, { view: "open", status: "RESOLVED" })).total).toBe(0);
  });

  it("bulk-closes and merges duplicates", async () => {
    const a = await openTicket(svc, { subject: "Dup one", description: "no sync" });
    const b = await openTicket(svc, { subject: "Dup two", description: "no sync again" });
    await mergeTickets(svc, { ticketId: b.id, intoTicketId: a.id });
    const merged = await getTicket(svc, a.id);
    expect(merged.mergedTickets.map((m) => m.id)).toEqual([b.id]);
    expect(merged.entries.at(-1)?.body).toContain("no sync again");
    // A reply to the duplicate lands on the ticket it was merged into.
    const r = await addCustomerReply(svc, {
      ticketId: b.id,
      body: "hi",
      channel: "PORTAL",
      authorName: "C",
      authorEmail: null,
    });
    expect(r.ticketId).toBe(a.id);
    const result = await bulkUpdateTickets(svc, { ticketIds: [a.id], action: "close" });
    expect(result).toEqual({ changed: 1, failed: [] });
  });
});

describe("walls", () => {
  it("another tenant's staff cannot read or answer a ticket; a billing clerk has no access", async () => {
    const tk = await openTicket(svc, { subject: "Private", description: "secret" });
    const foreignCsr = await createUser(t.prisma, { roleKey: "csr", tenantId: other.tenantId });
    const foreign = await callerAs(t.prisma, foreignCsr.id);
    await expect(foreign.tickets.get({ id: tk.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(foreign.tickets.reply({ ticketId: tk.id, body: "hi" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const clerk = await createUser(t.prisma, { roleKey: "billing_clerk", tenantId: svc.tenantId });
    const clerkCaller = await callerAs(t.prisma, clerk.id);
    await expect(clerkCaller.tickets.list({})).rejects.toBeInstanceOf(TRPCError);
    await expect(clerkCaller.tickets.list({})).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await t.prisma.ticketEntry.count({ where: { ticketId: tk.id } })).toBe(1);
  });
});
