// The orchestration module's face: start, follow, retry and cancel workflows (sagas), and the
// invariant checker.
export { checkInvariants, type Orphan } from "./invariants";
export { startOrPreview } from "./rest";
export { orchestrationRouter } from "./router";
export { SAGA_TYPES, SAGAS, type SagaType } from "./sagas";
export {
  restChangePlanBody,
  restDeprovisionBody,
  restProvisionBody,
  restRestoreBody,
  restSuspendBody,
} from "./schemas";
export {
  cancel,
  getJob,
  type JobView,
  previewSaga,
  restJob,
  restPlan,
  retry,
  startSaga,
  subscriberJobs,
} from "./service";
