// The "work order completed" hook: completing an order writes this event to the outbox in the
// same transaction, and any module that cares (sales on a survey or install, incidents on a
// repair, billing on a removal) subscribes with a job of its own:
//
//   export const salesJobs = [onWorkOrderCompleted("sales-survey-done", ["SURVEY"], (svc, wo) => …)];
//
// Each subscriber runs once per completed order (the event id is the order's), retried on failure.
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

/** A job that calls `handle` once for each completed order of the given types. */
export function onWorkOrderCompleted(
  id: string,
  types: WorkOrderTypeKey[],
  handle: (svc: ServiceContext, order: WorkOrderCompleted) => Promise<unknown>,
): JobDefinition {
  return defineJob({
    id,
    name: `On work order completed: ${id}`,
    trigger: { event: WORK_ORDER_COMPLETED_EVENT },
    retries: 3,
    async run({ event, step, tenant }) {
      const order = event.data as WorkOrderCompleted;
      if (!types.includes(order.type)) return { skipped: order.type };
      return step.run("handle", async () => (await handle(tenant(order.tenantId), order)) ?? null);
    },
  });
}
