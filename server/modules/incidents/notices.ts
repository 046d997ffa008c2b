// Outage and restoration notices to an incident's affected subscribers: one bulk send each,
// through the notifications module (which honours preferences and quiet hours).
import { staffWithPermission } from "@/server/modules/identity";
import { createBulkJob, notifyStaff } from "@/server/modules/notifications";
import type { ServiceContext } from "@/server/service-context";
import { event } from "./correlate";

const CHANNELS = ["EMAIL", "SMS", "INBOX"] as const;

async function affected(svc: ServiceContext, incidentId: string) {
  const rows = await svc.db.incidentImpact.findMany({ where: { incidentId }, select: { subscriberId: true } });
  return rows.map((r) => r.subscriberId);
}

/** Sends the outage notice of an open incident once. */
export async function sendOutageNotice(svc: ServiceContext, incidentId: string) {
  const incident = await svc.db.incident.findFirst({ where: { id: incidentId } });
  if (!incident || incident.outageNoticeJobId || incident.status === "RESOLVED") return null;
  const subscriberIds = await affected(svc, incidentId);
  if (subscriberIds.length === 0) return null;
  const job = await createBulkJob(svc, {
    name: `Outage notice INC-${incident.number}`,
    template: "outage",
    channels: [...CHANNELS],
    subscriberIds,
    data: {
      incidentId: `INC-${incident.number}`,
      title: incident.title,
      area: incident.rootName,
      startedAt: incident.openedAt.toISOString(),
    },
  });
  await svc.db.incident.update({ where: { id: incidentId }, data: { outageNoticeJobId: job.id } });
  await event(svc, incidentId, "notice", `Outage notice to ${subscriberIds.length} subscribers`);
  return job.id;
}

/** Sends the restoration notice of a resolved incident once (only if an outage notice went out). */
export async function sendRestorationNotice(svc: ServiceContext, incidentId: string) {
  const incident = await svc.db.incident.findFirst({ where: { id: incidentId } });
  if (!incident?.resolvedAt || !incident.outageNoticeJobId || incident.restorationNoticeJobId) return null;
  const subscriberIds = await affected(svc, incidentId);
  if (subscriberIds.length === 0) return null;
  const job = await createBulkJob(svc, {
    name: `Restoration notice INC-${incident.number}`,
    template: "service_restored",
    channels: [...CHANNELS],
    subscriberIds,
    data: {
      incidentId: `INC-${incident.number}`,
      title: incident.title,
      area: incident.rootName,
      restoredAt: incident.resolvedAt.toISOString(),
    },
  });
  await svc.db.incident.update({ where: { id: incidentId }, data: { restorationNoticeJobId: job.id } });
  await event(svc, incidentId, "notice", `Restoration notice to ${subscriberIds.length} subscribers`);
  return job.id;
}

/** Tells the NOC (staff who may act on incidents) in their inbox that an incident opened. */
export async function notifyNocOfIncident(svc: ServiceContext, incidentId: string) {
  const incident = await svc.db.incident.findFirst({ where: { id: incidentId } });
  if (!incident) return { count: 0 };
  const staff = await staffWithPermission(svc, "incident.manage");
  return notifyStaff(svc, {
    userIds: staff.map((u) => u.id),
    title: `INC-${incident.number}: ${incident.title}`,
    body: `${incident.alarmCount} alarms behind ${incident.rootName}; ${incident.affectedCount} subscribers affected (${incident.businessCount} business).`,
  });
}
