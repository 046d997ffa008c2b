// The audit trail: every mutation records who did what to which object, before and after.
import { db } from "@/server/db";
import type { Prisma } from "@/server/generated/prisma/client";
import type { Actor } from "@/server/service-context";

type AuditWriter = { auditLog: { create(args: { data: Prisma.AuditLogUncheckedCreateInput }): Promise<unknown> } };

export type AuditEntry = {
  tenantId: string | null;
  actor: Actor;
  action: string;
  targetType: string;
  targetId?: string | null;
  before?: unknown;
  after?: unknown;
};

/** JSON-safe copy (dates as ISO strings, bigint as string); secrets must be removed by the caller. */
function snapshot(value: unknown): Prisma.InputJsonValue | undefined {
  if (value === undefined || value === null) return undefined;
  return JSON.parse(JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? v.toString() : v)));
}

/** Writes one audit row; pass the transaction that makes the change so both commit together. */
export async function recordAudit(db: AuditWriter, entry: AuditEntry) {
  await db.auditLog.create({
    data: {
      tenantId: entry.tenantId,
      actorId: entry.actor.userId,
      actorLabel: entry.actor.label,
      ip: entry.actor.ip,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId ?? null,
      before: snapshot(entry.before),
      after: snapshot(entry.after),
    },
  });
}

/** The latest `take` audit rows about one object of a tenant, newest first. */
export async function auditTrail(tenantId: string, targetType: string, targetId: string, take = 50) {
  // AuditLog also holds platform rows (tenantId null), so it is read with the raw client, scoped here.
  return db().auditLog.findMany({
    where: { tenantId, targetType, targetId },
    orderBy: { createdAt: "desc" },
    take,
    select: { id: true, action: true, actorLabel: true, before: true, after: true, createdAt: true },
  });
}
