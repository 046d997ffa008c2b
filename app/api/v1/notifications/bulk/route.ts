// POST /api/v1/notifications/bulk {subscriber_ids | filter, template, channels, data, schedule_at?}
// — schedules a bulk send (rate limited, resumable). Answers 202 with the job; poll
// GET /api/v1/notifications/bulk/{job_id} for progress. `Idempotency-Key` makes a retry
// return the same job.
import { restBulk, restBulkBody } from "@/server/modules/notifications";
import { jsonBody, restRoute } from "@/server/rest";

export const dynamic = "force-dynamic";

export const POST = restRoute("notification.bulk", async ({ svc, req, idempotencyKey }) =>
  Response.json(await restBulk(svc, await jsonBody(req, restBulkBody), idempotencyKey), { status: 202 }),
);
