// Assign (or unassign) an order to a technician and set its arrival window: dispatchers, from
// the board. An assigned order with a window is scheduled; taking the assignee away returns it
// to new. The customer is told the window, unless it moved inside the one they were told.
import { invalid } from "@/server/errors";
import type { ServiceContext } from "@/server/service-context";
import { recordWorkOrderEvent } from "./history";
import { lockWorkOrder } from "./load";
import { insideToldWindow, tellWindow } from "./notify-customer";
import { type AssignInput, assignInput } from "./schemas";
import { assertTransition } from "./status";
import { listTechnicians } from "./technicians";

/** The assignee must be one of this tenant's technicians (active staff with a technician profile). */
export async function assertAssignable(svc: ServiceContext, userId: string) {
  const user = (await listTechnicians(svc)).find((u) => u.id === userId);
  if (!user) throw invalid("Assign the order to an active technician of this company");
  return user;
}

export async function assignWorkOrder(svc: ServiceContext, raw: AssignInput) {
  const input = assignInput.parse(raw);
  const assignee = input.assigneeId ? await assertAssignable(svc, input.assigneeId) : null;
  const { before, after } = await svc.db.$transaction(async (tx) => {
    const before = await lockWorkOrder(tx, svc, input.workOrderId);
    const windowStart = input.windowStart ?? before.windowStart;
    const windowEnd = input.windowEnd ?? before.windowEnd;
    const status = assignee && windowStart ? "SCHEDULED" : "NEW";
    if (status !== before.status) assertTransition(before.status, status);
    else if (before.status !== "NEW" && before.status !== "SCHEDULED")
      throw invalid("Only new and scheduled orders can be reassigned or rescheduled");
    const after = await tx.workOrder.update({
      where: { id: before.id },
      data: { assigneeId: assignee?.id ?? null, windowStart, windowEnd, status },
    });
    const parts = [
      before.assigneeId !== after.assigneeId ? (assignee ? `Assigned to ${assignee.name}` : "Unassigned") : null,
      windowStart && windowStart.getTime() !== before.windowStart?.getTime()
        ? `Window ${windowStart.toISOString()} – ${windowEnd?.toISOString()}`
        : null,
    ].filter(Boolean);
    if (parts.length)
      await recordWorkOrderEvent(tx, svc, before.id, "assigned", parts.join("; "), {
        before: { assigneeId: before.assigneeId, windowStart: before.windowStart, windowEnd: before.windowEnd },
        after: { assigneeId: after.assigneeId, windowStart, windowEnd },
      });
    return { before, after };
  });
  if (assignee && after.status === "SCHEDULED" && !insideToldWindow(before, after))
    await tellWindow(svc, after, assignee.name);
  return after;
}
