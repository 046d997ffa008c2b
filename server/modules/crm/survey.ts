// Site surveys: a SURVEY work order for the lead's address (the workorders module runs it);
// its completion moves the lead to SURVEYED, and the completed install makes the lead WON
// (jobs.ts).
import { invalid } from "@/server/errors";
import { getAddress } from "@/server/modules/addresses";
import { createWorkOrder } from "@/server/modules/workorders";
import type { ServiceContext } from "@/server/service-context";
import { addActivity, getLead } from "./pipeline";

export async function scheduleSurvey(
  svc: ServiceContext,
  input: { leadId: string; assigneeId?: string; windowStart?: Date; windowEnd?: Date; notes?: string },
) {
  const lead = await getLead(svc, input.leadId);
  if (!lead.addressId) throw invalid("Add the lead's address before scheduling a survey");
  if (lead.stage === "WON" || lead.stage === "LOST") throw invalid(`This lead is ${lead.stage.toLowerCase()}`);
  const address = await getAddress(svc, lead.addressId);
  const order = await createWorkOrder(svc, {
    type: "SURVEY",
    title: `Site survey for ${lead.name} (L-${lead.number})`,
    description: input.notes ?? "",
    leadId: lead.id,
    addressText: lead.addressLabel,
    ...(address?.latitude != null && address.longitude != null
      ? { latitude: address.latitude, longitude: address.longitude }
      : {}),
    assigneeId: input.assigneeId,
    windowStart: input.windowStart,
    windowEnd: input.windowEnd,
  });
  await addActivity(svc, { leadId: lead.id, kind: "NOTE", body: `Site survey scheduled (work order ${order.number})` });
  return order;
}
