// A ticket's history: one TicketEvent per change (shown on the ticket page), and the audit
// trail entry that goes with it, written in the caller's transaction.
import type { Prisma } from "@/server/generated/prisma/client";
import { recordAudit } from "@/server/modules/audit";
import type { ServiceContext } from "@/server/service-context";

// Structural, so both a plain and a tenant-scoped transaction fit.
export type TicketTx = {
  ticketEvent: { create(args: { data: Prisma.TicketEventUncheckedCreateInput }): Promise<unknown> };
  auditLog: { create(args: { data: Prisma.AuditLogUncheckedCreateInput }): Promise<unknown> };
};

export async function recordTicketEvent(
  tx: TicketTx,
  svc: ServiceContext,
  ticketId: string,
  kind: string,
  detail: string,
  // `at`: when the change happened (the caller's clock), so the history reads in the ticket's own time.
  audit?: { before?: unknown; after?: unknown; at?: Date },
) {
  await tx.ticketEvent.create({
    data: { tenantId: svc.tenantId, ticketId, kind, detail, actorLabel: svc.actor.label, createdAt: audit?.at },
  });
  await recordAudit(tx, {
    tenantId: svc.tenantId,
    actor: svc.actor,
    action: `ticket.${kind}`,
    targetType: "Ticket",
    targetId: ticketId,
    before: audit?.before,
    after: audit?.after ?? { detail },
  });
}

export const ticketNumber = (n: number) => `T-${n}`;
