// POST /api/v1/orchestration/deprovision {subscriber_id, reason?, end_billing_on?, dry_run?} —
// the deprovision-subscriber saga (teardown, final invoice); 202 with the job, or the dry run.
import { restDeprovisionBody, startOrPreview } from "@/server/modules/orchestration";
import { jsonBody, restRoute } from "@/server/rest";

export const POST = restRoute("subscriber.terminate", async (args) => {
  const b = await jsonBody(args.req, restDeprovisionBody);
  return startOrPreview(args, "deprovision-subscriber", b, {
    subscriberId: b.subscriber_id,
    reason: b.reason,
    endBillingOn: b.end_billing_on,
  });
});
