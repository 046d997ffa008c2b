// POST /api/v1/orchestration/jobs/{id}/retry — runs a rolled-back, failed or cancelled job again.
import { restJob, retry } from "@/server/modules/orchestration";
import { restRoute } from "@/server/rest";

export const POST = restRoute<{ id: string }>("job.manage", async ({ svc, params }) =>
  restJob(await retry(svc, params.id)),
);
