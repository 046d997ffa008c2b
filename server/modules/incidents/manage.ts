// Reading incidents and what people do with them: acknowledge, resolve by hand.

import { conflict, notFound } from "@/server/errors";
import type { Prisma } from "@/server/generated/prisma/client";
import { type ListInput, orderBy, pageArgs } from "@/server/list";
import { recordAudit } from "@/server/modules/audit";
import { getWorkOrder } from "@/server/modules/workorders";
import type { ServiceContext } from "@/server/service-context";
import { event } from "./correlate";
import { grantOutageCredits } from "./credits";
import { sendIncidentNotice } from "./notices";

export async function listIncidents(svc: ServiceContext, input: ListInput) {
  const where: Prisma.IncidentWhereInput = { mergedIntoId: null };
  const status = input.filters?.status;
  if (status === "OPEN" || status === "ACKNOWLEDGED" || status === "RESOLVED") where.status = status;
  else if (status === "active") where.status = { in: ["OPEN", "ACKNOWLEDGED"] };
  if (input.search) {
    const n = Number(input.search.replace(/^INC-/i, ""));
    where.OR = [
      { title: { contains: input.search, mode: "insensitive" } },
      { rootName: { contains: input.search, mode: "insensitive" } },
      ...(Number.isInteger(n) && n > 0 ? [{ number: n }] : []),
    ];
  }
  const [rows, total] = await Promise.all([
    svc.db.incident.findMany({
      where,
      ...pageArgs(input),
      orderBy: orderBy(input, ["openedAt", "number", "status", "affectedCount"] as const, { openedAt: "desc" }),
    }),
    svc.db.incident.count({ where }),
  ]);
  return { rows, total };
}

/** Incidents not yet resolved (monitoring). */
export function openIncidentCount(svc: ServiceContext) {
  return svc.db.incident.count({ where: { mergedIntoId: null, status: { in: ["OPEN", "ACKNOWLEDGED"] } } });
}

export async function getIncident(svc: ServiceContext, id: string) {
  const incident = await svc.db.incident.findFirst({
    where: { id },
    include: { events: { orderBy: { at: "asc" } } },
  });
  if (!incident) throw notFound("Incident");
  // The repair work order a technician was sent with (its number and progress for the page).
  const order = incident.repairWorkOrderId ? await getWorkOrder(svc, incident.repairWorkOrderId) : null;
  const repairWorkOrder = order
    ? { id: order.id, number: order.number, status: order.status, windowStart: order.windowStart }
    : null;
  return { ...incident, repairWorkOrder };
}

/** The open (or acknowledged) incidents a subscriber is behind, newest first (the ticket page). */
export async function incidentsAffecting(svc: ServiceContext, subscriberId: string) {
  return svc.db.incident.findMany({
    where: { mergedIntoId: null, status: { in: ["OPEN", "ACKNOWLEDGED"] }, impact: { some: { subscriberId } } },
    orderBy: { openedAt: "desc" },
    take: 5,
    select: { id: true, number: true, title: true, status: true, severity: true, openedAt: true, rootName: true },
  });
}

/** The affected subscribers, business customers first. */
export async function listImpact(svc: ServiceContext, incidentId: string, input: ListInput) {
  const where: Prisma.IncidentImpactWhereInput = { incidentId };
  if (input.search)
    where.OR = [
      { customerName: { contains: input.search, mode: "insensitive" } },
      { username: { contains: input.search, mode: "insensitive" } },
    ];
  const [rows, total] = await Promise.all([
    svc.db.incidentImpact.findMany({
      where,
      ...pageArgs(input),
      orderBy: [{ business: "desc" }, { customerName: "asc" }],
    }),
    svc.db.incidentImpact.count({ where }),
  ]);
  return { rows, total };
}

export async function acknowledgeIncident(svc: ServiceContext, id: string) {
  const incident = await getIncident(svc, id);
  if (incident.status !== "OPEN") return incident;
  await svc.db.$transaction(async (tx) => {
    await tx.incident.update({
      where: { id },
      data: { status: "ACKNOWLEDGED", acknowledgedAt: new Date(), acknowledgedBy: svc.actor.label },
    });
    await recordAudit(tx, {
      tenantId: svc.tenantId,
      actor: svc.actor,
      action: "incident.acknowledge",
      targetType: "Incident",
      targetId: id,
      before: { status: incident.status },
      after: { status: "ACKNOWLEDGED" },
    });
  });
  await event(svc, id, "acknowledged", `Acknowledged by ${svc.actor.label}`);
  return getIncident(svc, id);
}

/** Resolves by hand (e.g. alarms that will not clear on their own); the restoration notice goes out. */
export async function resolveIncident(svc: ServiceContext, id: string, note: string) {
  const incident = await getIncident(svc, id);
  if (incident.status === "RESOLVED") throw conflict(`INC-${incident.number} is already resolved`);
  await svc.db.$transaction(async (tx) => {
    await tx.incident.update({ where: { id }, data: { status: "RESOLVED", resolvedAt: new Date() } });
    await recordAudit(tx, {
      tenantId: svc.tenantId,
      actor: svc.actor,
      action: "incident.resolve",
      targetType: "Incident",
      targetId: id,
      before: { status: incident.status },
      after: { status: "RESOLVED", note },
    });
  });
  await event(svc, id, "resolved", `Resolved by ${svc.actor.label}: ${note}`);
  await sendIncidentNotice(svc, id, "restoration");
  await grantOutageCredits(svc, id);
  return getIncident(svc, id);
}
