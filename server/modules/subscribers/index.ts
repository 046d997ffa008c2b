// The subscribers module's face: subscribers and their service lifecycle
// (pending → provisioning → active ⇄ suspended → terminated).
// Loading the face registers the subscribers' follower of customer edits and the subscriber
// directory notifications reads its recipients from.
import "./counts";
import "./follow-customer";
import "./notification-directory";

export {
  type CancellationInput,
  type CancellationView,
  cancellationInput,
  previewCancellation,
  requestCancellation,
  startDueCancellations,
  subscriberCancellation,
  withdrawCancellation,
} from "./cancellation";
export { type ChangePlanInput, changePlanInput, changePlanSaga } from "./change-plan";
export { type DeprovisionInput, deprovisionInput, deprovisionSubscriberSaga } from "./deprovision-subscriber";
export { endPendingService } from "./end-pending-service";
export { type InventoryService, serviceInventory, serviceOf } from "./inventory";
export { SUBSCRIBER_SAGAS, subscriberJobs } from "./jobs";
export { STATUS_LABELS, SUBSCRIBER_STATUSES } from "./lifecycle";
export { subscriberForNetwork } from "./network-view";
export { type ProvisionInput, provisionInput, provisionSubscriber } from "./provision-subscriber";
export { subscriberRoutes } from "./rest";
export { subscribersRouter } from "./router";
export { type SubscriberIntent, subscriberIntents } from "./scan";
export { type CreateSubscriberInput, createSubscriberInput } from "./schemas";
export { subscriberIdsMatching } from "./search";
export {
  DEMO_BNG,
  seedDunningDemoSubscriber,
  seedSubscriberAddresses,
  seedSubscriberBilling,
  seedSubscriberOnus,
  seedSubscribers,
} from "./seed";
export {
  createSubscriber,
  findSubscriberByUsername,
  firstLiveSubscriberOf,
  getSubscriber,
  liveCpeCredentials,
  SUBSCRIBER_TERMINATED_EVENT,
  type SubscriberTerminated,
  transitionSubscriber,
  updateSubscriber,
} from "./service";
export { type CustomerService, type SubscriberSummary, servicesOfCustomers, subscriberSummaries } from "./summaries";
export {
  type RestoreInput,
  restoreInput,
  restoreSubscriberSaga,
  type SuspendInput,
  suspendInput,
  suspendSubscriberSaga,
} from "./suspend-restore";
