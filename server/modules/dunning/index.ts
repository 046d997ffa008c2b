// The dunning module's face: the per-tenant policy and the daily pass over overdue
// subscriptions; payments tell it when a balance is settled.
export { DUNNING_RUN_EVENT, dunningJobs, requestDunningRun } from "./jobs";
export { dunningRouter } from "./router";
export { DEFAULT_DUNNING_STEPS, DUNNING_ACTIONS, type DunningStep, dunningSteps } from "./schemas";
export { onPaymentReceived, runDunning } from "./service";
