// POST /api/v1/orchestration/change-plan {subscriber_id, service_plan_id, effective?, dry_run?}
// — the change-plan saga ("now": RADIUS, CoA, ONU profile, prorated billing; "next_cycle":
// billing from the next cycle); 202 with the job, or the dry run (with the proration).
import { restChangePlanBody, startOrPreview } from "@/server/modules/orchestration";
import { jsonBody, restRoute } from "@/server/rest";

export const POST = restRoute("subscriber.provision", async (args) => {
  const b = await jsonBody(args.req, restChangePlanBody);
  return startOrPreview(args, "change-plan", b, {
    subscriberId: b.subscriber_id,
    planId: b.service_plan_id,
    effective: b.effective,
  });
});
