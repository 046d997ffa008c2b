// Plan change: RADIUS reply attributes (with the plan, one transaction) → CoA on live
// sessions (NAK → Disconnect) → ONU bandwidth profile → billing with proration → notification.
// "next_cycle" changes only billing now (the billing run switches the plan at the cycle).
import { z } from "zod";
import { notFound } from "@/server/errors";
import { changeBillingPlan } from "@/server/modules/billing";
import { applySubscriberBandwidth } from "@/server/modules/network";
import { notify } from "@/server/modules/notifications";
import { applyPlanToSessions } from "@/server/modules/radius";
import { defineSaga } from "@/server/orchestration/saga";
import type { ServiceContext } from "@/server/service-context";
import { changeSubscriberPlan, getSubscriber } from "./service";

export const changePlanInput = z.object({
  subscriberId: z.string().uuid(),
  planId: z.string().uuid(),
  effective: z.enum(["now", "next_cycle"]).default("now"),
  /** The plan before the change (recorded when the job is created; the undo goes back to it). */
  fromPlanId: z.string().uuid().optional(),
});
export type ChangePlanInput = z.infer<typeof changePlanInput>;

async function planOf(svc: ServiceContext, id: string) {
  const plan = await svc.db.plan.findFirst({ where: { id } });
  if (!plan) throw notFound("Plan");
  return plan;
}

export const changePlanSaga = defineSaga<ChangePlanInput>({
  type: "change-plan",
  title: "Change plan",
  input: changePlanInput,
  permission: "subscriber.provision",
  subscriberOf: (input) => input.subscriberId,
  lockKeyOf: (input) => input.subscriberId,
  async prepare(svc, input) {
    const sub = await getSubscriber(svc, input.subscriberId);
    await planOf(svc, input.planId);
    return { ...input, fromPlanId: input.fromPlanId ?? sub.planId };
  },
  steps: [
    {
      name: "plan",
      title: "Change plan and RADIUS reply attributes",
      retries: 3,
      timeoutMs: 10_000,
      skip: (ctx) => ctx.input.effective !== "now",
      do: (ctx) => changeSubscriberPlan(ctx.svc, ctx.input.subscriberId, ctx.input.planId),
      async undo(ctx) {
        if (!ctx.input.fromPlanId) return;
        const back = await changeSubscriberPlan(ctx.svc, ctx.input.subscriberId, ctx.input.fromPlanId);
        // Live sessions were re-rated to the new plan: put them back too.
        if (back.changed) await applyPlanToSessions(ctx.svc, ctx.input.subscriberId);
      },
    },
    {
      name: "coa",
      title: "CoA on live sessions (NAK → Disconnect)",
      retries: 2,
      timeoutMs: 30_000,
      skip: (ctx) => ctx.input.effective !== "now",
      do: (ctx) => applyPlanToSessions(ctx.svc, ctx.input.subscriberId),
    },
    {
      name: "onu",
      title: "ONU bandwidth profile",
      retries: 3,
      timeoutMs: 20_000,
      skip: (ctx) => ctx.input.effective !== "now",
      do: (ctx) => applySubscriberBandwidth(ctx.svc, ctx.input.subscriberId),
      async undo(ctx) {
        if (!ctx.input.fromPlanId) return;
        const from = await planOf(ctx.svc, ctx.input.fromPlanId);
        await applySubscriberBandwidth(ctx.svc, ctx.input.subscriberId, {
          downloadKbps: from.downloadKbps,
          uploadKbps: from.uploadKbps,
        });
      },
    },
    {
      name: "billing",
      title: "Billing change with proration",
      retries: 3,
      timeoutMs: 15_000,
      async do(ctx) {
        const sub = await changeBillingPlan(ctx.svc, ctx.input.subscriberId, ctx.input.planId, ctx.input.effective);
        return { subscriptionId: sub.id, planId: sub.planId, pendingPlanId: sub.pendingPlanId };
      },
      async undo(ctx) {
        if (ctx.input.fromPlanId)
          await changeBillingPlan(ctx.svc, ctx.input.subscriberId, ctx.input.fromPlanId, ctx.input.effective);
      },
    },
    {
      name: "notify",
      title: "Notify the subscriber",
      retries: 2,
      timeoutMs: 15_000,
      optional: true,
      // Changing to the plan it already has (a drift repair) is no change to announce.
      skip: (ctx) => ctx.input.fromPlanId === ctx.input.planId,
      async do(ctx) {
        const [from, to] = await Promise.all([
          planOf(ctx.svc, ctx.input.fromPlanId ?? ctx.input.planId),
          planOf(ctx.svc, ctx.input.planId),
        ]);
        const r = await notify(ctx.svc, {
          subscriberId: ctx.input.subscriberId,
          template: "plan_changed",
          data: {
            oldPlan: from.name,
            newPlan: to.name,
            effective: ctx.input.effective,
            effectiveDate: new Date().toISOString(),
          },
          dedupeKey: `plan_changed:${ctx.jobId}`,
        });
        return { notificationId: r.notificationId };
      },
    },
  ],
});
