// The durable work the subscribers module owns: the subscriber lifecycle's sagas, each run as
// a job (server/orchestration/saga-job.ts).
import type { Saga } from "@/server/orchestration/saga";
import { sagaJob } from "@/server/orchestration/saga-job";
import { changePlanSaga } from "./change-plan";
import { deprovisionSubscriberSaga } from "./deprovision-subscriber";
import { provisionSubscriber } from "./provision-subscriber";
import { restoreSubscriberSaga, suspendSubscriberSaga } from "./suspend-restore";

export const SUBSCRIBER_SAGAS = {
  "provision-subscriber": provisionSubscriber,
  "suspend-subscriber": suspendSubscriberSaga,
  "restore-subscriber": restoreSubscriberSaga,
  "change-plan": changePlanSaga,
  "deprovision-subscriber": deprovisionSubscriberSaga,
} as const;

export const subscriberJobs = Object.values(SUBSCRIBER_SAGAS).map((saga) => sagaJob(saga as unknown as Saga<unknown>));
