// A partner's tickets on a real PostgreSQL: the reseller sees the tickets of its and its agent's
// customers (not another partner's, not the ISP's direct ones, not internal notes), opens one
// for its customer and replies; the desk sees both on the ticket; another partner's ticket is
// NOT_FOUND and stays unchanged.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { openTicket, replyToTicket } from "@/server/modules/tickets";
import { billingTenant, createBilledSubscriber } from "@/server/testing/billing-fixtures";
import { type TestDatabase, testDatabase } from "@/server/testing/db";
import { callerAs, createUser } from "@/server/testing/fixtures";

vi.mock("@/server/auth", () => ({ auth: async () => null, sessionUser: async () => null }));

let t: TestDatabase;
beforeAll(async () => {
  t = await testDatabase();
});
afterAll(() => t.drop());

const codeOf = (p: Promise<unknown>) =>
  p.then(
    () => "OK",
    (e: { code?: string }) => e.code ?? String(e),
  );

describe("partner tickets", () => {
  it("a reseller follows its customers' tickets, opens one and replies; another partner's stay out of reach", async () => {
    const ctx = await billingTenant(t.prisma);
    const tenantId = ctx.tenant.id;
    const staff = await callerAs(t.prisma, (await createUser(t.prisma, { roleKey: "tenant_admin", tenantId })).id);
    const north = await staff.partners.create({ name: "North", type: "RESELLER" });
    const street = await staff.partners.create({ name: "North street team", type: "AGENT", parentId: north.id });
    const south = await staff.partners.create({ name: "South", type: "RESELLER" });
    const owned = async (partnerId: string | null) => {
      const s = await createBilledSubscriber(t.prisma, tenantId, ctx.basic.id);
      if (partnerId) await staff.customers.update({ id: s.customer.id, data: { partnerId } });
      return s;
    };
    const [ofNorth, ofStreet, ofSouth, direct] = [
      await owned(north.id),
      await owned(street.id),
      await owned(south.id),
      await owned(null),
    ];
    const ticketOf = (s: typeof ofNorth, subject: string) =>
      openTicket(ctx.svc, { subject, description: "No light on the ONU", subscriberId: s.subscriber.id });
    const streetTicket = await ticketOf(ofStreet, "Street customer offline");
    const southTicket = await ticketOf(ofSouth, "South customer offline");
    await ticketOf(direct, "Direct customer offline");
    await replyToTicket(ctx.svc, { ticketId: streetTicket.id, body: "Internal: check the splitter", internal: true });
    await replyToTicket(ctx.svc, { ticketId: streetTicket.id, body: "A technician is on the way" });

    const admin = await createUser(t.prisma, { roleKey: "partner_admin", tenantId, partnerId: north.id });
    const asNorth = await callerAs(t.prisma, admin.id);
    const opened = await asNorth.partners.portal.openTicket({
      customerId: ofNorth.customer.id,
      subscriberId: ofNorth.subscriber.id,
      subject: "Slow in the evenings",
      description: "The customer reports 20 Mbit/s after 8 pm",
      type: "FAULT",
    });
    const list = await asNorth.partners.portal.tickets({});
    expect(list.rows.map((r) => r.subject).sort()).toEqual(["Slow in the evenings", "Street customer offline"]);
    // Searching never widens the scope.
    expect((await asNorth.partners.portal.tickets({ search: "offline" })).rows.map((r) => r.id)).toEqual([
      streetTicket.id,
    ]);

    const thread = await asNorth.partners.portal.ticket({ ticketId: streetTicket.id });
    expect(thread.entries.map((e) => e.body)).toContain("A technician is on the way");
    expect(JSON.stringify(thread)).not.toContain("Internal: check the splitter");
    const reply = await asNorth.partners.portal.replyTicket({ ticketId: streetTicket.id, body: "Thanks, she is home" });
    expect(reply).toMatchObject({ ticketId: streetTicket.id, followUp: false });

    // The desk sees who wrote: the partner's user on the partner channel.
    const stored = await t.prisma.ticket.findUniqueOrThrow({ where: { id: opened.id } });
    expect(stored).toMatchObject({ partnerId: north.id, customerId: ofNorth.customer.id, channel: "PARTNER" });
    const entry = await t.prisma.ticketEntry.findFirstOrThrow({
      where: { ticketId: streetTicket.id, channel: "PARTNER" },
    });
    const me = await t.prisma.user.findUniqueOrThrow({ where: { id: admin.id } });
    expect(entry).toMatchObject({
      author: "CUSTOMER",
      authorName: me.name || me.email,
      authorEmail: me.email,
      body: "Thanks, she is home",
    });

    // Bad input: a clear error, nothing stored.
    await expect(asNorth.partners.portal.replyTicket({ ticketId: streetTicket.id, body: " " })).rejects.toThrow(
      /Write a message/,
    );

    // Another partner's and the ISP's direct customers: NOT_FOUND, unchanged.
    const before = await t.prisma.ticket.findUniqueOrThrow({ where: { id: southTicket.id } });
    expect(await codeOf(asNorth.partners.portal.ticket({ ticketId: southTicket.id }))).toBe("NOT_FOUND");
    expect(await codeOf(asNorth.partners.portal.replyTicket({ ticketId: southTicket.id, body: "Hi" }))).toBe(
      "NOT_FOUND",
    );
    for (const customerId of [ofSouth.customer.id, direct.customer.id])
      expect(
        await codeOf(
          asNorth.partners.portal.openTicket({ customerId, subject: "Not mine", description: "Should not open" }),
        ),
      ).toBe("NOT_FOUND");
    expect(await t.prisma.ticket.findUniqueOrThrow({ where: { id: southTicket.id } })).toEqual(before);
    expect(await t.prisma.ticket.count({ where: { tenantId, subject: "Not mine" } })).toBe(0);
    // The agent sub-partner sees its own customer's ticket only.
    const agent = await createUser(t.prisma, { roleKey: "partner_agent", tenantId, partnerId: street.id });
    const asStreet = await callerAs(t.prisma, agent.id);
    expect((await asStreet.partners.portal.tickets({})).rows.map((r) => r.id)).toEqual([streetTicket.id]);
  });
});
