// The "work order completed" and "work order cancelled" hooks: completing or cancelling an order
// writes its event to the outbox in the same transaction, and any module that cares (sales on a
// survey or install, incidents on a repair, billing on a removal) subscribes with a job of its own:
//
//   export const salesJobs = [onWorkOrderCompleted("sales-survey-done", ["SURVEY"], (svc, wo) => …)];
//
// Each subscriber runs once per completed (cancelled) order (the event id is the order's),
// retried on failure.
import { defineJob, type JobDefinition } from "@/server/jobs";
import type { ServiceContext } from "@/server/service-context";
import type { WorkOrderTypeKey } from "./schemas";

export const WORK_ORDER_COMPLETED_EVENT = "workorders/order.completed";

export type WorkOrderCompleted = {
  tenantId: string;
  workOrderId: string;
  number: number;
  type: WorkOrderTypeKey;
  customerId: string | null;
  subscriberId: string | null;
  leadId: string | null;
  ticketId: string | null;
  incidentId: string | null;
  onuSerial: string | null;
  cpeSerial: string | null;
  notes: string;
  completedAt: string;
};

export const WORK_ORDER_CANCELLED_EVENT = "workorders/order.cancelled";

export type WorkOrderCancelled = {
  tenantId: string;
  workOrderId: string;
  number: number;
  type: WorkOrderTypeKey;
  customerId: string | null;
  subscriberId: string | null;
  leadId: string | null;
  reason: string;
  cancelledAt: string;
};

function onWorkOrderEvent<E extends { tenantId: string; type: WorkOrderTypeKey }>(
  event: string,
  what: string,
  id: string,
  types: WorkOrderTypeKey[],
  handle: (svc: ServiceContext, order: E) => Promise<unknown>,
): JobDefinition {
  return defineJob({
    id,
    name: `On work order ${what}: ${id}`,
    trigger: { event },
    retries: 3,
    async run({ event, step, tenant }) {
      const order = event.data as E;
      if (!types.includes(order.type)) return { skipped: order.type };
      return step.run("handle", async () => (await handle(tenant(order.tenantId), order)) ?? null);
    },
  });
}

/** A job that calls `handle` once for each completed order of the given types. */
export function onWorkOrderCompleted(
  id: string,
  types: WorkOrderTypeKey[],
  handle: (svc: ServiceContext, order: WorkOrderCompleted) => Promise<unknown>,
): JobDefinition {
  return onWorkOrderEvent(WORK_ORDER_COMPLETED_EVENT, "completed", id, types, handle);
}

/** A job that calls `handle` once for each cancelled order of the given types. */
export function onWorkOrderCancelled(
  id: string,
  types: WorkOrderTypeKey[],
  handle: (svc: ServiceContext, order: WorkOrderCancelled) => Promise<unknown>,
): JobDefinition {
  return onWorkOrderEvent(WORK_ORDER_CANCELLED_EVENT, "cancelled", id, types, handle);
}
