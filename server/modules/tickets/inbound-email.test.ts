// Email both ways through the real webhook route over HTTP, fed by the simulator's fake
// provider (Mailgun forward() format): a public reply is emailed with the ticket's reply
// address; the customer's answer threads back; a forged post is refused and creates nothing;
// the same email twice adds one reply; unknown senders open a ticket (paired with the
// customer owning the address, or unlinked); automatic replies are dropped; a reply token
// never moves mail into another tenant.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as inboundRoute from "@/app/api/webhooks/inbound-email/route";
import { tenantDb } from "@/server/db";
import type { ServiceContext } from "@/server/service-context";
import { type TestDatabase, testDatabase } from "@/server/testing/db";
import { createTenant } from "@/server/testing/fixtures";
import { createTestSubscriber } from "@/server/testing/network-fixtures";
import { type InboundEmail, sendInboundEmail } from "@/simulator/inbound-email/sender";
import { openTicket } from "./open-ticket";
import { replyToTicket } from "./reply";

const KEY = "inbound-signing-key-test";
let t: TestDatabase;
let app: Server;
let url: string;
let svc: ServiceContext;
let other: ServiceContext;

beforeAll(async () => {
  t = await testDatabase();
  process.env.INBOUND_EMAIL_SIGNING_KEY = KEY;
  process.env.INBOUND_EMAIL_DOMAIN = "in.isp.example";
  app = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const response = await inboundRoute.POST(
      new Request(`http://127.0.0.1${req.url}`, {
        method: req.method,
        headers: req.headers as Record<string, string>,
        body: Buffer.concat(chunks),
      }),
    );
    res.writeHead(response.status, { "content-type": "text/plain" });
    res.end(await response.text());
  });
  await new Promise<void>((r) => app.listen(0, "127.0.0.1", r));
  url = `http://127.0.0.1:${(app.address() as AddressInfo).port}/api/webhooks/inbound-email`;
  const a = await createTenant(t.prisma);
  const b = await createTenant(t.prisma);
  svc = { tenantId: a.id, db: tenantDb(a.id, t.prisma), actor: { userId: null, label: "agent@isp.example", ip: null } };
  other = { tenantId: b.id, db: tenantDb(b.id, t.prisma), actor: { userId: null, label: "other", ip: null } };
});
afterAll(async () => {
  delete process.env.INBOUND_EMAIL_SIGNING_KEY;
  delete process.env.INBOUND_EMAIL_DOMAIN;
  await new Promise((r) => app.close(r));
  await t.drop();
});

const counts = async () => ({ tickets: await t.prisma.ticket.count(), entries: await t.prisma.ticketEntry.count() });

describe("inbound email", () => {
  it("emails a public reply with the ticket's reply address, and threads the customer's answer back once", async () => {
    const sub = await createTestSubscriber(t.prisma, svc);
    const ticket = await openTicket(svc, {
      subject: "Slow WiFi",
      description: "Upstairs is slow",
      subscriberId: sub.id,
    });
    await replyToTicket(svc, { ticketId: ticket.id, body: "Which room is the router in?", status: "PENDING_CUSTOMER" });
    const sent = await t.prisma.emailMessage.findFirst({
      where: { tenantId: svc.tenantId, template: "ticket_updated" },
      orderBy: { createdAt: "desc" },
    });
    expect(sent?.replyTo).toBe(`support+${ticket.replyToken}@in.isp.example`);
    expect(sent?.text).toContain("Which room is the router in?");

    const answer: InboundEmail = {
      from: `Customer <${ticket.requesterEmail}>`,
      to: sent?.replyTo as string,
      subject: `Re: ${sent?.subject}`,
      text: "The living room.\n\nOn Mon, Support wrote:\n> Which room is the router in?",
      messageId: "<answer-1@mail.example.net>",
    };
    const first = await sendInboundEmail(url, answer, KEY);
    expect(first).toEqual({ status: 200, text: "reply added" });
    const again = await sendInboundEmail(url, answer, KEY);
    expect(again).toEqual({ status: 200, text: "already received" });
    const entries = await t.prisma.ticketEntry.findMany({
      where: { ticketId: ticket.id },
      orderBy: { createdAt: "asc" },
    });
    expect(entries.filter((e) => e.channel === "EMAIL").map((e) => e.body)).toEqual(["The living room."]);
    // Waiting on the customer → open again.
    expect((await t.prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).status).toBe("OPEN");
  });

  it("refuses a forged post and creates nothing", async () => {
    const ticket = await openTicket(svc, { subject: "Forgery target", description: "x" });
    const before = await counts();
    const forged = await sendInboundEmail(
      url,
      { from: "mallory@evil.example", to: `support+${ticket.replyToken}@in.isp.example`, subject: "Re", text: "hi" },
      "wrong-key",
    );
    expect(forged.status).toBe(403);
    const stale = await sendInboundEmail(
      url,
      { from: "mallory@evil.example", to: `support@in.isp.example`, subject: "Old", text: "hi" },
      KEY,
      new Date(Date.now() - 3 * 86_400_000),
    );
    expect(stale.status).toBe(403);
    expect(await counts()).toEqual(before);
  });

  it("opens a ticket for mail from a customer's address, and an unlinked one for a stranger", async () => {
    const sub = await createTestSubscriber(t.prisma, svc);
    const customer = await t.prisma.customer.findUniqueOrThrow({ where: { id: sub.customerId } });
    const known = await sendInboundEmail(
      `${url}?tenant=${svc.tenantId}`,
      {
        from: `Known <${customer.email.toUpperCase()}>`,
        to: "support@in.isp.example",
        subject: "No dial tone",
        text: "Help",
      },
      KEY,
    );
    expect(known.status).toBe(200);
    const paired = await t.prisma.ticket.findFirstOrThrow({
      where: { tenantId: svc.tenantId, subject: "No dial tone" },
    });
    expect(paired).toMatchObject({ customerId: customer.id, channel: "EMAIL", requesterEmail: customer.email });
    const stranger = await sendInboundEmail(
      `${url}?tenant=${svc.tenantId}`,
      { from: "someone@else.example", to: "support@in.isp.example", subject: "Do you serve my street?", text: "?" },
      KEY,
    );
    expect(stranger.text).toBe("ticket opened");
    const unlinked = await t.prisma.ticket.findFirstOrThrow({ where: { subject: "Do you serve my street?" } });
    expect(unlinked).toMatchObject({ customerId: null, requesterEmail: "someone@else.example" });
  });

  it("drops automatic replies and never moves mail into another tenant's ticket", async () => {
    const ticket = await openTicket(svc, { subject: "Tenant A ticket", description: "x" });
    const before = await t.prisma.ticketEntry.count({ where: { ticketId: ticket.id } });
    const ooo = await sendInboundEmail(
      url,
      {
        from: "customer@example.test",
        to: `support+${ticket.replyToken}@in.isp.example`,
        subject: "Out of office",
        text: "I am away",
        headers: [["Auto-Submitted", "auto-replied"]],
      },
      KEY,
    );
    expect(ooo).toEqual({ status: 200, text: "automatic reply ignored" });
    const cross = await sendInboundEmail(
      `${url}?tenant=${other.tenantId}`,
      { from: "customer@example.test", to: `support+${ticket.replyToken}@in.isp.example`, subject: "Re", text: "hi" },
      KEY,
    );
    expect(cross.status).toBe(200);
    expect(await t.prisma.ticketEntry.count({ where: { ticketId: ticket.id } })).toBe(before);
    expect(await t.prisma.ticket.count({ where: { tenantId: other.tenantId } })).toBe(1);
  });
});
