// The alarms module's face: alarms (TMF642-shaped) raised and cleared from the network event
// log and other sources, acknowledged by people, correlated by the incidents module.
export { type FeedResult, FLAP_CLEARS, FLAP_WINDOW_MS, ingestNetworkEvents } from "./feed";
export {
  type AlarmRow,
  alarmsPage,
  attachAlarmsUnder,
  type CorrelationView,
  correlationView,
  getAlarm,
  incidentAlarmCounts,
  listAlarms,
  moveIncidentAlarms,
} from "./list-alarms";
export { acknowledgeAlarm, clearAlarm, raiseAlarm } from "./raise-alarm";
export { alarmsRouter } from "./router";
export { ALARM_SEVERITIES, ALARM_STATES, type RaiseAlarmInput, raiseAlarmInput } from "./schemas";
