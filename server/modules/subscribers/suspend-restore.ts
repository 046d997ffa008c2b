// Suspension and restoration: RADIUS group change (with the lifecycle move, one transaction),
// live sessions disconnected so they re-authenticate into the new group, optionally the ONU
// disabled/enabled, and a notification.
import { z } from "zod";
import { invalid } from "@/server/errors";
import { activateSubscriberOnu, deactivateSubscriberOnu } from "@/server/modules/network";
import { notify } from "@/server/modules/notifications";
import { disconnectSubscriberSessions, provisionRadius } from "@/server/modules/radius";
import { defineSaga } from "@/server/orchestration/saga";
import { getSubscriber, transitionSubscriber } from "./service";

const previousStatus = (ctx: { outputs: Record<string, unknown> }) =>
  (ctx.outputs.status as { previousStatus?: string } | undefined)?.previousStatus;

const SUSPEND_REASONS = ["NON_PAYMENT", "FRAUD", "REQUESTED", "ADMINISTRATIVE"] as const;

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
  steps: [
    {
      name: "status",
      title: "Suspend (RADIUS suspension group)",
      retries: 3,
      timeoutMs: 10_000,
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
      do: (ctx) => provisionRadius(ctx.svc, ctx.input.subscriberId),
      undo: (ctx) => provisionRadius(ctx.svc, ctx.input.subscriberId),
    },
    {
      name: "sessions",
      title: "Disconnect live sessions",
      retries: 3,
      timeoutMs: 20_000,
      do: (ctx) => disconnectSubscriberSessions(ctx.svc, ctx.input.subscriberId),
    },
    {
      name: "onu",
      title: "Disable ONU",
      retries: 3,
      timeoutMs: 20_000,
      skip: (ctx) => !ctx.input.disableOnu,
      do: (ctx) => deactivateSubscriberOnu(ctx.svc, ctx.input.subscriberId),
      undo: (ctx) => activateSubscriberOnu(ctx.svc, ctx.input.subscriberId),
    },
    {
      name: "notify",
      title: "Notify the subscriber",
      retries: 2,
      timeoutMs: 15_000,
      optional: true,
      // Suspending a suspended subscriber again (a drift repair) tells nobody anything new.
      skip: (ctx) => previousStatus(ctx) === "SUSPENDED",
      do: (ctx) =>
        notify(ctx.svc, {
          subscriberId: ctx.input.subscriberId,
          template: "suspended",
          data: { reason: ctx.input.reason, amountDueMinor: ctx.input.amountDueMinor, currency: ctx.input.currency },
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
  steps: [
    {
      name: "status",
      title: "Restore (RADIUS plan groups)",
      retries: 3,
      timeoutMs: 10_000,
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
      do: (ctx) => provisionRadius(ctx.svc, ctx.input.subscriberId),
      undo: (ctx) => provisionRadius(ctx.svc, ctx.input.subscriberId),
    },
    {
      name: "onu",
      title: "Enable ONU",
      retries: 3,
      timeoutMs: 20_000,
      skip: (ctx) => !ctx.input.enableOnu,
      do: (ctx) => activateSubscriberOnu(ctx.svc, ctx.input.subscriberId),
      undo: (ctx) => deactivateSubscriberOnu(ctx.svc, ctx.input.subscriberId),
    },
    {
      name: "sessions",
      title: "Disconnect walled-garden sessions",
      retries: 3,
      timeoutMs: 20_000,
      do: (ctx) => disconnectSubscriberSessions(ctx.svc, ctx.input.subscriberId),
    },
    {
      name: "notify",
      title: "Notify the subscriber",
      retries: 2,
      timeoutMs: 15_000,
      optional: true,
      // Nothing was restored for a subscriber that was active (a drift repair).
      skip: (ctx) => previousStatus(ctx) === "ACTIVE",
      do: (ctx) =>
        notify(ctx.svc, {
          subscriberId: ctx.input.subscriberId,
          template: "restored",
          data: { restoredAt: new Date().toISOString() },
          dedupeKey: `restored:${ctx.jobId}`,
        }).then((r) => ({ notificationId: r.notificationId })),
    },
  ],
});
