// The ticket status machine: new → open → pending customer / pending third party →
// resolved → closed. Any open state may be closed directly (bulk close, duplicates); a
// resolved or closed ticket may be reopened.
import { invalid } from "@/server/errors";
import { TICKET_STATUS_LABELS, type TicketStatusKey } from "./schemas";

const NEXT: Record<TicketStatusKey, TicketStatusKey[]> = {
  NEW: ["OPEN", "PENDING_CUSTOMER", "PENDING_THIRD_PARTY", "RESOLVED", "CLOSED"],
  OPEN: ["PENDING_CUSTOMER", "PENDING_THIRD_PARTY", "RESOLVED", "CLOSED"],
  PENDING_CUSTOMER: ["OPEN", "PENDING_THIRD_PARTY", "RESOLVED", "CLOSED"],
  PENDING_THIRD_PARTY: ["OPEN", "PENDING_CUSTOMER", "RESOLVED", "CLOSED"],
  RESOLVED: ["OPEN", "CLOSED"],
  CLOSED: ["OPEN"],
};

export function allowedNext(from: TicketStatusKey): TicketStatusKey[] {
  return NEXT[from];
}

export function assertTransition(from: TicketStatusKey, to: TicketStatusKey) {
  if (!NEXT[from].includes(to))
    throw invalid(
      `A ticket that is ${TICKET_STATUS_LABELS[from].toLowerCase()} cannot become ${TICKET_STATUS_LABELS[to].toLowerCase()}; it can become: ${NEXT[from].map((s) => TICKET_STATUS_LABELS[s].toLowerCase()).join(", ")}`,
      { from, to, allowed: NEXT[from] },
    );
}
