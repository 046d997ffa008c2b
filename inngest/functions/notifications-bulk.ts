// Runs a scheduled bulk notification: materialise the recipients once, then send in rate-limited
// rounds (each step sends for up to 30 s). A crashed step is retried; the job's own rows make
// the retry resume where it stopped without sending anything twice.
import { tenantDb } from "@/server/db";
import { BULK_EVENT, materializeBulkJob, runBulkFor } from "@/server/modules/notifications";
import { systemActor } from "@/server/service-context";
import { inngest } from "../client";

export const notificationsBulk = inngest.createFunction(
  {
    id: "notifications-bulk",
    triggers: [{ event: BULK_EVENT }],
    retries: 5,
    concurrency: [{ scope: "fn", key: "event.data.jobId", limit: 1 }],
  },
  async ({ event, step }) => {
    const { tenantId, jobId } = event.data as { tenantId: string; jobId: string };
    const svc = { tenantId, db: tenantDb(tenantId), actor: systemActor("notifications-bulk") };
    await step.run("materialise", () => materializeBulkJob(svc, jobId));
    for (let round = 0; round < 10_000; round++) {
      const r = await step.run(`send-${round}`, () => runBulkFor(svc, jobId, { budgetMs: 30_000 }));
      if (r.done) return { jobId, status: r.status, rounds: round + 1 };
      // Nothing could be sent (e.g. all left are waiting for quiet hours): look again later.
      if (r.processed === 0) await step.sleep(`wait-${round}`, "1m");
    }
    return { jobId, status: "RUNNING", rounds: 10_000 };
  },
);
