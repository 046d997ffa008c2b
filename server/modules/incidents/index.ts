// The incidents module's face: alarms correlated into incidents with their probable root and
// impact list, notices to the affected, acknowledge and resolve.
export { CORRELATION, type CorrelationResult, correlate } from "./correlate";
export { creditPolicy, grantOutageCredits, setCreditPolicy } from "./credits";
export { handleNetworkEvents } from "./handle-network-events";
export { incidentsJobs } from "./jobs";
export {
  acknowledgeIncident,
  getIncident,
  incidentsAffecting,
  listImpact,
  listIncidents,
  openIncidentCount,
  resolveIncident,
} from "./manage";
export { type IncidentNoticeKind, sendIncidentNotice } from "./notices";
export { openIncidentRepair } from "./open-repair";
export { openIncidentTicket } from "./open-ticket";
export { incidentRoutes } from "./rest";
export { incidentsRouter } from "./router";
export { type CreditPolicyInput, creditPolicyInput, INCIDENT_STATUSES } from "./schemas";
