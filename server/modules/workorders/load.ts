// Reading one order inside a use case: locked for update, so two hands on the same order (the
// dispatcher and the technician, or a replayed offline action) take turns.
import { notFound } from "@/server/errors";
import type { WorkOrder } from "@/server/generated/prisma/client";
import type { ServiceContext } from "@/server/service-context";
import { type RawClient, tenantSql } from "@/server/sql";

// Structural, so both a plain and a tenant-scoped transaction fit.
type LockTx = RawClient & {
  workOrder: { findFirst(args: { where: { id: string; tenantId: string } }): PromiseLike<WorkOrder | null> };
};

export async function lockWorkOrder(tx: LockTx, svc: ServiceContext, id: string): Promise<WorkOrder> {
  await tenantSql(tx, svc.tenantId)
    .query`SELECT id FROM "WorkOrder" WHERE id = ${id}::uuid AND "tenantId" = ${svc.tenantId}::uuid FOR UPDATE`;
  const order = await tx.workOrder.findFirst({ where: { id, tenantId: svc.tenantId } });
  if (!order) throw notFound("Work order");
  return order;
}

/** A technician acts only on the orders assigned to them; dispatchers on any. */
export type Scope = { onlyAssignee?: string };

export function assertInScope(order: { assigneeId: string | null }, scope: Scope) {
  if (scope.onlyAssignee && order.assigneeId !== scope.onlyAssignee) throw notFound("Work order");
}
