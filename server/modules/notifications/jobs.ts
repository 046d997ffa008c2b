// The durable work notifications owns: scheduled bulk sends, and every minute the deliveries
// that waited for the end of quiet hours.
import { defineJob } from "@/server/jobs";
import { BULK_EVENT, materializeBulkJob, runBulkFor } from "./bulk";
import { dispatchDueDeliveries } from "./service";

// Materialise the recipients once, then send in rate-limited rounds (each step sends for up to
// 30 s). A crashed step is retried; the job's own rows make the retry resume where it stopped
// without sending anything twice.
const notificationsBulk = defineJob({
  id: "notifications-bulk",
  trigger: { event: BULK_EVENT },
  retries: 5,
  concurrency: { scope: "fn", key: "event.data.jobId", limit: 1 },
  async run({ event, step, tenant }) {
    const { tenantId, jobId } = event.data as { tenantId: string; jobId: string };
    const svc = tenant(tenantId);
    await step.run("materialise", () => materializeBulkJob(svc, jobId));
    for (let round = 0; round < 10_000; round++) {
      const r = await step.run(`send-${round}`, () => runBulkFor(svc, jobId, { budgetMs: 30_000 }));
      if (r.done) return { jobId, status: r.status, rounds: round + 1 };
      // Nothing could be sent (e.g. all left are waiting for quiet hours): look again later.
      if (r.processed === 0) await step.sleep(`wait-${round}`, "1m");
    }
    return { jobId, status: "RUNNING", rounds: 10_000 };
  },
});

const notificationsDispatch = defineJob({
  id: "notifications-dispatch",
  trigger: { cron: "* * * * *" },
  retries: 2,
  run: ({ step, tenant }) => step.run("dispatch-due", () => dispatchDueDeliveries(tenant)),
});

export const notificationsJobs = [notificationsBulk, notificationsDispatch];
