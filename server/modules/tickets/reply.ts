// Replies on a ticket's thread. The team answers publicly (the customer is notified; the
// first one stops the first-response clock) or adds an internal note (staff only). The
// customer answers from the portal or by email: a reply to a ticket waiting on them reopens
// it, as does a reply within the policy's reopen window after it was resolved or closed;
// later than that, the reply opens a new ticket that refers to the old one.
import { conflict, notFound } from "@/server/errors";
import type { TicketChannel } from "@/server/generated/prisma/enums";
import type { ServiceContext } from "@/server/service-context";
import { recordTicketEvent, ticketNumber } from "./history";
import { notifyCustomerOfTicket, notifyTeamOfReply } from "./notify-customer";
import { openTicket } from "./open-ticket";
import { type ReplyInput, replyInput, TICKET_STATUS_LABELS, type TicketStatusKey } from "./schemas";
import { clocksForFirstResponse, clocksForStatus, getSlaPolicy, type SlaState } from "./sla";
import { assertTransition } from "./status";

export async function replyToTicket(svc: ServiceContext, raw: ReplyInput, opts: { now?: Date } = {}) {
  const input = replyInput.parse(raw);
  const now = opts.now ?? new Date();
  const ticket = await svc.db.ticket.findFirst({ where: { id: input.ticketId } });
  if (!ticket) throw notFound("The ticket");
  if (ticket.mergedIntoId) throw conflict(`This ticket was merged; reply on the ticket it was merged into`);
  const policy = await getSlaPolicy(svc);
  let state: SlaState = ticket;
  let patch: Record<string, unknown> = {};
  if (!input.internal) {
    patch = { ...clocksForFirstResponse(state, now) };
    state = { ...state, ...patch } as SlaState;
  }
  // A public reply to a new ticket opens it, unless a status was chosen.
  const to: TicketStatusKey | undefined =
    input.status ?? (!input.internal && ticket.status === "NEW" ? "OPEN" : undefined);
  if (to && to !== ticket.status) {
    assertTransition(ticket.status, to);
    patch = { ...patch, ...clocksForStatus(policy, state, to, now), ...statusStamps(to, now), status: to };
  }
  const result = await svc.db.$transaction(async (tx) => {
    const entry = await tx.ticketEntry.create({
      data: {
        tenantId: svc.tenantId,
        ticketId: ticket.id,
        internal: input.internal,
        author: "STAFF",
        authorUserId: svc.actor.userId,
        authorName: svc.actor.label,
        body: input.body,
        createdAt: now,
      },
    });
    const updated = await tx.ticket.update({ where: { id: ticket.id }, data: patch });
    await recordTicketEvent(
      tx,
      svc,
      ticket.id,
      input.internal ? "note" : "reply",
      input.internal ? "Internal note" : "Public reply",
      { after: { entryId: entry.id }, at: now },
    );
    if (to && to !== ticket.status)
      await recordTicketEvent(tx, svc, ticket.id, "status", `${label(ticket.status)} → ${label(to)}`, {
        before: { status: ticket.status },
        after: { status: to },
        at: now,
      });
    return { entry, ticket: updated };
  });
  if (!input.internal)
    await notifyCustomerOfTicket(svc, result.ticket, {
      kind: "reply",
      entryId: result.entry.id,
      body: input.body,
      agentName: svc.actor.label,
    });
  return result;
}

export type CustomerReply = {
  ticketId: string;
  body: string;
  channel: TicketChannel;
  authorName: string;
  authorEmail: string | null;
  /** Message-ID of an inbound email: the same email twice adds one reply. */
  emailMessageId?: string;
  now?: Date;
};

/** The customer's reply. Returns the ticket the reply landed on (a new one past the reopen window). */
export async function addCustomerReply(svc: ServiceContext, r: CustomerReply) {
  const now = r.now ?? new Date();
  let ticket = await svc.db.ticket.findFirst({ where: { id: r.ticketId } });
  if (!ticket) throw notFound("The ticket");
  if (ticket.mergedIntoId) {
    const target = await svc.db.ticket.findFirst({ where: { id: ticket.mergedIntoId } });
    if (target) ticket = target;
  }
  if (r.emailMessageId) {
    const seen = await svc.db.ticketEntry.findFirst({ where: { emailMessageId: r.emailMessageId } });
    if (seen) return { duplicate: true as const, ticketId: seen.ticketId, entryId: seen.id };
  }
  const policy = await getSlaPolicy(svc);
  const ended = ticket.status === "RESOLVED" || ticket.status === "CLOSED";
  const endedAt = ticket.closedAt ?? ticket.resolvedAt;
  if (ended && endedAt && now.getTime() - endedAt.getTime() > policy.reopenDays * 86_400_000) {
    const follow = await openTicket(
      svc,
      {
        subject: ticket.subject.startsWith("Re:") ? ticket.subject : `Re: ${ticket.subject}`,
        description: `${r.body}\n\n(Follow-up to ${ticketNumber(ticket.number)})`,
        type: ticket.type,
        priority: ticket.priority,
        channel: r.channel,
        customerId: ticket.customerId ?? undefined,
        subscriberId: ticket.subscriberId ?? undefined,
        requesterName: r.authorName,
        requesterEmail: r.authorEmail ?? undefined,
        team: ticket.team,
      },
      { now, entryEmailMessageId: r.emailMessageId },
    );
    return { duplicate: false as const, ticketId: follow.id, entryId: null, followUpOf: ticket.id };
  }
  const reopen = ticket.status === "PENDING_CUSTOMER" || ended;
  const patch = reopen
    ? { ...clocksForStatus(policy, ticket, "OPEN", now), status: "OPEN" as const, resolvedAt: null, closedAt: null }
    : {};
  const t = ticket;
  const entry = await svc.db.$transaction(async (tx) => {
    const created = await tx.ticketEntry.create({
      data: {
        tenantId: svc.tenantId,
        ticketId: t.id,
        author: "CUSTOMER",
        authorUserId: svc.actor.userId,
        authorName: r.authorName,
        authorEmail: r.authorEmail,
        channel: r.channel,
        body: r.body,
        emailMessageId: r.emailMessageId ?? null,
        createdAt: now,
      },
    });
    await tx.ticket.update({ where: { id: t.id }, data: patch });
    await recordTicketEvent(tx, svc, t.id, "customer_reply", `Customer replied by ${r.channel.toLowerCase()}`, {
      after: { entryId: created.id },
      at: now,
    });
    if (reopen)
      await recordTicketEvent(tx, svc, t.id, "status", `${label(t.status)} → ${label("OPEN")} (customer replied)`, {
        before: { status: t.status },
        after: { status: "OPEN" },
        at: now,
      });
    return created;
  });
  const watchers = await svc.db.ticketWatcher.findMany({ where: { ticketId: t.id } });
  await notifyTeamOfReply(
    svc,
    t,
    watchers.map((w) => w.userId),
    r.authorName,
  );
  return { duplicate: false as const, ticketId: t.id, entryId: entry.id };
}

const label = (s: string) => TICKET_STATUS_LABELS[s as TicketStatusKey] ?? s;

export function statusStamps(to: TicketStatusKey, now: Date) {
  if (to === "RESOLVED") return { resolvedAt: now, closedAt: null };
  if (to === "CLOSED") return { closedAt: now };
  return { resolvedAt: null, closedAt: null };
}
