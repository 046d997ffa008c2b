// A partner's view of the desk: the tickets of its customers (and its sub-partners'). `svc` is
// a partner context: the ticket rows are narrowed to the partner's tree by the database layer
// and the queue's SQL by `ticketConditions`, so another partner's or the ISP's direct ticket is
// NOT_FOUND. Public messages only (internal notes never leave the desk); the partner speaks
// on its customer's side of the thread.
import { z } from "zod";
import { forbidden, notFound } from "@/server/errors";
import { getCustomer } from "@/server/modules/customers";
import type { ServiceContext } from "@/server/service-context";
import { openForCustomer, replyForCustomer } from "./customer-side";
import { ticketNumber } from "./history";
import { listTickets } from "./list-tickets";
import { portalOpenInput, portalReplyInput, type TicketStatusKey } from "./schemas";

export const partnerOpenTicketInput = portalOpenInput.extend({ customerId: z.string().uuid() });
export const partnerReplyInput = portalReplyInput;
export type PartnerAuthor = { name: string; email: string };

function partnerOnly(svc: ServiceContext) {
  if (!svc.partnerIds) throw forbidden("This view is for partner accounts");
}

export async function partnerTicketList(
  svc: ServiceContext,
  input: { page?: number; pageSize?: number; search?: string; view?: "open" | "all" },
) {
  partnerOnly(svc);
  const list = await listTickets(svc, {
    view: input.view ?? "all",
    page: input.page ?? 1,
    pageSize: input.pageSize ?? 25,
    search: input.search,
  });
  return {
    total: list.total,
    rows: list.rows.map((r) => ({
      id: r.id,
      reference: r.reference,
      subject: r.subject,
      type: r.type,
      status: r.status,
      customerId: r.customerId,
      requesterName: r.requesterName,
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
    })),
  };
}

async function partnerTicketRow(svc: ServiceContext, id: string) {
  partnerOnly(svc);
  const ticket = await svc.db.ticket.findFirst({ where: { id } });
  if (!ticket) throw notFound("The ticket");
  return ticket;
}

export async function partnerTicket(svc: ServiceContext, id: string) {
  const ticket = await partnerTicketRow(svc, id);
  const entries = await svc.db.ticketEntry.findMany({
    where: { ticketId: ticket.id, internal: false },
    orderBy: { createdAt: "asc" },
    select: { id: true, author: true, authorName: true, body: true, createdAt: true },
  });
  return {
    id: ticket.id,
    reference: ticketNumber(ticket.number),
    subject: ticket.subject,
    type: ticket.type,
    status: ticket.status as TicketStatusKey,
    customerId: ticket.customerId,
    requesterName: ticket.requesterName,
    createdAt: ticket.createdAt,
    updatedAt: ticket.updatedAt,
    mergedIntoId: ticket.mergedIntoId,
    // The team's replies show the team's name, not a colleague's address.
    entries: entries.map((e) => ({ ...e, authorName: e.author === "STAFF" ? "Support team" : e.authorName })),
  };
}

/** Opens a ticket for one of the partner's customers (about one of their services, optionally). */
export async function partnerOpenTicket(svc: ServiceContext, raw: unknown, author: PartnerAuthor) {
  partnerOnly(svc);
  const input = partnerOpenTicketInput.parse(raw);
  const customer = await getCustomer(svc, input.customerId);
  return openForCustomer(svc, customer.id, input, { channel: "PARTNER", ...author });
}

export async function partnerReply(svc: ServiceContext, raw: unknown, author: PartnerAuthor) {
  const input = partnerReplyInput.parse(raw);
  const ticket = await partnerTicketRow(svc, input.ticketId);
  return replyForCustomer(svc, ticket.id, input.body, { channel: "PARTNER", ...author });
}
