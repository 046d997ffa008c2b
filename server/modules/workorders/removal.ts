// J4 equipment after a teardown: the subscriber's termination opens a removal order (when
// equipment is fitted at their premises) and a return, with its due date, for each item.
// Completing the removal brings the items back into the technician's van (or the main
// warehouse), which closes their returns; they are then inspected from /noc/inventory.
// Both open on the termination event, which the teardown's last step (archive) writes in its
// own transaction: a teardown that fails and rolls back never wrote it, so it leaves no removal
// or return to withdraw (inventory/returns.test.ts proves it).
import { defineJob } from "@/server/jobs";
import { fittedEquipment, openEquipmentReturns, returnEquipment, vanOf } from "@/server/modules/inventory";
import { SUBSCRIBER_TERMINATED_EVENT, type SubscriberTerminated } from "@/server/modules/subscribers";
import type { ServiceContext } from "@/server/service-context";
import { onWorkOrderCompleted } from "./completed";
import { createWorkOrder } from "./create-work-order";

/** Opens (or finds) the subscriber's removal order and the returns of what is fitted there. */
export async function openRemoval(svc: ServiceContext, subscriberId: string) {
  const items = await fittedEquipment(svc, subscriberId);
  if (!items.length) return { workOrderId: null, opened: 0, dueOn: null };
  const existing = await svc.db.workOrder.findFirst({
    where: { subscriberId, type: "REMOVAL", status: { not: "CANCELLED" } },
    orderBy: { createdAt: "desc" },
  });
  const order =
    existing ??
    (await createWorkOrder(svc, {
      type: "REMOVAL",
      subscriberId,
      title: `Collect equipment: ${items.map((i) => i.serial).join(", ")}`,
      description: `The service was disconnected. Collect ${items.map((i) => `${i.model.name} ${i.serial}`).join(", ")}.`,
    }));
  const returns = await openEquipmentReturns(svc, { subscriberId, workOrderId: order.id });
  return { workOrderId: order.id, ...returns };
}

/** The removal is done: every item still at the premises comes back with the technician. */
async function returnCollected(svc: ServiceContext, subscriberId: string, workOrderId: string) {
  const order = await svc.db.workOrder.findFirst({ where: { id: workOrderId } });
  const van = order?.assigneeId ? await vanOf(svc, order.assigneeId) : null;
  const items = await fittedEquipment(svc, subscriberId);
  for (const item of items)
    await returnEquipment(svc, {
      serial: item.serial,
      workOrderId,
      ...(van ? { toLocationId: van.id } : {}),
      note: "Collected on the removal order",
    });
  return { returned: items.map((i) => i.serial) };
}

const removalOnTermination = defineJob({
  id: "workorders-removal-on-termination",
  name: "Work orders: equipment removal after a teardown",
  trigger: { event: SUBSCRIBER_TERMINATED_EVENT },
  retries: 3,
  async run({ event, step, tenant }) {
    const { tenantId, subscriberId } = event.data as SubscriberTerminated;
    return step.run("removal", () => openRemoval(tenant(tenantId), subscriberId));
  },
});

export const workordersJobs = [
  removalOnTermination,
  onWorkOrderCompleted("workorders-removal-completed", ["REMOVAL"], (svc, order) =>
    order.subscriberId ? returnCollected(svc, order.subscriberId, order.workOrderId) : Promise.resolve(null),
  ),
];
