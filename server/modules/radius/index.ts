// The RADIUS module's face: a subscriber's RADIUS rows, plan groups, NAS clients, live
// sessions and CoA/Disconnect.
export {
  type AccountingWindow,
  accountedBytes,
  accountedBytesPerDay,
  type FinishedSession,
  recordFinishedSessions,
  sessionCountWithIdPrefix,
} from "./accounting";
export { radiusActivity } from "./activity";
export { sendDaeRequest } from "./dae-client";
export { radiusJobs } from "./jobs";
export { createNas, ensureNas, getNas } from "./nas";
export { type NasReload, nasReloadsSince } from "./nas-reloads";
export {
  applyPlanToSessions,
  disconnectSubscriberSessions,
  previewRadius,
  provisionRadius,
  type RadiusRowsView,
  removeRadius,
  subscriberRadiusRows,
} from "./provisioning";
export {
  isNasVendor,
  NAS_VENDOR_LABELS,
  NAS_VENDORS,
  type NasVendor,
  type RateProfile,
  type ReplyAttribute,
  radiusAttributeName,
  renderRateAttributes,
} from "./radius-profile";
export { radiusRouter } from "./router";
export {
  deletePlanGroups,
  deleteSubscriberRadius,
  hasSubscriberRadius,
  planGroupName,
  type RadiusSubscriber,
  suspensionModeOf,
  syncPlanGroups,
  writeSubscriberRadius,
} from "./rows";
export {
  emptyRadiusState,
  intendedRadiusGroups,
  type OpenSessionState,
  parseSessionClass,
  type RadiusState,
  radiusStates,
  radiusSuspensionMode,
  sessionClassFor,
} from "./scan";
export { cleanupStaleSessions, subscriberLiveSessions, usagePerDay } from "./sessions";
