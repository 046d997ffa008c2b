// The orchestration module's face: start, preview, follow, retry and cancel workflows (sagas),
// and the invariant checker.
export { checkInvariants, type Orphan } from "./invariants";
export { orchestrationRoutes } from "./rest";
export { orchestrationRouter } from "./router";
export { type SagaType, sagaTypes } from "./sagas";
export {
  cancel,
  getJob,
  type JobView,
  previewSaga,
  retry,
  startSaga,
  subscriberJobs,
  subscribersInFlight,
} from "./service";
