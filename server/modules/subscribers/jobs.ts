// The durable work the subscribers module owns: the subscriber lifecycle's sagas, each run as
// a job (server/orchestration/saga-job.ts), and starting the cancellations whose day has come.
import { defineJob } from "@/server/jobs";
import { activeTenants } from "@/server/modules/tenancy";
import type { Saga } from "@/server/orchestration/saga";
import { sagaJob } from "@/server/orchestration/saga-job";
import { startDueCancellations } from "./cancellation";
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

// Hourly, so a cancellation starts within the first hour of its day (each tenant's billing
// clock decides which day it is); one step per tenant.
const dueCancellations = defineJob({
  id: "subscribers-due-cancellations",
  name: "Subscribers: start the cancellations due today",
  trigger: { cron: "5 * * * *" },
  retries: 2,
  async run({ step, tenant }) {
    const tenants = await step.run("tenants", () => activeTenants());
    const results: Record<string, unknown> = {};
    for (const t of tenants)
      results[t.id] = await step.run(`cancellations-${t.id}`, () => startDueCancellations(tenant(t.id)));
    return results;
  },
});

export const subscriberJobs = [
  ...Object.values(SUBSCRIBER_SAGAS).map((saga) => sagaJob(saga as unknown as Saga<unknown>)),
  dueCancellations,
];
