// Plan change: RADIUS reply attributes (with the plan, one transaction) → CoA on live
// sessions (NAK → Disconnect) → ONU bandwidth profile → billing with proration → notification.
// "next_cycle" changes only billing now (the billing run switches the plan at the cycle).
import { z } from "zod";
import { invalid, notFound } from "@/server/errors";
import { changeBillingPlan, formatMoney, previewBillingPlanChange } from "@/server/modules/billing";
import { getPlan } from "@/server/modules/catalog";
import { applySubscriberBandwidth, subscriberNetwork } from "@/server/modules/network";
import { notify } from "@/server/modules/notifications";
import { applyPlanToSessions, previewRadius, subscriberLiveSessions } from "@/server/modules/radius";
import { defineSaga } from "@/server/orchestration/saga";
import type { ServiceContext } from "@/server/service-context";
import { subscriberForNetwork } from "./network-view";
import { changeSubscriberPlan, getSubscriber } from "./service";

const rate = (p: { downloadKbps: number; uploadKbps: number }) =>
  `${p.downloadKbps / 1000}/${p.uploadKbps / 1000} Mbit/s`;

export const changePlanInput = z.object({
  subscriberId: z.string().uuid(),
  planId: z.string().uuid(),
  effective: z.enum(["now", "next_cycle"]).default("now"),
  /** The plan before the change (recorded when the job is created; the undo goes back to it). */
  fromPlanId: z.string().uuid().optional(),
});
export type ChangePlanInput = z.infer<typeof changePlanInput>;

const planOf = (svc: ServiceContext, id: string) => getPlan(svc, id);

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
      async plan(ctx) {
        const [sub, to] = await Promise.all([
          getSubscriber(ctx.svc, ctx.input.subscriberId),
          planOf(ctx.svc, ctx.input.planId),
        ]);
        if (sub.status === "TERMINATED") throw invalid("This subscriber is terminated; it can no longer be changed");
        if (sub.planId === to.id) return { summary: `${sub.username} is already on ${to.name}`, noChange: true };
        if (!to.active) throw invalid(`Plan ${to.name} is retired; choose an active plan`);
        const rows = await previewRadius(ctx.svc, { ...sub, planId: to.id });
        return {
          summary: `Move ${sub.username} from ${sub.plan.name} to ${to.name}: RADIUS groups of the new plan (${rate(to)})`,
          details: { fromPlanId: sub.planId, toPlanId: to.id, ...rows },
        };
      },
      do: (ctx) => changeSubscriberPlan(ctx.svc, ctx.input.subscriberId, ctx.input.planId),
      async undo(ctx) {
        if (!ctx.input.fromPlanId) return;
        const back = await changeSubscriberPlan(ctx.svc, ctx.input.subscriberId, ctx.input.fromPlanId);
        // Live sessions were re-rated to the new plan: put them back too.
        if (back.changed)
          await applyPlanToSessions(ctx.svc, ctx.input.subscriberId, await planOf(ctx.svc, ctx.input.fromPlanId));
      },
    },
    {
      name: "coa",
      title: "CoA on live sessions (NAK → Disconnect)",
      retries: 2,
      timeoutMs: 30_000,
      skip: (ctx) => ctx.input.effective !== "now",
      async plan(ctx) {
        const [sessions, to] = await Promise.all([
          subscriberLiveSessions(ctx.svc, ctx.input.subscriberId),
          planOf(ctx.svc, ctx.input.planId),
        ]);
        if (!sessions.length)
          return { summary: "No live session: the new rate applies at the next authentication", noChange: true };
        return {
          summary: `Send a CoA-Request with ${rate(to)} to ${sessions.length} live session${sessions.length > 1 ? "s" : ""}; a NAK or timeout falls back to a Disconnect`,
          details: { sessions: sessions.map((x) => ({ nasIp: x.nasIp, sessionId: x.acctUniqueId })) },
        };
      },
      do: async (ctx) => applyPlanToSessions(ctx.svc, ctx.input.subscriberId, await planOf(ctx.svc, ctx.input.planId)),
    },
    {
      name: "onu",
      title: "ONU bandwidth profile",
      retries: 3,
      timeoutMs: 20_000,
      skip: (ctx) => ctx.input.effective !== "now",
      async plan(ctx) {
        const [{ onu }, to] = await Promise.all([
          subscriberNetwork(ctx.svc, ctx.input.subscriberId),
          planOf(ctx.svc, ctx.input.planId),
        ]);
        if (!onu) return { summary: "The subscriber has no active ONU: nothing to change", noChange: true };
        if (onu.downstreamKbps === to.downloadKbps && onu.upstreamKbps === to.uploadKbps)
          return { summary: `ONU ${onu.serialNumber} already has the ${rate(to)} profile`, noChange: true };
        return {
          summary: `Set ONU ${onu.serialNumber}'s bandwidth profile to ${rate(to)}`,
          details: {
            serialNumber: onu.serialNumber,
            from: { downstreamKbps: onu.downstreamKbps, upstreamKbps: onu.upstreamKbps },
            to: { downstreamKbps: to.downloadKbps, upstreamKbps: to.uploadKbps },
          },
        };
      },
      do: async (ctx) => applySubscriberBandwidth(ctx.svc, await subscriberForNetwork(ctx.svc, ctx.input.subscriberId)),
      async undo(ctx) {
        if (!ctx.input.fromPlanId) return;
        const from = await planOf(ctx.svc, ctx.input.fromPlanId);
        await applySubscriberBandwidth(ctx.svc, await subscriberForNetwork(ctx.svc, ctx.input.subscriberId), {
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
      async plan(ctx) {
        const preview = await previewBillingPlanChange(
          ctx.svc,
          ctx.input.subscriberId,
          ctx.input.planId,
          ctx.input.effective,
        );
        if (!preview) throw notFound("Active billing subscription");
        if (preview.effective === "next_cycle")
          return {
            summary: `Bill ${preview.toPlan.name} from the next cycle (${preview.effectiveOn})`,
            details: preview,
          };
        if (!preview.lines.length)
          return { summary: `No proration: ${preview.toPlan.name} is billed from the next cycle`, details: preview };
        return {
          summary: `Proration on the next invoice: ${preview.lines.map((l) => `${l.description} ${formatMoney(l.amountMinor, preview.currency)}`).join("; ")} (net ${formatMoney(preview.netMinor, preview.currency)})`,
          details: preview,
        };
      },
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
      plan: async () => ({ summary: "Send the subscriber the plan_changed notice" }),
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
