// Schedule a maintenance window: the elements must exist, the affected subscribers are the
// active ones behind them (from the topology), and its notices are planned before the start.
import { invalid } from "@/server/errors";
import { recordAudit } from "@/server/modules/audit";
import { describeElements, subscriberIdsUnder } from "@/server/modules/network";
import { subscriberSummaries } from "@/server/modules/subscribers";
import type { ServiceContext } from "@/server/service-context";
import { previewMaintenanceInput, type ScheduleMaintenanceInput, scheduleMaintenanceInput } from "./schemas";

/** The area's readable name and the active subscribers behind the elements. */
async function affectedBehind(svc: ServiceContext, elements: string[]) {
  const described = await describeElements(svc, elements);
  const missing = elements.filter((k) => !described.has(k));
  if (missing.length) throw invalid(`${missing.length} of the chosen elements are not in this network`);
  const area = elements.map((k) => described.get(k)?.name).join(", ");
  const subs = (await subscriberSummaries(svc, await subscriberIdsUnder(svc, elements))).filter(
    (s) => s.status === "ACTIVE",
  );
  return { area, subs };
}

/** What scheduling a window on these elements would mean, before it is scheduled. */
export async function previewMaintenance(svc: ServiceContext, raw: { elements: string[] }) {
  const { elements } = previewMaintenanceInput.parse(raw);
  const { area, subs } = await affectedBehind(svc, [...new Set(elements)]);
  return { area, affected: subs.length, business: subs.filter((s) => s.business).length };
}

export async function scheduleMaintenance(svc: ServiceContext, raw: ScheduleMaintenanceInput, now = new Date()) {
  const input = scheduleMaintenanceInput.parse(raw);
  if (input.startsAt <= now) throw invalid("The window must start in the future", { field: "startsAt" });
  const elements = [...new Set(input.elements)];
  const { area, subs } = await affectedBehind(svc, elements);
  const hours = [...new Set(input.noticeHours)].sort((a, b) => b - a);
  return svc.db.$transaction(async (tx) => {
    const window = await tx.maintenanceWindow.create({
      data: {
        tenantId: svc.tenantId,
        title: input.title,
        description: input.description,
        elements,
        area,
        startsAt: input.startsAt,
        endsAt: input.endsAt,
        noticeHours: hours,
        affectedCount: subs.length,
        createdBy: svc.actor.label,
      },
    });
    if (subs.length)
      await tx.maintenanceSubscriber.createMany({
        data: subs.map((s) => ({
          tenantId: svc.tenantId,
          windowId: window.id,
          subscriberId: s.id,
          customerName: s.customerName,
          username: s.username,
          business: s.business,
        })),
      });
    // A notice whose time has passed already (a window scheduled at short notice) goes out now.
    await tx.maintenanceNotice.createMany({
      data: hours.map((h) => ({
        tenantId: svc.tenantId,
        windowId: window.id,
        kind: `${h}h`,
        dueAt: new Date(Math.max(now.getTime(), input.startsAt.getTime() - h * 3_600_000)),
      })),
    });
    await recordAudit(tx, {
      tenantId: svc.tenantId,
      actor: svc.actor,
      action: "maintenance.schedule",
      targetType: "MaintenanceWindow",
      targetId: window.id,
      after: { title: window.title, area, startsAt: window.startsAt, endsAt: window.endsAt, affected: subs.length },
    });
    return window;
  });
}
