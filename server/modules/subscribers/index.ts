// The subscribers module's face: subscribers and their service lifecycle
// (pending → provisioning → active ⇄ suspended → terminated).
export { STATUS_LABELS, SUBSCRIBER_STATUSES } from "./lifecycle";
export { subscribersRouter } from "./router";
export { type CreateSubscriberInput, createSubscriberInput } from "./schemas";
export { refreshSubscriberSearch } from "./search";
export { DEMO_BNG, seedSubscribers } from "./seed";
export { changeSubscriberPlan, createSubscriber, getSubscriber, transitionSubscriber } from "./service";
