// Starts a bulk job's Inngest run at its scheduled time (in the caller's transaction when the
// embedded executor is used, so the run exists if and only if the job does).

import { sendEvent } from "@/inngest/send";
import type { DbTx } from "@/server/db";
import { BULK_EVENT } from "./bulk";

export async function scheduleBulkJob(job: { id: string; tenantId: string; scheduleAt: Date }, tx: unknown) {
  await sendEvent(
    BULK_EVENT,
    { tenantId: job.tenantId, jobId: job.id },
    { id: `notifications-bulk-${job.id}`, ts: job.scheduleAt, tx: tx as DbTx },
  );
}
