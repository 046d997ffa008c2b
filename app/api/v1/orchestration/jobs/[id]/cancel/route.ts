// POST /api/v1/orchestration/jobs/{id}/cancel — stops a pending or running job; completed steps are undone.
import { cancel, restJob } from "@/server/modules/orchestration";
import { restRoute } from "@/server/rest";

export const POST = restRoute<{ id: string }>("job.manage", async ({ svc, params }) =>
  restJob(await cancel(svc, params.id)),
);
