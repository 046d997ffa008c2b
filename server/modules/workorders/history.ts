// A work order's history: one WorkOrderEvent per change (shown on the order), and the audit
// trail entry that goes with it, written in the caller's transaction.
import type { Prisma } from "@/server/generated/prisma/client";
import { recordAudit } from "@/server/modules/audit";
import type { ServiceContext } from "@/server/service-context";

// Structural, so both a plain and a tenant-scoped transaction fit.
export type WorkOrderTx = {
  workOrderEvent: { create(args: { data: Prisma.WorkOrderEventUncheckedCreateInput }): Promise<unknown> };
  auditLog: { create(args: { data: Prisma.AuditLogUncheckedCreateInput }): Promise<unknown> };
};

export async function recordWorkOrderEvent(
  tx: WorkOrderTx,
  svc: ServiceContext,
  workOrderId: string,
  kind: string,
  detail: string,
  audit?: { before?: unknown; after?: unknown },
) {
  await tx.workOrderEvent.create({
    data: { tenantId: svc.tenantId, workOrderId, kind, detail, actorLabel: svc.actor.label },
  });
  await recordAudit(tx, {
    tenantId: svc.tenantId,
    actor: svc.actor,
    action: `workorder.${kind}`,
    targetType: "WorkOrder",
    targetId: workOrderId,
    before: audit?.before,
    after: audit?.after ?? { detail },
  });
}

export const workOrderNumber = (n: number) => `WO-${n}`;
