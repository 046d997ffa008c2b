// Merge a duplicate into another ticket: its thread is copied onto the target as one
// internal note that quotes it, the duplicate is closed and points at the target, and a
// customer reply to the duplicate lands on the target.
import { conflict, invalid, notFound } from "@/server/errors";
import type { ServiceContext } from "@/server/service-context";
import { recordTicketEvent, ticketNumber } from "./history";
import { mergeInput } from "./schemas";
import { clocksForStatus, getSlaPolicy } from "./sla";

export async function mergeTickets(svc: ServiceContext, raw: unknown, opts: { now?: Date } = {}) {
  const { ticketId, intoTicketId } = mergeInput.parse(raw);
  const now = opts.now ?? new Date();
  if (ticketId === intoTicketId) throw invalid("A ticket cannot be merged into itself");
  const [dup, target] = await Promise.all([
    svc.db.ticket.findFirst({ where: { id: ticketId }, include: { entries: { orderBy: { createdAt: "asc" } } } }),
    svc.db.ticket.findFirst({ where: { id: intoTicketId } }),
  ]);
  if (!dup) throw notFound("The duplicate ticket");
  if (!target) throw notFound("The ticket to merge into");
  if (dup.mergedIntoId) throw conflict(`${ticketNumber(dup.number)} was already merged`);
  if (target.mergedIntoId)
    throw conflict(`${ticketNumber(target.number)} was itself merged; merge into the ticket it points to`);
  if (dup.customerId && target.customerId && dup.customerId !== target.customerId)
    throw invalid("Only tickets of the same customer can be merged");
  const policy = await getSlaPolicy(svc);
  const quoted = dup.entries
    .filter((e) => !e.internal)
    .map((e) => `— ${e.authorName}, ${e.createdAt.toISOString()}:\n${e.body}`)
    .join("\n\n");
  await svc.db.$transaction(async (tx) => {
    await tx.ticketEntry.create({
      data: {
        tenantId: svc.tenantId,
        ticketId: target.id,
        internal: true,
        author: "SYSTEM",
        authorUserId: svc.actor.userId,
        authorName: svc.actor.label,
        body: `Merged from ${ticketNumber(dup.number)} "${dup.subject}":\n\n${quoted}`,
        createdAt: now,
      },
    });
    await tx.ticket.update({
      where: { id: dup.id },
      data: {
        mergedIntoId: target.id,
        ...(dup.status === "CLOSED"
          ? {}
          : { ...clocksForStatus(policy, dup, "CLOSED", now), status: "CLOSED", closedAt: now }),
      },
    });
    await recordTicketEvent(tx, svc, dup.id, "merged", `Merged into ${ticketNumber(target.number)}`, {
      after: { mergedIntoId: target.id },
      at: now,
    });
    await recordTicketEvent(tx, svc, target.id, "merged_in", `${ticketNumber(dup.number)} merged into this ticket`, {
      after: { from: dup.id },
      at: now,
    });
  });
  return { ticketId: target.id };
}
