// The orchestration module's face: start, preview, follow, retry and cancel workflows (sagas).
// (What a half-finished workflow leaves behind is found by the drift module.)
export { orchestrationRoutes } from "./rest";
export { orchestrationRouter } from "./router";
export { type SagaType, sagaTypes } from "./sagas";
export {
  cancel,
  getJob,
  type JobView,
  jobQueueFigures,
  previewSaga,
  retry,
  startSaga,
  subscriberJobs,
  subscribersInFlight,
} from "./service";
