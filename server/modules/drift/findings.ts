// Reading findings and scans (the /noc/drift page and GET /api/v1/drift).
import type { Prisma } from "@/server/generated/prisma/client";
import { type ListResult, orderBy, pageArgs } from "@/server/list";
import type { ServiceContext } from "@/server/service-context";
import type { FindingListInput } from "./schemas";
import { DRIFT_TYPES, type DriftType } from "./types";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function listFindings(svc: ServiceContext, input: FindingListInput) {
  const f = input.filters ?? {};
  const where: Prisma.DriftFindingWhereInput = {
    status: f.status === "RESOLVED" ? "RESOLVED" : f.status === "ALL" ? undefined : "OPEN",
    ...(f.type ? { type: f.type } : {}),
    ...(f.system ? { system: f.system } : {}),
    ...(f.subscriberId && UUID.test(f.subscriberId) ? { subscriberId: f.subscriberId } : {}),
    ...(input.search
      ? {
          OR: [
            { username: { contains: input.search, mode: "insensitive" } },
            { summary: { contains: input.search, mode: "insensitive" } },
          ],
        }
      : {}),
  };
  const [rows, total] = await Promise.all([
    svc.db.driftFinding.findMany({
      where,
      orderBy: [
        orderBy(input, ["lastSeenAt", "firstSeenAt", "type", "system", "username"] as const, { firstSeenAt: "desc" }),
        { id: "asc" },
      ],
      ...pageArgs(input),
    }),
    svc.db.driftFinding.count({ where }),
  ]);
  return {
    rows: rows.map((r) => ({ ...r, label: DRIFT_TYPES[r.type as DriftType]?.label ?? r.type })),
    total,
  } satisfies ListResult<unknown>;
}

export async function getFinding(svc: ServiceContext, id: string) {
  return svc.db.driftFinding.findFirst({ where: { id } });
}

/** The latest scans, newest first, and the open findings by type. */
export async function driftOverview(svc: ServiceContext) {
  const [scans, open] = await Promise.all([
    svc.db.driftScan.findMany({ orderBy: { startedAt: "desc" }, take: 5 }),
    svc.db.driftFinding.groupBy({ by: ["type"], where: { status: "OPEN" }, _count: { _all: true } }),
  ]);
  return {
    scans,
    running: scans.some((s) => s.status === "RUNNING"),
    openByType: Object.fromEntries(open.map((o) => [o.type, o._count._all])) as Record<string, number>,
    openTotal: open.reduce((n, o) => n + o._count._all, 0),
  };
}
