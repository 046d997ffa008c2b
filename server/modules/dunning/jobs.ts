// The durable work dunning owns: the daily pass for every active tenant (one step per tenant,
// so a failing tenant does not stop the others and a retry skips the tenants already done),
// the pass for one tenant on demand, and re-checking a customer's cases when billing reports
// that their balance went down.
import { defineJob, enqueueJob } from "@/server/jobs";
import { BALANCE_REDUCED_EVENT } from "@/server/modules/billing";
import { activeTenants } from "@/server/modules/tenancy";
import type { ServiceContext } from "@/server/service-context";
import { onPaymentReceived, runDunning } from "./service";

export const DUNNING_RUN_EVENT = "dunning/run.requested";

/** Runs dunning for this tenant now, in the background (the dunning page's "Run now"). */
export async function requestDunningRun(svc: ServiceContext) {
  await enqueueJob(svc.db, DUNNING_RUN_EVENT, { tenantId: svc.tenantId });
  return { requested: true };
}

const dunningDaily = defineJob({
  id: "dunning-daily",
  name: "Dunning: daily pass",
  trigger: { cron: "0 6 * * *" },
  retries: 2,
  async run({ step, tenant }) {
    const tenants = await step.run("tenants", () => activeTenants());
    const results: Record<string, unknown> = {};
    for (const t of tenants) results[t.id] = await step.run(`dunning-${t.id}`, () => runDunning(tenant(t.id)));
    return results;
  },
});

const dunningOnDemand = defineJob({
  id: "dunning-on-demand",
  name: "Dunning: run now",
  trigger: { event: DUNNING_RUN_EVENT },
  retries: 2,
  async run({ event, step, tenant }) {
    const { tenantId } = event.data as { tenantId: string };
    return step.run("dunning", () => runDunning(tenant(tenantId)));
  },
});

const dunningBalanceReduced = defineJob({
  id: "dunning-balance-reduced",
  name: "Dunning: a customer's balance went down",
  trigger: { event: BALANCE_REDUCED_EVENT },
  retries: 3,
  async run({ event, step, tenant }) {
    const { tenantId, customerId } = event.data as { tenantId: string; customerId: string };
    return step.run("cases", () => onPaymentReceived(tenant(tenantId), customerId));
  },
});

export const dunningJobs = [dunningDaily, dunningOnDemand, dunningBalanceReduced];
