// One ticket for the desk: the thread (internal notes included), history, attachments,
// watchers, the SLA clock and the maintenance window it was opened during. The portal reads
// tickets through portal.ts instead.
import { notFound } from "@/server/errors";
import { staffWithPermission } from "@/server/modules/identity";
import { maintenanceSummary } from "@/server/modules/maintenance";
import type { ServiceContext } from "@/server/service-context";
import { ticketNumber } from "./history";
import { getSlaPolicy, slaDisplay } from "./sla";
import { allowedNext } from "./status";

export async function getTicket(svc: ServiceContext, id: string, opts: { now?: Date } = {}) {
  const now = opts.now ?? new Date();
  const ticket = await svc.db.ticket.findFirst({
    where: { id },
    include: {
      entries: { orderBy: { createdAt: "asc" }, include: { attachments: true } },
      events: { orderBy: { createdAt: "asc" } },
      watchers: true,
    },
  });
  if (!ticket) throw notFound("The ticket");
  const [agents, policy, merged, mergedInto, maintenance] = await Promise.all([
    staffWithPermission(svc, "ticket.read"),
    getSlaPolicy(svc),
    svc.db.ticket.findMany({ where: { mergedIntoId: id }, select: { id: true, number: true, subject: true } }),
    ticket.mergedIntoId
      ? svc.db.ticket.findFirst({ where: { id: ticket.mergedIntoId }, select: { id: true, number: true } })
      : null,
    ticket.maintenanceId ? maintenanceSummary(svc, ticket.maintenanceId) : null,
  ]);
  const names = new Map(agents.map((u) => [u.id, u.name]));
  const { searchVector: _omit, replyToken: _token, ...rest } = ticket as typeof ticket & { searchVector?: unknown };
  return {
    ...rest,
    reference: ticketNumber(ticket.number),
    assigneeName: ticket.assigneeId ? (names.get(ticket.assigneeId) ?? null) : null,
    watching: ticket.watchers.some((w) => w.userId === svc.actor.userId),
    watcherNames: ticket.watchers.map((w) => names.get(w.userId) ?? "—"),
    entries: ticket.entries.map((e) => ({
      ...e,
      attachments: e.attachments.map((a) => ({
        id: a.id,
        fileName: a.fileName,
        contentType: a.contentType,
        sizeBytes: a.sizeBytes,
        url: `/support/attachments/${a.accessToken}`,
      })),
    })),
    sla: slaDisplay(ticket, now),
    targets: policy.targets[ticket.priority],
    allowedStatuses: allowedNext(ticket.status),
    mergedTickets: merged.map((m) => ({ ...m, reference: ticketNumber(m.number) })),
    mergedInto: mergedInto ? { id: mergedInto.id, reference: ticketNumber(mergedInto.number) } : null,
    maintenance,
  };
}

/** A ticket's links, for other modules that attach work to it (null when not the tenant's). */
export async function ticketLinks(svc: ServiceContext, id: string) {
  return svc.db.ticket.findFirst({
    where: { id },
    select: { id: true, number: true, subscriberId: true, customerId: true },
  });
}
