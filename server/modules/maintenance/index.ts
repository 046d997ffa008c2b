// The maintenance module's face: planned maintenance windows on plant elements, their affected
// subscribers and notices; which window covers an element now (alarms there open no incident)
// and which windows a subscriber's portal shows; the window a new ticket is linked to.
export { maintenanceJobs } from "./jobs";
export { moveMaintenance } from "./lifecycle";
export { sendDueMaintenanceNotices, sendMaintenanceNotice } from "./notices";
export {
  getMaintenance,
  listAffected,
  listMaintenance,
  maintenanceAffecting,
  maintenanceCovering,
  maintenanceForSubscriber,
  maintenanceSummary,
} from "./queries";
export { maintenanceRouter } from "./router";
export { scheduleMaintenance } from "./schedule";
export { MAINTENANCE_STATUSES, type ScheduleMaintenanceInput, scheduleMaintenanceInput } from "./schemas";
