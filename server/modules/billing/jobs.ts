// The durable work billing owns. The billing run: one step per batch of subscriptions (each
// batch is one transaction: invoices issued, subscriptions advanced), then one step per batch
// of invoice emails; a crash or a redeploy resumes at the next batch, and a batch that ran
// twice bills nothing twice (./run.ts). A daily cron starts the run for every tenant whose
// billing day it is.
import { defineJob, enqueueJob } from "@/server/jobs";
import { activeTenants } from "@/server/modules/tenancy";
import type { ServiceContext } from "@/server/service-context";
import { billingToday } from "./clock";
import { BILLING_RUN_EVENT } from "./events";
import { cycleContaining, isoDate } from "./money";
import { finishBillingRun, runBillingBatch, startBillingRun } from "./run";
import { emailRunInvoices } from "./service";

/** Starts (or resumes) the run for the cycle containing `date` in the background. */
export async function requestBillingRun(svc: ServiceContext, input: { date?: Date; batchSize?: number } = {}) {
  const run = await startBillingRun(svc, { date: input.date });
  if (run.status === "COMPLETED") return run;
  if (run.status === "FAILED")
    await svc.db.billingRun.update({ where: { id: run.id }, data: { status: "RUNNING", error: null } });
  await enqueueJob(
    svc.db,
    BILLING_RUN_EVENT,
    { tenantId: svc.tenantId, runId: run.id, batchSize: input.batchSize ?? 1000 },
    { id: `billing-run:${run.id}:${Date.now()}` },
  );
  return run;
}

const billingRun = defineJob({
  id: "billing-run",
  name: "Billing run",
  trigger: { event: BILLING_RUN_EVENT },
  retries: 3,
  concurrency: { scope: "env", key: '"billing:" + event.data.tenantId', limit: 1 },
  async run({ event, step, tenant }) {
    const { tenantId, runId, batchSize } = event.data as { tenantId: string; runId: string; batchSize?: number };
    const svc = tenant(tenantId);
    for (let i = 0; ; i++) {
      const r = await step.run(`batch-${i}`, () => runBillingBatch(svc, runId, { batchSize: batchSize ?? 1000 }));
      if (r.done) break;
    }
    await step.run("finish", async () => {
      await finishBillingRun(svc, runId);
    });
    let cursor = 0;
    for (let i = 0; ; i++) {
      const after = cursor;
      const r = await step.run(`email-${i}`, () => emailRunInvoices(svc, runId, 200, after));
      cursor = r.lastSequence;
      if (r.remaining === 0) break;
    }
    return { runId };
  },
});

const billingCycleDaily = defineJob({
  id: "billing-cycle-daily",
  name: "Start billing runs on each tenant's billing day",
  trigger: { cron: "0 2 * * *" },
  async run({ step, tenant }) {
    const tenants = await step.run("tenants", () => activeTenants());
    const started: string[] = [];
    for (const t of tenants) {
      const runId = await step.run(`start-${t.id}`, async () => {
        const svc = tenant(t.id);
        const today = await billingToday(svc);
        if (isoDate(cycleContaining(today, t.billingDay).start) !== isoDate(today)) return null;
        const run = await startBillingRun(svc, { date: today });
        if (run.status === "COMPLETED") return null;
        await enqueueJob(svc.db, BILLING_RUN_EVENT, { tenantId: t.id, runId: run.id }, { id: `billing-run:${run.id}` });
        return run.id;
      });
      if (runId) started.push(runId);
    }
    return { started };
  },
});

export const billingJobs = [billingRun, billingCycleDaily];
