// Tells the customer about their ticket (created, a public reply, a status change) on their
// channels through the notifications module, and the team about a customer's reply. Internal
// notes never leave the desk.
import { notify, notifyContact, notifyStaff } from "@/server/modules/notifications";
import type { ServiceContext } from "@/server/service-context";
import { ticketNumber } from "./history";
import { ticketReplyAddress } from "./reply-address";
import { TICKET_STATUS_LABELS, type TicketStatusKey } from "./schemas";

type TicketForNotice = {
  id: string;
  number: number;
  subject: string;
  status: string;
  subscriberId: string | null;
  requesterEmail: string | null;
  requesterName: string | null;
  replyToken: string;
};

export type TicketNotice =
  | { kind: "created" }
  | { kind: "reply"; entryId: string; body: string; agentName: string }
  | { kind: "status"; eventKey: string };

export async function notifyCustomerOfTicket(svc: ServiceContext, t: TicketForNotice, notice: TicketNotice) {
  const base = { ticketId: t.id, ticketNumber: ticketNumber(t.number), subject: t.subject };
  const status = TICKET_STATUS_LABELS[t.status as TicketStatusKey] ?? t.status;
  // Replies to the email thread back onto the ticket (inbound-email.ts).
  const replyTo = ticketReplyAddress(t.replyToken);
  const dedupeKey =
    notice.kind === "created"
      ? `ticket:${t.id}:created`
      : notice.kind === "reply"
        ? `ticket-entry:${notice.entryId}`
        : `ticket:${t.id}:status:${notice.eventKey}`;
  if (notice.kind === "created") {
    if (t.subscriberId)
      return notify(svc, { subscriberId: t.subscriberId, template: "ticket_created", data: base, dedupeKey, replyTo });
    if (t.requesterEmail)
      return notifyContact(svc, {
        to: { email: t.requesterEmail, name: t.requesterName ?? t.requesterEmail },
        template: "ticket_created",
        data: base,
        dedupeKey,
        replyTo,
      });
    return null;
  }
  const data = {
    ...base,
    status,
    ...(notice.kind === "reply" ? { reply: notice.body, agentName: notice.agentName } : {}),
  };
  if (t.subscriberId)
    return notify(svc, { subscriberId: t.subscriberId, template: "ticket_updated", data, dedupeKey, replyTo });
  if (t.requesterEmail)
    return notifyContact(svc, {
      to: { email: t.requesterEmail, name: t.requesterName ?? t.requesterEmail },
      template: "ticket_updated",
      data,
      dedupeKey,
      replyTo,
    });
  return null;
}

/** The assignee and watchers hear about a customer's reply in their staff inbox. */
export async function notifyTeamOfReply(
  svc: ServiceContext,
  t: { id: string; number: number; subject: string; assigneeId: string | null },
  watcherIds: string[],
  from: string,
) {
  const userIds = [...new Set([...(t.assigneeId ? [t.assigneeId] : []), ...watcherIds])];
  return notifyStaff(svc, {
    userIds,
    title: `${ticketNumber(t.number)}: ${from} replied`,
    body: t.subject,
    url: `/support/tickets/${t.id}`,
    category: "SUPPORT",
  });
}
