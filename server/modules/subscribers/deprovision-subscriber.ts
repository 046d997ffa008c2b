// Teardown: disconnect → remove RADIUS → release IP → deactivate ONU → factory-reset CPE →
// end billing (final invoice; the point of no return) → archive (terminated). A failure
// before billing ends puts the service back as it was.
import { z } from "zod";
import { invalid } from "@/server/errors";
import { endBillingSubscription } from "@/server/modules/billing";
import { allocateSubscriberIp, releaseSubscriberIp } from "@/server/modules/ipam";
import {
  activateSubscriberOnu,
  configureSubscriberCpe,
  deactivateSubscriberOnu,
  resetSubscriberCpe,
} from "@/server/modules/network";
import { disconnectSubscriberSessions, provisionRadius, removeRadius } from "@/server/modules/radius";
import { defineSaga } from "@/server/orchestration/saga";
import { getSubscriber, transitionSubscriber } from "./service";

export const deprovisionInput = z.object({
  subscriberId: z.string().uuid(),
  reason: z.string().trim().max(500).optional(),
  /** Last billed day is the day before this date (default: today). */
  endBillingOn: z.coerce.date().optional(),
});
export type DeprovisionInput = z.infer<typeof deprovisionInput>;

export const deprovisionSubscriberSaga = defineSaga<DeprovisionInput>({
  type: "deprovision-subscriber",
  title: "Disconnect subscriber",
  input: deprovisionInput,
  permission: "subscriber.terminate",
  subscriberOf: (input) => input.subscriberId,
  lockKeyOf: (input) => input.subscriberId,
  steps: [
    {
      name: "sessions",
      title: "Disconnect live sessions",
      retries: 3,
      timeoutMs: 20_000,
      async do(ctx) {
        // Also for a terminated subscriber: a session left online is ended (drift repair).
        return disconnectSubscriberSessions(ctx.svc, ctx.input.subscriberId);
      },
    },
    {
      name: "radius",
      title: "Remove RADIUS credentials",
      retries: 3,
      timeoutMs: 10_000,
      do: (ctx) => removeRadius(ctx.svc, ctx.input.subscriberId),
      async undo(ctx) {
        const sub = await getSubscriber(ctx.svc, ctx.input.subscriberId);
        if (sub.status === "ACTIVE" || sub.status === "SUSPENDED") await provisionRadius(ctx.svc, sub.id);
      },
    },
    {
      name: "ip",
      title: "Release IP address",
      retries: 3,
      timeoutMs: 30_000,
      do: (ctx) => releaseSubscriberIp(ctx.svc, ctx.input.subscriberId),
      async undo(ctx, output) {
        const released = (output as { released?: string[] } | null)?.released ?? [];
        if (released.length) await allocateSubscriberIp(ctx.svc, ctx.input.subscriberId);
      },
    },
    {
      name: "onu",
      title: "Deactivate ONU",
      retries: 3,
      timeoutMs: 20_000,
      do: (ctx) => deactivateSubscriberOnu(ctx.svc, ctx.input.subscriberId),
      async undo(ctx, output) {
        if ((output as { changed?: boolean } | null)?.changed)
          await activateSubscriberOnu(ctx.svc, ctx.input.subscriberId);
      },
    },
    {
      name: "cpe",
      title: "Factory-reset CPE",
      retries: 3,
      timeoutMs: 20_000,
      do: (ctx) => resetSubscriberCpe(ctx.svc, ctx.input.subscriberId),
      async undo(ctx, output) {
        if ((output as { changed?: boolean } | null)?.changed)
          await configureSubscriberCpe(ctx.svc, ctx.input.subscriberId);
      },
    },
    {
      name: "billing",
      title: "End billing (final invoice)",
      retries: 3,
      timeoutMs: 30_000,
      async do(ctx) {
        const ended = await endBillingSubscription(ctx.svc, ctx.input.subscriberId, ctx.input.endBillingOn);
        return ended
          ? { subscriptionId: ended.subscription.id, finalInvoiceId: ended.finalInvoice?.id ?? null }
          : { subscriptionId: null };
      },
    },
    {
      name: "archive",
      title: "Archive (terminated)",
      retries: 5,
      timeoutMs: 10_000,
      async do(ctx) {
        const sub = await getSubscriber(ctx.svc, ctx.input.subscriberId);
        if (sub.status === "PENDING" || sub.status === "PROVISIONING")
          throw invalid(`Subscriber ${sub.username} is ${sub.status.toLowerCase()}; cancel its provisioning first`);
        const after = await transitionSubscriber(ctx.svc, sub.id, "TERMINATED", { reason: ctx.input.reason });
        return { status: after.status, terminatedAt: after.terminatedAt };
      },
    },
  ],
});
