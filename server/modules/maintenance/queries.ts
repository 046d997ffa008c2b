// Reading maintenance windows: the NOC list, one window with its notices, the affected list,
// which window covers a plant element now (alarms there open no incident) or a subscriber
// (tickets opened then are linked to it), and the portal banner of a subscriber.
import { notFound } from "@/server/errors";
import type { Prisma } from "@/server/generated/prisma/client";
import { type ListInput, orderBy, pageArgs } from "@/server/list";
import type { ServiceContext } from "@/server/service-context";

export async function listMaintenance(svc: ServiceContext, input: ListInput) {
  const where: Prisma.MaintenanceWindowWhereInput = {};
  const status = input.filters?.status;
  if (status === "SCHEDULED" || status === "IN_PROGRESS" || status === "COMPLETED" || status === "CANCELLED")
    where.status = status;
  if (input.search)
    where.OR = [
      { title: { contains: input.search, mode: "insensitive" } },
      { area: { contains: input.search, mode: "insensitive" } },
    ];
  const [rows, total] = await Promise.all([
    svc.db.maintenanceWindow.findMany({
      where,
      ...pageArgs(input),
      orderBy: orderBy(input, ["startsAt", "status", "affectedCount", "title"] as const, { startsAt: "desc" }),
    }),
    svc.db.maintenanceWindow.count({ where }),
  ]);
  return { rows, total };
}

export async function getMaintenance(svc: ServiceContext, id: string) {
  const window = await svc.db.maintenanceWindow.findFirst({
    where: { id },
    include: { notices: { orderBy: { dueAt: "asc" } } },
  });
  if (!window) throw notFound("Maintenance window");
  return window;
}

export async function listAffected(svc: ServiceContext, windowId: string, input: ListInput) {
  const where: Prisma.MaintenanceSubscriberWhereInput = { windowId };
  if (input.search)
    where.OR = [
      { customerName: { contains: input.search, mode: "insensitive" } },
      { username: { contains: input.search, mode: "insensitive" } },
    ];
  const [rows, total] = await Promise.all([
    svc.db.maintenanceSubscriber.findMany({
      where,
      ...pageArgs(input),
      orderBy: [{ business: "desc" }, { customerName: "asc" }],
    }),
    svc.db.maintenanceSubscriber.count({ where }),
  ]);
  return { rows, total };
}

/**
 * Per element key, the window covering it at `at`: one in progress, or one scheduled whose time
 * has come (the crew may start before anyone presses Start).
 */
export async function maintenanceCovering(svc: ServiceContext, keys: string[], at = new Date()) {
  const out = new Map<string, string>();
  if (keys.length === 0) return out;
  const windows = await svc.db.maintenanceWindow.findMany({
    where: {
      elements: { hasSome: keys },
      OR: [{ status: "IN_PROGRESS" }, { status: "SCHEDULED", startsAt: { lte: at }, endsAt: { gte: at } }],
    },
    select: { id: true, elements: true },
  });
  for (const w of windows) for (const k of w.elements) if (!out.has(k)) out.set(k, w.id);
  return out;
}

/** Windows a subscriber should see in the portal: upcoming (within a week) or in progress. */
export async function maintenanceForSubscriber(svc: ServiceContext, subscriberIds: string[], now = new Date()) {
  if (subscriberIds.length === 0) return [];
  return svc.db.maintenanceWindow.findMany({
    where: {
      affected: { some: { subscriberId: { in: subscriberIds } } },
      OR: [
        { status: "IN_PROGRESS" },
        { status: "SCHEDULED", endsAt: { gte: now }, startsAt: { lte: new Date(now.getTime() + 7 * 86_400_000) } },
      ],
    },
    orderBy: { startsAt: "asc" },
    select: { id: true, title: true, area: true, status: true, startsAt: true, endsAt: true },
  });
}

/**
 * The window affecting any of these subscribers at `at` (in progress, or scheduled and under
 * way), if any: a ticket opened then is linked to it.
 */
export async function maintenanceAffecting(svc: ServiceContext, subscriberIds: string[], at = new Date()) {
  if (subscriberIds.length === 0) return null;
  return svc.db.maintenanceWindow.findFirst({
    where: {
      affected: { some: { subscriberId: { in: subscriberIds } } },
      OR: [{ status: "IN_PROGRESS" }, { status: "SCHEDULED", startsAt: { lte: at }, endsAt: { gte: at } }],
    },
    orderBy: { startsAt: "desc" },
    select: { id: true, title: true },
  });
}

/** A window's title and status, for the pages of records linked to it (null if not the tenant's). */
export async function maintenanceSummary(svc: ServiceContext, id: string) {
  return svc.db.maintenanceWindow.findFirst({ where: { id }, select: { id: true, title: true, status: true } });
}
