// Reading work orders: the dispatcher's list and board, one order with its history and photos,
// and a technician's day.
import { notFound } from "@/server/errors";
import type { Prisma } from "@/server/generated/prisma/client";
import { getJob } from "@/server/modules/orchestration";
import type { ServiceContext } from "@/server/service-context";
import { missingForCompletion } from "./complete-work-order";
import { type ListWorkOrdersInput, listWorkOrdersInput } from "./schemas";
import { OPEN_STATUSES } from "./status";

export async function listWorkOrders(svc: ServiceContext, raw: ListWorkOrdersInput = {}) {
  const input = listWorkOrdersInput.parse(raw);
  const where: Prisma.WorkOrderWhereInput = {
    ...(input.status ? { status: { in: input.status } } : {}),
    ...(input.type ? { type: input.type } : {}),
    ...(input.assigneeId !== undefined ? { assigneeId: input.assigneeId } : {}),
    ...(input.subscriberId ? { subscriberId: input.subscriberId } : {}),
    ...(input.leadId ? { leadId: input.leadId } : {}),
    ...(input.from || input.to
      ? { windowStart: { ...(input.from ? { gte: input.from } : {}), ...(input.to ? { lt: input.to } : {}) } }
      : {}),
  };
  return svc.db.workOrder.findMany({
    where,
    orderBy: [{ windowStart: { sort: "asc", nulls: "last" } }, { number: "asc" }],
    take: input.limit,
  });
}

export async function getWorkOrder(svc: ServiceContext, id: string) {
  const order = await svc.db.workOrder.findFirst({
    where: { id },
    include: {
      events: { orderBy: { createdAt: "asc" } },
      photos: { orderBy: { createdAt: "asc" }, select: { id: true, caption: true, sizeBytes: true, createdAt: true } },
    },
  });
  if (!order) throw notFound("Work order");
  return { ...order, missing: missingForCompletion(order, order.photos.length) };
}

/**
 * A technician's day: their orders whose window falls on `day` (UTC date), plus any still open
 * from before, in window order.
 */
export async function technicianDay(svc: ServiceContext, userId: string, day: Date) {
  const start = new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate()));
  const end = new Date(start.getTime() + 24 * 3600_000);
  const orders = await svc.db.workOrder.findMany({
    where: {
      assigneeId: userId,
      OR: [
        { windowStart: { gte: start, lt: end } },
        { status: { in: OPEN_STATUSES }, OR: [{ windowStart: { lt: start } }, { windowStart: null }] },
      ],
    },
    include: { photos: { select: { id: true } } },
    orderBy: [{ windowStart: { sort: "asc", nulls: "last" } }, { number: "asc" }],
  });
  return orders.map(({ photos, ...o }) => ({
    ...o,
    photoCount: photos.length,
    missing: missingForCompletion(o, photos.length),
  }));
}

/** The provisioning a completed install started: its steps and their status (null before). */
export async function installProvisioning(svc: ServiceContext, workOrderId: string) {
  const order = await svc.db.workOrder.findFirst({ where: { id: workOrderId } });
  if (!order) throw notFound("Work order");
  if (!order.provisioningJobId) return null;
  const job = await getJob(svc, order.provisioningJobId);
  return {
    id: job.id,
    status: job.status,
    error: job.error,
    steps: job.steps.map((s) => ({ name: s.name, title: s.title, status: s.status })),
  };
}
