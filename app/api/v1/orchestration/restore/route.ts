// POST /api/v1/orchestration/restore {subscriber_id, enable_onu?, dry_run?} — the
// restore-subscriber saga; 202 with the job, or the dry run.
import { restRestoreBody, startOrPreview } from "@/server/modules/orchestration";
import { jsonBody, restRoute } from "@/server/rest";

export const POST = restRoute("subscriber.suspend", async (args) => {
  const b = await jsonBody(args.req, restRestoreBody);
  return startOrPreview(args, "restore-subscriber", b, { subscriberId: b.subscriber_id, enableOnu: b.enable_onu });
});
