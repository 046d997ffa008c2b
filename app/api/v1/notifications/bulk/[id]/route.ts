// GET /api/v1/notifications/bulk/{job_id} — a bulk send's status and progress.
import { notFound } from "@/server/errors";
import { restBulkJob } from "@/server/modules/notifications";
import { restRoute } from "@/server/rest";

export const dynamic = "force-dynamic";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const GET = restRoute<{ id: string }>("notification.read", async ({ svc, params }) => {
  if (!UUID.test(params.id)) throw notFound("Bulk notification");
  return restBulkJob(svc, params.id);
});
