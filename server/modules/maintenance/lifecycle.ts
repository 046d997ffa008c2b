// A window's life: scheduled → in progress (started) → completed; or cancelled before it starts.
// Starting and completing tell the affected subscribers.
import { conflict, notFound } from "@/server/errors";
import type { MaintenanceStatus } from "@/server/generated/prisma/client";
import { recordAudit } from "@/server/modules/audit";
import type { ServiceContext } from "@/server/service-context";
import { sendMaintenanceNotice } from "./notices";

const MOVES: Record<string, { from: MaintenanceStatus[]; to: MaintenanceStatus; notice?: string }> = {
  start: { from: ["SCHEDULED"], to: "IN_PROGRESS", notice: "started" },
  complete: { from: ["IN_PROGRESS"], to: "COMPLETED", notice: "completed" },
  cancel: { from: ["SCHEDULED"], to: "CANCELLED" },
};

export async function moveMaintenance(
  svc: ServiceContext,
  id: string,
  action: "start" | "complete" | "cancel",
  now = new Date(),
) {
  const move = MOVES[action];
  const window = await svc.db.maintenanceWindow.findFirst({ where: { id } });
  if (!window) throw notFound("Maintenance window");
  if (window.status === move.to) return window;
  if (!move.from.includes(window.status))
    throw conflict(
      `A ${window.status.toLowerCase().replace("_", " ")} window cannot be ${action === "start" ? "started" : `${action}d`}`,
    );
  const updated = await svc.db.$transaction(async (tx) => {
    const w = await tx.maintenanceWindow.update({
      where: { id },
      data: {
        status: move.to,
        ...(action === "start" ? { startedAt: now } : {}),
        ...(action === "complete" ? { completedAt: now } : {}),
      },
    });
    await recordAudit(tx, {
      tenantId: svc.tenantId,
      actor: svc.actor,
      action: `maintenance.${action}`,
      targetType: "MaintenanceWindow",
      targetId: id,
      before: { status: window.status },
      after: { status: move.to },
    });
    return w;
  });
  if (move.notice) await sendMaintenanceNotice(svc, id, move.notice, now);
  return updated;
}
