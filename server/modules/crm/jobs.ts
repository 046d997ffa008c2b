// The pipeline follows the field: a completed survey makes its lead SURVEYED, a completed
// install makes it WON (provisioning is started by the install itself, in workorders); a
// cancelled install leaves it QUOTED with the reason, to be quoted again.
import { onWorkOrderCancelled, onWorkOrderCompleted } from "@/server/modules/workorders";
import { advanceLead } from "./pipeline";

export const crmJobs = [
  onWorkOrderCompleted("crm-survey-completed", ["SURVEY"], async (svc, order) => {
    if (!order.leadId) return { skipped: "no lead" };
    await advanceLead(svc, order.leadId, "SURVEYED", {
      note: `Site survey completed${order.notes ? `: ${order.notes.slice(0, 500)}` : ""}`,
    });
    return { leadId: order.leadId };
  }),
  onWorkOrderCompleted("crm-install-completed", ["INSTALL"], async (svc, order) => {
    if (!order.leadId) return { skipped: "no lead" };
    await advanceLead(svc, order.leadId, "WON", {
      note: "Installation completed: the service is being provisioned",
      ...(order.customerId ? { customerId: order.customerId } : {}),
      ...(order.subscriberId ? { subscriberId: order.subscriberId } : {}),
    });
    return { leadId: order.leadId };
  }),
  onWorkOrderCancelled("crm-install-cancelled", ["INSTALL"], async (svc, order) => {
    if (!order.leadId) return { skipped: "no lead" };
    await advanceLead(svc, order.leadId, "QUOTED", {
      note: `Installation cancelled${order.reason ? `: ${order.reason.slice(0, 500)}` : ""}. The service was not started and nothing is billed; a new quote can be sent when the customer is ready.`,
    });
    return { leadId: order.leadId };
  }),
];
