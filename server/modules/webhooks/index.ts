// The webhooks module's face: other modules publish events (in their transaction); tenants
// subscribe endpoints; deliveries are signed, retried, logged and replayable.
export { attemptDelivery, DISABLE_AFTER, MAX_ATTEMPTS, RETRY_SCHEDULE, webhooksJobs } from "./deliver";
export {
  createEndpoint,
  deleteEndpoint,
  getEndpoint,
  replayDelivery,
  revealSecret,
  rotateSecret,
  signingSecrets,
  updateEndpoint,
} from "./endpoints";
export {
  publishWebhookEvent,
  publishWebhookEvents,
  WEBHOOK_EVENT_NAMES,
  WEBHOOK_EVENT_TYPES,
  type WebhookEventType,
} from "./events";
export { webhookRoutes } from "./rest";
export { webhooksRouter } from "./router";
export { newWebhookSecret, SIGNATURE_HEADER, signPayload, verifyWebhookSignature } from "./signature";
