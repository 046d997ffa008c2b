// One ticket per incident (not per alarm), opened in the support desk for the NOC team.
import { openTicket } from "@/server/modules/tickets";
import type { ServiceContext } from "@/server/service-context";
import { event } from "./correlate";

export async function openIncidentTicket(svc: ServiceContext, incidentId: string) {
  const incident = await svc.db.incident.findFirst({ where: { id: incidentId } });
  if (!incident || incident.ticketId || incident.mergedIntoId) return null;
  const ticket = await openTicket(
    svc,
    {
      subject: `INC-${incident.number}: ${incident.title}`,
      description: `${incident.alarmCount} alarms behind ${incident.rootName}; ${incident.affectedCount} subscribers affected (${incident.businessCount} business). Opened from the NOC incident.`,
      type: "OUTAGE_REPORT",
      priority: incident.severity === "CRITICAL" || incident.businessCount > 0 ? "URGENT" : "HIGH",
      severity: incident.severity === "CRITICAL" ? "CRITICAL" : "MAJOR",
      channel: "SYSTEM",
      incidentId,
      team: "NOC",
      tags: ["incident"],
    },
    { notify: false },
  );
  await svc.db.incident.update({ where: { id: incidentId }, data: { ticketId: ticket.id } });
  await event(svc, incidentId, "ticket", `Support ticket #${ticket.number} opened`);
  return ticket.id;
}
