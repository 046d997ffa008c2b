// Change a ticket's status, priority, severity, type, team, assignee or tags. Each change is
// one history event and audit entry; status and priority changes move the SLA clocks; the
// customer hears about status changes that concern them.

import { invalid, notFound } from "@/server/errors";
import { staffWithPermission } from "@/server/modules/identity";
import { publishWebhookEvent } from "@/server/modules/webhooks";
import type { ServiceContext } from "@/server/service-context";
import { recordTicketEvent } from "./history";
import { notifyCustomerOfTicket } from "./notify-customer";
import { statusStamps } from "./reply";
import { TICKET_STATUS_LABELS, type TicketStatusKey, type UpdateTicketInput, updateTicketInput } from "./schemas";
import { clocksForPriority, clocksForStatus, getSlaPolicy, type SlaState } from "./sla";
import { assertTransition } from "./status";

// Status changes the customer is told about.
const CUSTOMER_VISIBLE: TicketStatusKey[] = ["PENDING_CUSTOMER", "RESOLVED", "CLOSED"];

export async function updateTicket(
  svc: ServiceContext,
  raw: UpdateTicketInput,
  opts: { now?: Date; notifyCustomer?: boolean } = {},
) {
  const input = updateTicketInput.parse(raw);
  const now = opts.now ?? new Date();
  const ticket = await svc.db.ticket.findFirst({ where: { id: input.ticketId } });
  if (!ticket) throw notFound("The ticket");
  const policy = await getSlaPolicy(svc);
  let state: SlaState & { createdAt: Date } = ticket;
  const patch: Record<string, unknown> = {};
  const events: Array<{ kind: string; detail: string; before: unknown; after: unknown }> = [];

  if (input.priority && input.priority !== ticket.priority) {
    Object.assign(patch, clocksForPriority(policy, state, input.priority, now), { priority: input.priority });
    state = { ...state, ...patch } as typeof state;
    events.push({
      kind: "priority",
      detail: `Priority ${ticket.priority.toLowerCase()} → ${input.priority.toLowerCase()}`,
      before: { priority: ticket.priority },
      after: { priority: input.priority },
    });
  }
  if (input.status && input.status !== ticket.status) {
    assertTransition(ticket.status, input.status);
    Object.assign(patch, clocksForStatus(policy, state, input.status, now), statusStamps(input.status, now), {
      status: input.status,
    });
    events.push({
      kind: "status",
      detail: `${TICKET_STATUS_LABELS[ticket.status]} → ${TICKET_STATUS_LABELS[input.status]}`,
      before: { status: ticket.status },
      after: { status: input.status },
    });
  }
  if (input.assigneeId !== undefined && input.assigneeId !== ticket.assigneeId) {
    let name = "nobody";
    if (input.assigneeId) {
      const agent = (await staffWithPermission(svc, "ticket.write")).find((u) => u.id === input.assigneeId);
      if (!agent) throw invalid("Assign the ticket to a colleague who can answer tickets");
      name = agent.name;
    }
    patch.assigneeId = input.assigneeId;
    events.push({
      kind: "assigned",
      detail: `Assigned to ${name}`,
      before: { assigneeId: ticket.assigneeId },
      after: { assigneeId: input.assigneeId },
    });
  }
  for (const field of ["severity", "type", "team"] as const) {
    const value = input[field];
    if (value !== undefined && value !== ticket[field]) {
      patch[field] = value;
      events.push({
        kind: field,
        detail: `${field[0].toUpperCase()}${field.slice(1)} ${String(ticket[field]).toLowerCase()} → ${String(value).toLowerCase()}`,
        before: { [field]: ticket[field] },
        after: { [field]: value },
      });
    }
  }
  if (input.tags) {
    const tags = [...new Set(input.tags)].sort();
    if (tags.join(",") !== [...ticket.tags].sort().join(",")) {
      patch.tags = tags;
      events.push({
        kind: "tags",
        detail: `Tags: ${tags.join(", ") || "none"}`,
        before: { tags: ticket.tags },
        after: { tags },
      });
    }
  }
  if (events.length === 0) return ticket;
  const updated = await svc.db.$transaction(async (tx) => {
    const saved = await tx.ticket.update({ where: { id: ticket.id }, data: patch });
    for (const e of events) await recordTicketEvent(tx, svc, ticket.id, e.kind, e.detail, { ...e, at: now });
    await publishWebhookEvent(tx, svc.tenantId, "ticket.updated", {
      ticket_id: saved.id,
      number: saved.number,
      status: saved.status,
      priority: saved.priority,
      assignee_id: saved.assigneeId,
      customer_id: saved.customerId,
      subscriber_id: saved.subscriberId,
      changes: events.map((e) => e.kind),
    });
    return saved;
  });
  if (
    opts.notifyCustomer !== false &&
    input.status &&
    input.status !== ticket.status &&
    CUSTOMER_VISIBLE.includes(input.status)
  )
    await notifyCustomerOfTicket(svc, updated, { kind: "status", eventKey: `${input.status}:${now.getTime()}` });
  return updated;
}

/** Follow a ticket (the watcher hears about customer replies). */
export async function watchTicket(svc: ServiceContext, ticketId: string, watch: boolean) {
  const ticket = await svc.db.ticket.findFirst({ where: { id: ticketId }, select: { id: true } });
  if (!ticket || !svc.actor.userId) throw notFound("The ticket");
  const userId = svc.actor.userId;
  if (watch)
    await svc.db.ticketWatcher.upsert({
      where: { ticketId_userId: { ticketId, userId } },
      create: { tenantId: svc.tenantId, ticketId, userId },
      update: {},
    });
  else await svc.db.ticketWatcher.deleteMany({ where: { ticketId, userId } });
  return { watching: watch };
}
