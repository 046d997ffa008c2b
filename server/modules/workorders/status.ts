// The work order status machine: new → scheduled (assigned with a window) → en route → on site
// → in progress → completed or failed. Any open order may be cancelled; a failed one may be
// rescheduled. Completed and cancelled are final.
import { invalid } from "@/server/errors";
import { WORK_ORDER_STATUS_LABELS, type WorkOrderStatusKey } from "./schemas";

const NEXT: Record<WorkOrderStatusKey, WorkOrderStatusKey[]> = {
  NEW: ["SCHEDULED", "CANCELLED"],
  SCHEDULED: ["NEW", "EN_ROUTE", "ON_SITE", "CANCELLED"],
  EN_ROUTE: ["SCHEDULED", "ON_SITE", "CANCELLED"],
  ON_SITE: ["IN_PROGRESS", "FAILED", "CANCELLED"],
  IN_PROGRESS: ["COMPLETED", "FAILED", "CANCELLED"],
  COMPLETED: [],
  FAILED: ["SCHEDULED", "CANCELLED"],
  CANCELLED: [],
};

export const OPEN_STATUSES: WorkOrderStatusKey[] = ["NEW", "SCHEDULED", "EN_ROUTE", "ON_SITE", "IN_PROGRESS"];

export function allowedNext(from: WorkOrderStatusKey): WorkOrderStatusKey[] {
  return NEXT[from];
}

export function assertTransition(from: WorkOrderStatusKey, to: WorkOrderStatusKey) {
  if (!NEXT[from].includes(to)) {
    const label = (s: WorkOrderStatusKey) => WORK_ORDER_STATUS_LABELS[s].toLowerCase();
    throw invalid(
      NEXT[from].length
        ? `A work order that is ${label(from)} cannot become ${label(to)}; it can become: ${NEXT[from].map(label).join(", ")}`
        : `This work order is ${label(from)}; it can no longer change`,
      { from, to, allowed: NEXT[from] },
    );
  }
}
