// Maintenance notices: those due are sent once each as a bulk send to the affected subscribers
// (the notifications module honours opt-outs and quiet hours). A pass runs every minute; "due"
// is read on the tenant's test clock (billingNow), which the e2e journey moves forward.
import { notFound } from "@/server/errors";
import { recordAudit } from "@/server/modules/audit";
import { billingNow } from "@/server/modules/billing";
import { createBulkJob } from "@/server/modules/notifications";
import type { ServiceContext } from "@/server/service-context";

type Window = { id: string; title: string; area: string; startsAt: Date; endsAt: Date };

async function affectedIds(svc: ServiceContext, windowId: string) {
  const rows = await svc.db.maintenanceSubscriber.findMany({ where: { windowId }, select: { subscriberId: true } });
  return rows.map((r) => r.subscriberId);
}

function message(kind: string, w: Window, now: Date) {
  if (kind === "started")
    return {
      template: "maintenance_started",
      channels: ["INBOX", "PUSH"] as const,
      data: { title: w.title, area: w.area, expectedEndAt: w.endsAt.toISOString() },
    };
  if (kind === "completed")
    return {
      template: "maintenance_completed",
      channels: ["INBOX", "PUSH"] as const,
      data: { title: w.title, area: w.area, completedAt: now.toISOString() },
    };
  return {
    template: "maintenance_scheduled",
    channels: ["EMAIL", "SMS", "INBOX"] as const,
    data: {
      title: w.title,
      area: w.area,
      startsAt: w.startsAt.toISOString(),
      endsAt: w.endsAt.toISOString(),
      maintenanceId: w.id,
    },
  };
}

/** Sends one notice of a window, once; returns the bulk send's id (or null if nobody is affected). */
export async function sendMaintenanceNotice(svc: ServiceContext, windowId: string, kind: string, now = new Date()) {
  const notice = await svc.db.maintenanceNotice.upsert({
    where: { windowId_kind: { windowId, kind } },
    create: { tenantId: svc.tenantId, windowId, kind, dueAt: now },
    update: {},
    include: { window: true },
  });
  if (notice.sentAt) return notice.bulkJobId;
  // Claim it: a concurrent pass that lost the claim sends nothing.
  const claimed = await svc.db.maintenanceNotice.updateMany({
    where: { id: notice.id, sentAt: null },
    data: { sentAt: now },
  });
  if (claimed.count === 0) return null;
  const ids = await affectedIds(svc, windowId);
  if (ids.length === 0) return null;
  const m = message(kind, notice.window, now);
  try {
    const job = await createBulkJob(svc, {
      name: `Maintenance ${kind}: ${notice.window.title}`,
      template: m.template,
      channels: [...m.channels],
      subscriberIds: ids,
      data: m.data,
    });
    await svc.db.maintenanceNotice.update({ where: { id: notice.id }, data: { bulkJobId: job.id } });
    return job.id;
  } catch (error) {
    // Not sent: the next pass tries again.
    await svc.db.maintenanceNotice.update({ where: { id: notice.id }, data: { sentAt: null } });
    throw error;
  }
}

/** Sends every scheduled notice that is due (of windows still scheduled; of one, given `windowId`). */
export async function sendDueMaintenanceNotices(svc: ServiceContext, now?: Date, windowId?: string) {
  const at = now ?? (await billingNow(svc));
  const due = await svc.db.maintenanceNotice.findMany({
    where: { sentAt: null, dueAt: { lte: at }, window: { status: "SCHEDULED", ...(windowId ? { id: windowId } : {}) } },
    orderBy: { dueAt: "asc" },
    select: { windowId: true, kind: true },
  });
  let sent = 0;
  for (const n of due) if (await sendMaintenanceNotice(svc, n.windowId, n.kind, at)) sent++;
  return { sent };
}

/** "Send due notices now" on the window's page: the minute pass for this window, at once. */
export async function sendWindowNoticesNow(svc: ServiceContext, windowId: string) {
  if (!(await svc.db.maintenanceWindow.findFirst({ where: { id: windowId }, select: { id: true } })))
    throw notFound("Maintenance window");
  const result = await sendDueMaintenanceNotices(svc, undefined, windowId);
  if (result.sent)
    await recordAudit(svc.db, {
      tenantId: svc.tenantId,
      actor: svc.actor,
      action: "maintenance.notices.send",
      targetType: "MaintenanceWindow",
      targetId: windowId,
      after: result,
    });
  return result;
}
