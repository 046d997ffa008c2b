// Outage and restoration notices to an incident's affected subscribers: one bulk send each,
// through the notifications module (which honours preferences and quiet hours).
import type { Incident } from "@/server/generated/prisma/client";
import { staffWithPermission } from "@/server/modules/identity";
import { createBulkJob, notifyStaff } from "@/server/modules/notifications";
import type { ServiceContext } from "@/server/service-context";
import { event } from "./correlate";

const CHANNELS = ["EMAIL", "SMS", "INBOX"] as const;

async function affected(svc: ServiceContext, incidentId: string) {
  const rows = await svc.db.incidentImpact.findMany({ where: { incidentId }, select: { subscriberId: true } });
  return rows.map((r) => r.subscriberId);
}

export type IncidentNoticeKind = "outage" | "restoration";

// What differs between the two notices; everything else is one path.
const NOTICES: Record<
  IncidentNoticeKind,
  {
    template: string;
    label: string;
    jobIdField: "outageNoticeJobId" | "restorationNoticeJobId";
    /** Whether this incident is due the notice (beyond not having had it yet). */
    due: (i: Incident) => boolean;
    data: (i: Incident) => Record<string, string>;
  }
> = {
  outage: {
    template: "outage",
    label: "Outage",
    jobIdField: "outageNoticeJobId",
    due: (i) => i.status !== "RESOLVED",
    data: (i) => ({ startedAt: i.openedAt.toISOString() }),
  },
  // Only those who were told of the outage hear that it is over.
  restoration: {
    template: "service_restored",
    label: "Restoration",
    jobIdField: "restorationNoticeJobId",
    due: (i) => Boolean(i.resolvedAt && i.outageNoticeJobId),
    data: (i) => ({ restoredAt: (i.resolvedAt as Date).toISOString() }),
  },
};

/** Sends an incident's outage or restoration notice to its affected subscribers, once. */
export async function sendIncidentNotice(svc: ServiceContext, incidentId: string, kind: IncidentNoticeKind) {
  const notice = NOTICES[kind];
  const incident = await svc.db.incident.findFirst({ where: { id: incidentId } });
  if (!incident || incident[notice.jobIdField] || !notice.due(incident)) return null;
  const subscriberIds = await affected(svc, incidentId);
  if (subscriberIds.length === 0) return null;
  const job = await createBulkJob(svc, {
    name: `${notice.label} notice INC-${incident.number}`,
    template: notice.template,
    channels: [...CHANNELS],
    subscriberIds,
    data: {
      incidentId: `INC-${incident.number}`,
      title: incident.title,
      area: incident.rootName,
      ...notice.data(incident),
    },
  });
  await svc.db.incident.update({ where: { id: incidentId }, data: { [notice.jobIdField]: job.id } });
  await event(svc, incidentId, "notice", `${notice.label} notice to ${subscriberIds.length} subscribers`);
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
