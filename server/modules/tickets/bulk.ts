// Bulk actions from the queue: assign (or unassign) or close many tickets at once. Each
// ticket goes through updateTicket, so history, audit, clocks and notices are the same as
// one at a time; a ticket that cannot take the change is reported, the others still change.
import type { ServiceContext } from "@/server/service-context";
import { bulkInput } from "./schemas";
import { updateTicket } from "./update-ticket";

export async function bulkUpdateTickets(svc: ServiceContext, raw: unknown, opts: { now?: Date } = {}) {
  const input = bulkInput.parse(raw);
  const failed: Array<{ ticketId: string; error: string }> = [];
  let changed = 0;
  for (const ticketId of [...new Set(input.ticketIds)]) {
    try {
      if (input.action === "assign") await updateTicket(svc, { ticketId, assigneeId: input.assigneeId ?? null }, opts);
      else await updateTicket(svc, { ticketId, status: "CLOSED" }, opts);
      changed++;
    } catch (error) {
      failed.push({ ticketId, error: error instanceof Error ? error.message : String(error) });
    }
  }
  return { changed, failed };
}
