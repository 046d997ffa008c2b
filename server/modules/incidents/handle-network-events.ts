// The J6 pipeline after the network records events: alarms from the event log, correlation
// into incidents, then one ticket per new incident, the NOC's inbox, and the notices of incidents that opened
// or resolved.
import { ingestNetworkEvents } from "@/server/modules/alarms";
import type { ServiceContext } from "@/server/service-context";
import { correlate } from "./correlate";
import { notifyNocOfIncident, sendOutageNotice, sendRestorationNotice } from "./notices";
import { openIncidentTicket } from "./open-ticket";

export async function handleNetworkEvents(svc: ServiceContext, now = new Date()) {
  const alarms = await ingestNetworkEvents(svc);
  const incidents = await correlate(svc, now);
  for (const id of incidents.opened) {
    await openIncidentTicket(svc, id);
    await notifyNocOfIncident(svc, id);
    await sendOutageNotice(svc, id);
  }
  for (const id of incidents.resolved) await sendRestorationNotice(svc, id);
  return { alarms, incidents };
}
