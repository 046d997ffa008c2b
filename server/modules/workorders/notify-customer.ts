// What the customer hears about a visit: the arrival window when it is set or moved outside the
// window they were told (a move inside it is no news), and on the day that the technician is
// on the way. Each message is sent once (dedupe keys).
import { notify } from "@/server/modules/notifications";
import type { ServiceContext } from "@/server/service-context";
import { WORK_ORDER_TYPE_LABELS, type WorkOrderTypeKey } from "./schemas";

type Visit = {
  id: string;
  type: WorkOrderTypeKey;
  subscriberId: string | null;
  addressText: string | null;
  windowStart: Date | null;
  windowEnd: Date | null;
  updatedAt: Date;
};

/** True when the new window lies inside the one the customer was told. */
export function insideToldWindow(before: Visit, after: Visit) {
  if (!before.windowStart || !before.windowEnd || !after.windowStart || !after.windowEnd) return false;
  return after.windowStart >= before.windowStart && after.windowEnd <= before.windowEnd;
}

export async function tellWindow(svc: ServiceContext, visit: Visit, technicianName: string) {
  if (!visit.subscriberId || !visit.windowStart || !visit.windowEnd) return;
  await notify(svc, {
    subscriberId: visit.subscriberId,
    template: "work_order_assigned",
    data: {
      workOrderId: visit.id,
      kind: WORK_ORDER_TYPE_LABELS[visit.type].toLowerCase(),
      scheduledAt: visit.windowStart.toISOString(),
      technicianName,
      address: visit.addressText ?? "your address",
    },
    // Once per change of the order (a move back to an earlier window is news again).
    dedupeKey: `workorder-window:${visit.id}:${visit.updatedAt.toISOString()}`,
  });
}

export async function tellOnTheWay(svc: ServiceContext, visit: Visit) {
  if (!visit.subscriberId) return;
  await notify(svc, {
    subscriberId: visit.subscriberId,
    template: "service_notice",
    data: {
      title: "Your technician is on the way",
      message: `The technician for your ${WORK_ORDER_TYPE_LABELS[visit.type].toLowerCase()} is on the way to ${visit.addressText ?? "you"}.`,
    },
    dedupeKey: `workorder-en-route:${visit.id}`,
  });
}
