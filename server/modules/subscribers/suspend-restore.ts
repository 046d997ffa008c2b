// Suspension and restoration: RADIUS group change (with the lifecycle move, one transaction),
// live sessions disconnected so they re-authenticate into the new group, optionally the ONU
// disabled/enabled, and a notification.
import { z } from "zod";
import { invalid } from "@/server/errors";
import { activateSubscriberOnu, deactivateSubscriberOnu, subscriberNetwork } from "@/server/modules/network";
import { notify } from "@/server/modules/notifications";
import { disconnectSubscriberSessions, previewRadius, subscriberLiveSessions } from "@/server/modules/radius";
import { defineSaga, type StepPlan } from "@/server/orchestration/saga";
import type { ServiceContext } from "@/server/service-context";
import { subscriberForNetwork } from "./network-view";
import { getSubscriber, provisionSubscriberRadius, transitionSubscriber } from "./service";

const previousStatus = (ctx: { outputs: Record<string, unknown> }) =>
  (ctx.outputs.status as { previousStatus?: string } | undefined)?.previousStatus;

const SUSPEND_REASONS = ["NON_PAYMENT", "FRAUD", "REQUESTED", "ADMINISTRATIVE"] as const;

/** Dry run of "disconnect the live sessions". */
export async function planDisconnect(svc: ServiceContext, subscriberId: string, why: string): Promise<StepPlan> {
  const sessions = await subscriberLiveSessions(svc, subscriberId);
  if (!sessions.length) return { summary: "No live session: nothing to send to the NAS", noChange: true };
  return {
    summary: `Send a Disconnect-Request for ${sessions.length} live session${sessions.length > 1 ? "s" : ""} ${why}`,
    details: { sessions: sessions.map((x) => ({ nasIp: x.nasIp, framedIp: x.framedIp, sessionId: x.acctUniqueId })) },
  };
}

/** Dry run of the ONU step: which ONU would be enabled or disabled. */
async function planOnu(svc: ServiceContext, subscriberId: string, action: "Enable" | "Disable"): Promise<StepPlan> {
  const { onu } = await subscriberNetwork(svc, subscriberId);
  if (!onu) return { summary: "The subscriber has no ONU: nothing to change", noChange: true };
  return { summary: `${action} ONU ${onu.serialNumber}`, details: { serialNumber: onu.serialNumber } };
}

export const suspendInput = z.object({
  subscriberId: z.string().uuid(),
  reason: z.enum(SUSPEND_REASONS).default("ADMINISTRATIVE"),
  /** Also disable the ONU (hard suspension); default: RADIUS only. */
  disableOnu: z.boolean().default(false),
  amountDueMinor: z.number().int().optional(),
  currency: z.string().length(3).optional(),
});
export type SuspendInput = z.infer<typeof suspendInput>;

export const suspendSubscriberSaga = defineSaga<SuspendInput>({
  type: "suspend-subscriber",
  title: "Suspend subscriber",
  input: suspendInput,
  permission: "subscriber.suspend",
  subscriberOf: (input) => input.subscriberId,
  lockKeyOf: (input) => input.subscriberId,
  // Another tenant's (or no) subscriber is refused before a job exists.
  prepare: async (svc, input) => (await getSubscriber(svc, input.subscriberId)) && input,
  steps: [
    {
      name: "status",
      title: "Suspend (RADIUS suspension group)",
      retries: 3,
      timeoutMs: 10_000,
      async plan(ctx) {
        const sub = await getSubscriber(ctx.svc, ctx.input.subscriberId);
        if (sub.status === "SUSPENDED") return { summary: `${sub.username} is already suspended`, noChange: true };
        if (sub.status !== "ACTIVE")
          throw invalid(
            `Subscriber ${sub.username} is ${sub.status.toLowerCase()}; only active subscribers can be suspended`,
          );
        return {
          summary: `Move ${sub.username} from active to suspended (${ctx.input.reason.toLowerCase().replace("_", " ")})`,
          details: { from: sub.status, to: "SUSPENDED", reason: ctx.input.reason },
        };
      },
      async do(ctx) {
        const before = await getSubscriber(ctx.svc, ctx.input.subscriberId);
        if (before.status !== "ACTIVE" && before.status !== "SUSPENDED")
          throw invalid(
            `Subscriber ${before.username} is ${before.status.toLowerCase()}; only active subscribers can be suspended`,
          );
        await transitionSubscriber(ctx.svc, before.id, "SUSPENDED", {
          suspendReason: ctx.input.reason,
          reason: ctx.input.reason,
        });
        return { previousStatus: before.status };
      },
      async undo(ctx, output) {
        const previous = (output as { previousStatus?: string } | null)?.previousStatus;
        const sub = await getSubscriber(ctx.svc, ctx.input.subscriberId);
        if (previous === "ACTIVE" && sub.status === "SUSPENDED")
          await transitionSubscriber(ctx.svc, sub.id, "ACTIVE", { reason: "suspension rolled back" });
      },
    },
    {
      name: "radius",
      title: "Write RADIUS rows for the suspension",
      retries: 3,
      timeoutMs: 10_000,
      async plan(ctx) {
        const sub = await getSubscriber(ctx.svc, ctx.input.subscriberId);
        const rows = await previewRadius(ctx.svc, { ...sub, status: "SUSPENDED" });
        return {
          summary: `Put ${sub.username} in the ${rows.radusergroup.map((g) => g.groupname).join(", ")} group (Access-Reject or walled garden)`,
          details: rows,
        };
      },
      do: (ctx) => provisionSubscriberRadius(ctx.svc, ctx.input.subscriberId),
      undo: (ctx) => provisionSubscriberRadius(ctx.svc, ctx.input.subscriberId),
    },
    {
      name: "sessions",
      title: "Disconnect live sessions",
      retries: 3,
      timeoutMs: 20_000,
      plan: (ctx) => planDisconnect(ctx.svc, ctx.input.subscriberId, "so they re-authenticate into the suspension"),
      do: (ctx) => disconnectSubscriberSessions(ctx.svc, ctx.input.subscriberId),
    },
    {
      name: "onu",
      title: "Disable ONU",
      retries: 3,
      timeoutMs: 20_000,
      skip: (ctx) => !ctx.input.disableOnu,
      plan: (ctx) => planOnu(ctx.svc, ctx.input.subscriberId, "Disable"),
      do: async (ctx) => deactivateSubscriberOnu(ctx.svc, await subscriberForNetwork(ctx.svc, ctx.input.subscriberId)),
      undo: async (ctx) => activateSubscriberOnu(ctx.svc, await subscriberForNetwork(ctx.svc, ctx.input.subscriberId)),
    },
    {
      name: "notify",
      title: "Notify the subscriber",
      retries: 2,
      timeoutMs: 15_000,
      optional: true,
      plan: async () => ({ summary: "Send the subscriber the suspension notice (unless already suspended)" }),
      // Suspending a suspended subscriber again (a drift repair) tells nobody anything new.
      do: async (ctx) =>
        previousStatus(ctx) === "SUSPENDED"
          ? { notified: false, reason: "already suspended" }
          : notify(ctx.svc, {
              subscriberId: ctx.input.subscriberId,
              template: "suspended",
              data: {
                reason: ctx.input.reason,
                amountDueMinor: ctx.input.amountDueMinor,
                currency: ctx.input.currency,
              },
              dedupeKey: `suspended:${ctx.jobId}`,
            }).then((r) => ({ notificationId: r.notificationId })),
    },
  ],
});

export const restoreInput = z.object({
  subscriberId: z.string().uuid(),
  /** Re-enable the ONU (after a hard suspension). */
  enableOnu: z.boolean().default(false),
});
export type RestoreInput = z.infer<typeof restoreInput>;

export const restoreSubscriberSaga = defineSaga<RestoreInput>({
  type: "restore-subscriber",
  title: "Restore subscriber",
  input: restoreInput,
  permission: "subscriber.suspend",
  subscriberOf: (input) => input.subscriberId,
  lockKeyOf: (input) => input.subscriberId,
  // Another tenant's (or no) subscriber is refused before a job exists.
  prepare: async (svc, input) => (await getSubscriber(svc, input.subscriberId)) && input,
  steps: [
    {
      name: "status",
      title: "Restore (RADIUS plan groups)",
      retries: 3,
      timeoutMs: 10_000,
      async plan(ctx) {
        const sub = await getSubscriber(ctx.svc, ctx.input.subscriberId);
        if (sub.status === "ACTIVE") return { summary: `${sub.username} is already active`, noChange: true };
        if (sub.status !== "SUSPENDED")
          throw invalid(
            `Subscriber ${sub.username} is ${sub.status.toLowerCase()}; only suspended subscribers can be restored`,
          );
        return {
          summary: `Move ${sub.username} from suspended to active`,
          details: { from: sub.status, to: "ACTIVE" },
        };
      },
      async do(ctx) {
        const before = await getSubscriber(ctx.svc, ctx.input.subscriberId);
        if (before.status !== "SUSPENDED" && before.status !== "ACTIVE")
          throw invalid(
            `Subscriber ${before.username} is ${before.status.toLowerCase()}; only suspended subscribers can be restored`,
          );
        await transitionSubscriber(ctx.svc, before.id, "ACTIVE", { reason: "restored" });
        return { previousStatus: before.status, suspendReason: before.suspendReason };
      },
      async undo(ctx, output) {
        const prev = output as { previousStatus?: string; suspendReason?: (typeof SUSPEND_REASONS)[number] } | null;
        const sub = await getSubscriber(ctx.svc, ctx.input.subscriberId);
        if (prev?.previousStatus === "SUSPENDED" && sub.status === "ACTIVE")
          await transitionSubscriber(ctx.svc, sub.id, "SUSPENDED", {
            suspendReason: prev.suspendReason ?? "ADMINISTRATIVE",
            reason: "restoration rolled back",
          });
      },
    },
    {
      name: "radius",
      title: "Write RADIUS rows for the plan",
      retries: 3,
      timeoutMs: 10_000,
      async plan(ctx) {
        const sub = await getSubscriber(ctx.svc, ctx.input.subscriberId);
        const rows = await previewRadius(ctx.svc, { ...sub, status: "ACTIVE" });
        return { summary: `Put ${sub.username} back in the groups of plan ${sub.plan.name}`, details: rows };
      },
      do: (ctx) => provisionSubscriberRadius(ctx.svc, ctx.input.subscriberId),
      undo: (ctx) => provisionSubscriberRadius(ctx.svc, ctx.input.subscriberId),
    },
    {
      name: "onu",
      title: "Enable ONU",
      retries: 3,
      timeoutMs: 20_000,
      skip: (ctx) => !ctx.input.enableOnu,
      plan: (ctx) => planOnu(ctx.svc, ctx.input.subscriberId, "Enable"),
      do: async (ctx) => activateSubscriberOnu(ctx.svc, await subscriberForNetwork(ctx.svc, ctx.input.subscriberId)),
      undo: async (ctx) =>
        deactivateSubscriberOnu(ctx.svc, await subscriberForNetwork(ctx.svc, ctx.input.subscriberId)),
    },
    {
      name: "sessions",
      title: "Disconnect walled-garden sessions",
      retries: 3,
      timeoutMs: 20_000,
      plan: (ctx) => planDisconnect(ctx.svc, ctx.input.subscriberId, "so they come back on the plan"),
      do: (ctx) => disconnectSubscriberSessions(ctx.svc, ctx.input.subscriberId),
    },
    {
      name: "notify",
      title: "Notify the subscriber",
      retries: 2,
      timeoutMs: 15_000,
      optional: true,
      plan: async () => ({ summary: "Send the subscriber the restoration notice (unless it was active)" }),
      // Nothing was restored for a subscriber that was active (a drift repair).
      do: async (ctx) =>
        previousStatus(ctx) === "ACTIVE"
          ? { notified: false, reason: "was active" }
          : notify(ctx.svc, {
              subscriberId: ctx.input.subscriberId,
              template: "restored",
              data: { restoredAt: new Date().toISOString() },
              dedupeKey: `restored:${ctx.jobId}`,
            }).then((r) => ({ notificationId: r.notificationId })),
    },
  ],
});
