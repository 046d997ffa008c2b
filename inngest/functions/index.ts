// Every Inngest function of the platform, served at /api/inngest and run by the embedded
// executor when no Inngest server is configured. Each module appends its functions.
import type { InngestFunction } from "inngest";
import { billingCycleDaily, billingRun } from "./billing-run";
import { dunningDaily, dunningOnDemand } from "./dunning-daily";
import { notificationsBulk } from "./notifications-bulk";
import { notificationsDispatch } from "./notifications-dispatch";
import { orchestrationFunctions } from "./orchestration-sagas";
import { radiusStaleSessions } from "./radius-stale-sessions";

export const functions: InngestFunction.Any[] = [
  billingRun,
  billingCycleDaily,
  dunningDaily,
  dunningOnDemand,
  ...orchestrationFunctions,
  notificationsBulk,
  notificationsDispatch,
  radiusStaleSessions,
];
