// The durable work the subscribers module owns: the subscriber lifecycle's sagas, each run as
// a job (server/orchestration/saga-job.ts), and the search text that follows customer edits.
import { defineJob } from "@/server/jobs";
import { CUSTOMER_CHANGED_EVENT } from "@/server/modules/customers";
import type { Saga } from "@/server/orchestration/saga";
import { sagaJob } from "@/server/orchestration/saga-job";
import { changePlanSaga } from "./change-plan";
import { deprovisionSubscriberSaga } from "./deprovision-subscriber";
import { provisionSubscriber } from "./provision-subscriber";
import { refreshSubscriberSearch } from "./search";
import { restoreSubscriberSaga, suspendSubscriberSaga } from "./suspend-restore";

export const SUBSCRIBER_SAGAS = {
  "provision-subscriber": provisionSubscriber,
  "suspend-subscriber": suspendSubscriberSaga,
  "restore-subscriber": restoreSubscriberSaga,
  "change-plan": changePlanSaga,
  "deprovision-subscriber": deprovisionSubscriberSaga,
} as const;

const searchFollowsCustomer = defineJob({
  id: "subscriber-search-follows-customer",
  name: "Refresh subscribers' search text after a customer edit",
  trigger: { event: CUSTOMER_CHANGED_EVENT },
  async run({ event, step, tenant }) {
    const { tenantId, customerId, serviceAddressId } = event.data as {
      tenantId: string;
      customerId?: string;
      serviceAddressId?: string;
    };
    const where = customerId ? { customerId } : { serviceAddressId };
    const refreshed = await step.run("refresh", () => refreshSubscriberSearch(tenant(tenantId).db, where));
    return { refreshed };
  },
});

export const subscriberJobs = [
  ...Object.values(SUBSCRIBER_SAGAS).map((saga) => sagaJob(saga as unknown as Saga<unknown>)),
  searchFollowsCustomer,
];
