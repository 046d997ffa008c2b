// The subscriber portal's view of the desk: the signed-in customer's own tickets only (every
// query is scoped to their customer id; another customer's ticket is NOT_FOUND), public
// messages only (internal notes never leave the desk). They open a ticket about one of their
// services, follow it, reply (which reopens it when it waited on them) and close it.
import { Prisma } from "@/server/db";
import { notFound } from "@/server/errors";
import type { ServiceContext } from "@/server/service-context";
import { type CustomerSide, openForCustomer, replyForCustomer } from "./customer-side";
import { ticketNumber } from "./history";
import { listTickets } from "./list-tickets";
import { portalOpenInput, portalReplyInput, type TicketStatusKey } from "./schemas";
import { updateTicket } from "./update-ticket";

export type PortalUser = { customerId: string; name: string; email: string };

export async function portalTickets(svc: ServiceContext, me: PortalUser, input: { page?: number; pageSize?: number }) {
  const list = await listTickets(
    svc,
    { view: "all", page: input.page ?? 1, pageSize: input.pageSize ?? 25 },
    { scope: [Prisma.sql`t."customerId" = ${me.customerId}::uuid`] },
  );
  return {
    total: list.total,
    rows: list.rows.map((r) => ({
      id: r.id,
      reference: r.reference,
      subject: r.subject,
      type: r.type,
      status: r.status,
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
    })),
  };
}

async function ownTicket(svc: ServiceContext, me: PortalUser, id: string) {
  const ticket = await svc.db.ticket.findFirst({ where: { id, customerId: me.customerId } });
  if (!ticket) throw notFound("The ticket");
  return ticket;
}

export async function portalTicket(svc: ServiceContext, me: PortalUser, id: string) {
  const ticket = await ownTicket(svc, me, id);
  const entries = await svc.db.ticketEntry.findMany({
    where: { ticketId: ticket.id, internal: false },
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      author: true,
      authorName: true,
      body: true,
      createdAt: true,
      attachments: { select: { id: true, fileName: true, sizeBytes: true, accessToken: true } },
    },
  });
  const closedish = ticket.status === "RESOLVED" || ticket.status === "CLOSED";
  return {
    id: ticket.id,
    reference: ticketNumber(ticket.number),
    subject: ticket.subject,
    type: ticket.type,
    status: ticket.status as TicketStatusKey,
    createdAt: ticket.createdAt,
    updatedAt: ticket.updatedAt,
    mergedIntoId: ticket.mergedIntoId,
    canClose: ticket.status !== "CLOSED" && !ticket.mergedIntoId,
    closedish,
    // The team's replies show the team's name, not a colleague's address.
    entries: entries.map((e) => ({
      ...e,
      authorName: e.author === "CUSTOMER" ? e.authorName : "Support team",
      attachments: e.attachments.map(({ accessToken, ...a }) => ({ ...a, url: `/portal/attachments/${accessToken}` })),
    })),
  };
}

const side = (me: PortalUser): CustomerSide => ({ channel: "PORTAL", name: me.name, email: me.email });

export function portalOpenTicket(svc: ServiceContext, me: PortalUser, raw: unknown) {
  return openForCustomer(svc, me.customerId, portalOpenInput.parse(raw), side(me));
}

export async function portalReply(svc: ServiceContext, me: PortalUser, raw: unknown) {
  const input = portalReplyInput.parse(raw);
  const ticket = await ownTicket(svc, me, input.ticketId);
  return replyForCustomer(svc, ticket.id, input.body, side(me));
}

export async function portalCloseTicket(svc: ServiceContext, me: PortalUser, id: string) {
  const ticket = await ownTicket(svc, me, id);
  if (ticket.status === "CLOSED") return { status: ticket.status };
  const updated = await updateTicket(svc, { ticketId: ticket.id, status: "CLOSED" }, { notifyCustomer: false });
  return { status: updated.status };
}
