// Opening a ticket and replying on the customer's side of the thread, for the subscriber portal
// (the customer themselves) and the partner portal (a partner on its customer's behalf): they
// differ only in who speaks and through which channel. Callers check the ticket is theirs.
import type { z } from "zod";
import { forbidden } from "@/server/errors";
import { getSubscriber } from "@/server/modules/subscribers";
import type { ServiceContext } from "@/server/service-context";
import { ticketNumber } from "./history";
import { openTicket } from "./open-ticket";
import { addCustomerReply } from "./reply";
import type { portalOpenInput } from "./schemas";

/** Who writes, and through which portal. */
export type CustomerSide = { channel: "PORTAL" | "PARTNER"; name: string; email: string };

export async function openForCustomer(
  svc: ServiceContext,
  customerId: string,
  input: z.output<typeof portalOpenInput>,
  by: CustomerSide,
) {
  if (input.subscriberId) {
    const sub = await getSubscriber(svc, input.subscriberId).catch(() => null);
    if (!sub || sub.customerId !== customerId) throw forbidden("That service is not this customer's");
  }
  const ticket = await openTicket(svc, {
    subject: input.subject,
    description: input.description,
    type: input.type,
    channel: by.channel,
    customerId,
    subscriberId: input.subscriberId,
    requesterName: by.name,
    requesterEmail: by.email,
  });
  return { id: ticket.id, reference: ticketNumber(ticket.number) };
}

/** A reply on a ticket the caller may see; a reply to a long-closed one opens a follow-up. */
export async function replyForCustomer(svc: ServiceContext, ticketId: string, body: string, by: CustomerSide) {
  const r = await addCustomerReply(svc, {
    ticketId,
    body,
    channel: by.channel,
    authorName: by.name,
    authorEmail: by.email,
  });
  return { ticketId: r.ticketId, entryId: r.entryId, followUp: r.ticketId !== ticketId };
}
