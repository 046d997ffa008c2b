// The technician's day on one order: on the way → arrived → started, or failed with a reason;
// and the dispatcher's cancel. Each move follows the status machine and is recorded. A cancel
// is final (a failed visit can be rescheduled, a cancelled order cannot): a cancelled install
// ends the service that was waiting for it (its teardown drops the pending billing), frees the
// splitter leg promised to the address, and tells sales (the "cancelled" event) so the lead
// can be quoted again.
import { z } from "zod";
import { invalid } from "@/server/errors";
import { enqueueJob } from "@/server/jobs";
import { releaseDrop } from "@/server/modules/serviceability";
import { endPendingService } from "@/server/modules/subscribers";
import type { ServiceContext } from "@/server/service-context";
import { WORK_ORDER_CANCELLED_EVENT, type WorkOrderCancelled } from "./completed";
import { recordWorkOrderEvent } from "./history";
import { assertInScope, lockWorkOrder, type Scope } from "./load";
import { tellOnTheWay } from "./notify-customer";
import { WORK_ORDER_STATUS_LABELS } from "./schemas";
import { assertTransition } from "./status";

export const moveInput = z.object({
  workOrderId: z.string().uuid(),
  to: z.enum(["EN_ROUTE", "ON_SITE", "IN_PROGRESS", "FAILED", "CANCELLED"]),
  reason: z.string().trim().max(2000).optional(),
});
export type MoveInput = z.input<typeof moveInput>;

export async function moveWorkOrder(svc: ServiceContext, raw: MoveInput, scope: Scope = {}) {
  const input = moveInput.parse(raw);
  if ((input.to === "FAILED" || input.to === "CANCELLED") && !input.reason)
    throw invalid(`Say why the order is ${input.to === "FAILED" ? "failed" : "cancelled"}`);
  const after = await svc.db.$transaction(async (tx) => {
    const before = await lockWorkOrder(tx, svc, input.workOrderId);
    assertInScope(before, scope);
    // The same move twice (a double tap, a replayed offline action) is a no-op.
    if (before.status === input.to) return before;
    assertTransition(before.status, input.to);
    const now = new Date();
    const after = await tx.workOrder.update({
      where: { id: before.id },
      data: {
        status: input.to,
        ...(input.to === "ON_SITE" ? { arrivedAt: now } : {}),
        ...(input.to === "IN_PROGRESS" ? { startedAt: now } : {}),
        ...(input.to === "FAILED" || input.to === "CANCELLED" ? { failureReason: input.reason } : {}),
      },
    });
    const label = WORK_ORDER_STATUS_LABELS[input.to];
    await recordWorkOrderEvent(tx, svc, before.id, "status", input.reason ? `${label}: ${input.reason}` : label, {
      before: { status: before.status },
      after: { status: input.to, reason: input.reason },
    });
    if (input.to === "CANCELLED") {
      const event: WorkOrderCancelled = {
        tenantId: svc.tenantId,
        workOrderId: after.id,
        number: after.number,
        type: after.type,
        customerId: after.customerId,
        subscriberId: after.subscriberId,
        leadId: after.leadId,
        reason: input.reason ?? "",
        cancelledAt: now.toISOString(),
      };
      await enqueueJob(tx, WORK_ORDER_CANCELLED_EVENT, event, { id: `workorder-cancelled:${after.id}` });
    }
    return after;
  });
  if (after.status === "EN_ROUTE") await tellOnTheWay(svc, after);
  // (Also on a repeated cancel, so a failure here is put right by cancelling again.)
  if (after.status === "CANCELLED" && after.type === "INSTALL" && after.subscriberId) {
    await endPendingService(svc, after.subscriberId, `Installation cancelled: ${after.failureReason ?? ""}`.trim());
    await releaseDrop(svc, after.subscriberId);
  }
  return after;
}
