// The billing run as a durable function: one step per batch of subscriptions (each batch is
// one transaction: invoices issued, subscriptions advanced), then one step per batch of
// invoice emails. A crash or a redeploy resumes at the next batch; a batch that ran twice
// bills nothing twice (see server/modules/billing/run.ts). A daily cron starts the run for
// every tenant whose billing day it is.
import { inngest } from "@/inngest/client";
import { sendEvent } from "@/inngest/send";
import { db, tenantDb } from "@/server/db";
import {
  billingToday,
  cycleContaining,
  emailRunInvoices,
  finishBillingRun,
  isoDate,
  runBillingBatch,
  startBillingRun,
} from "@/server/modules/billing";
import { type ServiceContext, systemActor } from "@/server/service-context";

export const BILLING_RUN_EVENT = "billing/run.requested";

const svcFor = (tenantId: string): ServiceContext => ({
  tenantId,
  db: tenantDb(tenantId),
  actor: systemActor("billing-run"),
});

export const billingRun = inngest.createFunction(
  {
    id: "billing-run",
    name: "Billing run",
    triggers: [{ event: BILLING_RUN_EVENT }],
    retries: 3,
    concurrency: [{ scope: "env", key: '"billing:" + event.data.tenantId', limit: 1 }],
  },
  async ({ event, step }) => {
    const { tenantId, runId, batchSize } = event.data as { tenantId: string; runId: string; batchSize?: number };
    for (let i = 0; ; i++) {
      const r = await step.run(`batch-${i}`, () =>
        runBillingBatch(svcFor(tenantId), runId, { batchSize: batchSize ?? 1000 }),
      );
      if (r.done) break;
    }
    await step.run("finish", async () => {
      await finishBillingRun(svcFor(tenantId), runId);
    });
    let cursor = 0;
    for (let i = 0; ; i++) {
      const after = cursor;
      const r = await step.run(`email-${i}`, () => emailRunInvoices(svcFor(tenantId), runId, 200, after));
      cursor = r.lastSequence;
      if (r.remaining === 0) break;
    }
    return { runId };
  },
);

export const billingCycleDaily = inngest.createFunction(
  {
    id: "billing-cycle-daily",
    name: "Start billing runs on each tenant's billing day",
    triggers: [{ cron: "0 2 * * *" }],
  },
  async ({ step }) => {
    const tenants = await step.run("tenants", () =>
      db().tenant.findMany({ where: { status: "ACTIVE" }, select: { id: true, billingDay: true } }),
    );
    const started: string[] = [];
    for (const t of tenants) {
      const runId = await step.run(`start-${t.id}`, async () => {
        const svc = svcFor(t.id);
        const today = await billingToday(svc);
        if (isoDate(cycleContaining(today, t.billingDay).start) !== isoDate(today)) return null;
        const run = await startBillingRun(svc, { date: today });
        if (run.status === "COMPLETED") return null;
        await sendEvent(BILLING_RUN_EVENT, { tenantId: t.id, runId: run.id }, { id: `billing-run:${run.id}` });
        return run.id;
      });
      if (runId) started.push(runId);
    }
    return { started };
  },
);
