// Searching the audit log: by actor, action, target and time, newest first, paginated.
import { db } from "@/server/db";
import type { Prisma } from "@/server/generated/prisma/client";
import { pageArgs } from "@/server/list";
import type { AuditSearchInput } from "./schemas";

/** `tenantId` null = the whole installation (platform staff only). */
export async function searchAudit(tenantId: string | null, input: AuditSearchInput) {
  const f = { ...input.filters, ...input };
  const where: Prisma.AuditLogWhereInput = {
    ...(tenantId ? { tenantId } : {}),
    ...(f.actor ? { actorLabel: { contains: f.actor, mode: "insensitive" } } : {}),
    ...(f.action ? { action: { startsWith: f.action, mode: "insensitive" } } : {}),
    ...(f.targetType ? { targetType: { equals: f.targetType, mode: "insensitive" } } : {}),
    ...(f.targetId ? { targetId: f.targetId } : {}),
    ...(f.from || f.to
      ? { createdAt: { ...(f.from ? { gte: new Date(f.from) } : {}), ...(f.to ? { lte: endOfDay(f.to) } : {}) } }
      : {}),
    ...(input.search
      ? {
          OR: [
            { actorLabel: { contains: input.search, mode: "insensitive" } },
            { action: { contains: input.search, mode: "insensitive" } },
            { targetType: { contains: input.search, mode: "insensitive" } },
            { targetId: { contains: input.search } },
          ],
        }
      : {}),
  };
  const [rows, total] = await Promise.all([
    db().auditLog.findMany({
      where,
      orderBy: { createdAt: input.sort?.id === "createdAt" && !input.sort.desc ? "asc" : "desc" },
      ...pageArgs(input),
    }),
    db().auditLog.count({ where }),
  ]);
  return {
    rows: rows.map((r) => ({
      id: r.id.toString(),
      createdAt: r.createdAt,
      actorLabel: r.actorLabel,
      actorId: r.actorId,
      ip: r.ip,
      action: r.action,
      targetType: r.targetType,
      targetId: r.targetId,
      before: r.before,
      after: r.after,
    })),
    total,
  };
}

/** A date-only bound ("2026-11-24") means the whole day. */
function endOfDay(value: string) {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T23:59:59.999Z`) : new Date(value);
}
