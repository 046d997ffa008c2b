// One repair work order per incident for a technician (the workorders module's), linked to the
// incident and its ticket; the dispatcher assigns it.
import { createWorkOrder, workOrderNumber } from "@/server/modules/workorders";
import type { ServiceContext } from "@/server/service-context";
import { event } from "./correlate";

export async function openIncidentRepair(svc: ServiceContext, incidentId: string) {
  const incident = await svc.db.incident.findFirst({ where: { id: incidentId } });
  if (!incident || incident.repairWorkOrderId || incident.mergedIntoId || incident.status === "RESOLVED") return null;
  const order = await createWorkOrder(svc, {
    type: "REPAIR",
    title: `INC-${incident.number}: ${incident.title}`,
    description: `Find and repair the fault behind ${incident.rootName}: ${incident.alarmCount} alarms, ${incident.affectedCount} subscribers without service (${incident.businessCount} business).`,
    priority: incident.severity === "CRITICAL" || incident.businessCount > 0 ? "URGENT" : "HIGH",
    incidentId,
    ticketId: incident.ticketId ?? undefined,
  });
  await svc.db.incident.update({ where: { id: incidentId }, data: { repairWorkOrderId: order.id } });
  await event(svc, incidentId, "work_order", `Repair work order ${workOrderNumber(order.number)} opened`);
  return order.id;
}
