// POST /api/v1/orchestration/suspend {subscriber_id, reason?, disable_onu?, dry_run?} — the
// suspend-subscriber saga; 202 with the job (same shape as provisioning), or the dry run.
import { restSuspendBody, startOrPreview } from "@/server/modules/orchestration";
import { jsonBody, restRoute } from "@/server/rest";

export const POST = restRoute("subscriber.suspend", async (args) => {
  const b = await jsonBody(args.req, restSuspendBody);
  return startOrPreview(args, "suspend-subscriber", b, {
    subscriberId: b.subscriber_id,
    reason: b.reason,
    disableOnu: b.disable_onu,
  });
});
