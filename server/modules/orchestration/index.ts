// The orchestration module's face: start, follow, retry and cancel workflows (sagas), and the
// invariant checker.
export { checkInvariants, type Orphan } from "./invariants";
export { orchestrationRouter } from "./router";
export { SAGA_TYPES, SAGAS, type SagaType } from "./sagas";
export { restProvisionBody } from "./schemas";
export {
  cancel,
  getJob,
  type JobView,
  restJob,
  retry,
  startSaga,
  subscriberJobs,
  subscribersInFlight,
} from "./service";
