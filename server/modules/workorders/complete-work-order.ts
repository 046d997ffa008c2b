// Complete an order: everything its type requires must be recorded (checklist, optical power,
// serials, photos, signature, notes). The completion and the "completed" event are one
// transaction. Before it, an install moves the fitted equipment out of the technician's van;
// after it, the install starts provisioning of its subscriber through orchestration (the one
// path), keyed by the order so a repeat finds the same job.

import { invalid } from "@/server/errors";
import { enqueueJob } from "@/server/jobs";
import { assignEquipment } from "@/server/modules/inventory";
import { startSaga } from "@/server/modules/orchestration";
import { getSubscriber, updateSubscriber } from "@/server/modules/subscribers";
import type { ServiceContext } from "@/server/service-context";
import { WORK_ORDER_COMPLETED_EVENT, type WorkOrderCompleted } from "./completed";
import { recordWorkOrderEvent, workOrderNumber } from "./history";
import { assertInScope, lockWorkOrder, type Scope } from "./load";
import { type ChecklistItem, COMPLETION_REQUIREMENTS } from "./schemas";

type Order = Awaited<ReturnType<typeof lockWorkOrder>>;

/** What is still missing before the order can be completed (empty when it can). */
export function missingForCompletion(order: Order, photoCount: number): string[] {
  const need = COMPLETION_REQUIREMENTS[order.type];
  const missing = (order.checklist as ChecklistItem[]).filter((c) => !c.done).map((c) => `checklist: ${c.label}`);
  if (need.opticalPower && order.opticalPowerDbm === null) missing.push("optical power at the ONU");
  if (need.onuSerial && !order.onuSerial) missing.push("ONU serial");
  if (photoCount < need.photos) missing.push(need.photos === 1 ? "a photo" : `${need.photos} photos`);
  if (need.signature && !order.signatureKey) missing.push("the customer's signature");
  if (need.notes && !order.notes.trim()) missing.push("notes");
  return missing;
}

export async function completeWorkOrder(svc: ServiceContext, workOrderId: string, scope: Scope = {}) {
  const peek = await svc.db.workOrder.findFirst({ where: { id: workOrderId } });
  if (peek) assertInScope(peek, scope);
  if (peek?.status === "IN_PROGRESS" && peek.subscriberId && peek.type === "INSTALL") {
    const photos = await svc.db.workOrderPhoto.count({ where: { workOrderId } });
    if (missingForCompletion(peek, photos).length === 0)
      await fitEquipment(svc, { ...peek, subscriberId: peek.subscriberId });
  }
  const order = await svc.db.$transaction(async (tx) => {
    const before = await lockWorkOrder(tx, svc, workOrderId);
    assertInScope(before, scope);
    // Completing twice (a replayed offline action) changes nothing.
    if (before.status === "COMPLETED") return before;
    if (before.status !== "IN_PROGRESS") throw invalid("Start the work before completing it");
    const photos = await tx.workOrderPhoto.count({ where: { workOrderId } });
    const missing = missingForCompletion(before, photos);
    if (missing.length) throw invalid(`Before completing, record: ${missing.join("; ")}`, { missing });
    const after = await tx.workOrder.update({
      where: { id: before.id },
      data: { status: "COMPLETED", completedAt: new Date() },
    });
    const event: WorkOrderCompleted = {
      tenantId: svc.tenantId,
      workOrderId: after.id,
      number: after.number,
      type: after.type,
      customerId: after.customerId,
      subscriberId: after.subscriberId,
      leadId: after.leadId,
      ticketId: after.ticketId,
      incidentId: after.incidentId,
      onuSerial: after.onuSerial,
      cpeSerial: after.cpeSerial,
      notes: after.notes,
      completedAt: (after.completedAt as Date).toISOString(),
    };
    await enqueueJob(tx, WORK_ORDER_COMPLETED_EVENT, event, { id: `workorder-completed:${after.id}` });
    await recordWorkOrderEvent(tx, svc, after.id, "completed", `${workOrderNumber(after.number)} completed`, {
      before: { status: before.status },
      after: { status: "COMPLETED", opticalPowerDbm: after.opticalPowerDbm, onuSerial: after.onuSerial },
    });
    return after;
  });
  if (order.type !== "INSTALL" || !order.subscriberId || order.provisioningJobId) return order;
  const job = await startSaga(
    svc,
    "provision-subscriber",
    { subscriberId: order.subscriberId },
    `workorder-install:${order.id}`,
  );
  return svc.db.workOrder.update({ where: { id: order.id }, data: { provisioningJobId: job.id } });
}

/**
 * The ONU (and CPE) the technician fitted leave their van for the subscriber's premises, and
 * the ONU becomes the subscriber's before provisioning reads it. Repeating it changes nothing.
 */
async function fitEquipment(
  svc: ServiceContext,
  order: {
    id: string;
    subscriberId: string;
    assigneeId: string | null;
    onuSerial: string | null;
    cpeSerial: string | null;
  },
) {
  for (const serial of [order.onuSerial, order.cpeSerial])
    if (serial)
      await assignEquipment(svc, {
        serial,
        subscriberId: order.subscriberId,
        workOrderId: order.id,
        fromTechnicianId: order.assigneeId ?? undefined,
      });
  const sub = await getSubscriber(svc, order.subscriberId);
  if (order.onuSerial && sub.onuSerial !== order.onuSerial)
    await updateSubscriber(svc, sub.id, { onuSerial: order.onuSerial });
}
