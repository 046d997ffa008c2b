// The notifications module's face: notify a subscriber, contact or staff member on their
// channels, bulk sends, delivery webhooks and the REST handlers.
export { BULK_EVENT, createBulkJob, materializeBulkJob, runBulkFor } from "./bulk";
export { appUrl } from "./channels";
export {
  provideSubscriberDirectory,
  type SubscriberContact,
  type SubscriberDirectory,
  type SubscriberFilter,
} from "./directory";
export { notificationsJobs } from "./jobs";
export { notificationRoutes } from "./rest";
export { notificationsRouter } from "./router";
export { seedMaintenanceOptOut, seedNotifications } from "./seed";
export {
  dispatchDueDeliveries,
  type NotifyInput,
  type NotifyResult,
  notify,
  notifyContact,
  notifyStaff,
  type TemplateData,
} from "./service";
export { recordTwilioStatus } from "./webhooks";
