// GET /api/v1/orchestration/jobs/{id} — the job with its steps' status.
import { getJob, restJob } from "@/server/modules/orchestration";
import { restRoute } from "@/server/rest";

export const GET = restRoute<{ id: string }>("job.read", async ({ svc, params }) =>
  restJob(await getJob(svc, params.id)),
);
