// The J6 pipeline after the network records events: alarms from the event log, correlation
// into incidents, then per new incident one ticket, one repair work order and the NOC's inbox,
// the notices of incidents that opened or resolved, and the SLA credits of resolved ones.
import { ingestNetworkEvents } from "@/server/modules/alarms";
import type { ServiceContext } from "@/server/service-context";
import { correlate } from "./correlate";
import { grantOutageCredits } from "./credits";
import { notifyNocOfIncident, sendIncidentNotice } from "./notices";
import { openIncidentRepair } from "./open-repair";
import { openIncidentTicket } from "./open-ticket";

export async function handleNetworkEvents(svc: ServiceContext, now = new Date()) {
  const alarms = await ingestNetworkEvents(svc);
  const incidents = await correlate(svc, now);
  // Outside the correlation's lock, and each incident's follow-up independent of the others':
  // a storm opening many incidents at once must not hold up the next round in a queue.
  await Promise.all([
    ...incidents.opened.map(async (id) => {
      await openIncidentTicket(svc, id);
      await openIncidentRepair(svc, id);
      await notifyNocOfIncident(svc, id);
      await sendIncidentNotice(svc, id, "outage");
    }),
    ...incidents.resolved.map(async (id) => {
      await sendIncidentNotice(svc, id, "restoration");
      await grantOutageCredits(svc, id);
    }),
  ]);
  return { alarms, incidents };
}
