// Teardown: disconnect → remove RADIUS → release IP → deactivate ONU → factory-reset CPE →
// end billing (final invoice; the point of no return) → archive (terminated). A failure
// before billing ends puts the service back as it was.
import { z } from "zod";
import { invalid } from "@/server/errors";
import { endBillingSubscription, formatMoney, previewBillingEnd } from "@/server/modules/billing";
import { allocateSubscriberIp, releaseSubscriberIp, subscriberAddresses } from "@/server/modules/ipam";
import {
  activateSubscriberOnu,
  configureSubscriberCpe,
  deactivateSubscriberOnu,
  resetSubscriberCpe,
  subscriberNetwork,
} from "@/server/modules/network";
import { disconnectSubscriberSessions, removeRadius, subscriberRadiusRows } from "@/server/modules/radius";
import { defineSaga } from "@/server/orchestration/saga";
import { subscriberForNetwork } from "./network-view";
import { getSubscriber, provisionSubscriberRadius, recordSubscriberAddress, transitionSubscriber } from "./service";
import { planDisconnect } from "./suspend-restore";

export const deprovisionInput = z.object({
  subscriberId: z.string().uuid(),
  reason: z.string().trim().max(500).optional(),
  /**
   * The day the service ends (a cancellation's date; default: today): the last billed day is
   * the day before. A later day is a scheduled cancellation (./cancellation.ts), started then.
   */
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
  // Another tenant's (or no) subscriber is refused before a job exists.
  prepare: async (svc, input) => (await getSubscriber(svc, input.subscriberId)) && input,
  steps: [
    {
      name: "sessions",
      title: "Disconnect live sessions",
      retries: 3,
      timeoutMs: 20_000,
      async plan(ctx) {
        const sub = await getSubscriber(ctx.svc, ctx.input.subscriberId);
        if (sub.status === "TERMINATED") return { summary: `${sub.username} is already terminated`, noChange: true };
        return planDisconnect(ctx.svc, sub.id, "so the service stops at once");
      },
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
      async plan(ctx) {
        const rows = await subscriberRadiusRows(ctx.svc, ctx.input.subscriberId);
        const count = rows.radcheck.length + rows.radreply.length + rows.radusergroup.length;
        if (!count) return { summary: "No RADIUS rows to remove", noChange: true };
        return {
          summary: `Remove ${count} RADIUS rows (the next authentication is refused as an unknown user)`,
          details: rows,
        };
      },
      do: (ctx) => removeRadius(ctx.svc, ctx.input.subscriberId),
      async undo(ctx) {
        const sub = await getSubscriber(ctx.svc, ctx.input.subscriberId);
        if (sub.status === "ACTIVE" || sub.status === "SUSPENDED") await provisionSubscriberRadius(ctx.svc, sub.id);
      },
    },
    {
      name: "ip",
      title: "Release IP address",
      retries: 3,
      timeoutMs: 30_000,
      async plan(ctx) {
        const [sub, held] = await Promise.all([
          getSubscriber(ctx.svc, ctx.input.subscriberId),
          subscriberAddresses(ctx.svc, ctx.input.subscriberId),
        ]);
        if (!held.length && !sub.framedPool) return { summary: "No address held in IPAM", noChange: true };
        const what = [...held.map((a) => a.address), ...(sub.framedPool ? [`BNG pool ${sub.framedPool}`] : [])];
        return {
          summary: `Release ${what.join(", ")} back to IPAM`,
          details: { released: held.map((a) => a.address) },
        };
      },
      async do(ctx) {
        const id = ctx.input.subscriberId;
        const before = await getSubscriber(ctx.svc, id);
        const released = await releaseSubscriberIp(ctx.svc, id);
        await recordSubscriberAddress(ctx.svc, id, { ipv4Address: null, framedPool: null });
        return { ...released, framedPool: before.framedPool };
      },
      async undo(ctx, output) {
        const done = output as { released?: string[]; framedPool?: string | null } | null;
        if (!done?.released?.length && !done?.framedPool) return;
        const ip = await allocateSubscriberIp(ctx.svc, await subscriberForNetwork(ctx.svc, ctx.input.subscriberId));
        await recordSubscriberAddress(ctx.svc, ctx.input.subscriberId, {
          ipv4Address: ip.address,
          framedPool: ip.framedPool,
        });
      },
    },
    {
      name: "onu",
      title: "Deactivate ONU",
      retries: 3,
      timeoutMs: 20_000,
      async plan(ctx) {
        const { onu } = await subscriberNetwork(ctx.svc, ctx.input.subscriberId);
        if (!onu) return { summary: "No ONU linked: nothing to deactivate", noChange: true };
        return {
          summary: `Disable ONU ${onu.serialNumber} and unlink it`,
          details: { serialNumber: onu.serialNumber },
        };
      },
      do: async (ctx) => deactivateSubscriberOnu(ctx.svc, await subscriberForNetwork(ctx.svc, ctx.input.subscriberId)),
      async undo(ctx, output) {
        if ((output as { changed?: boolean } | null)?.changed)
          await activateSubscriberOnu(ctx.svc, await subscriberForNetwork(ctx.svc, ctx.input.subscriberId));
      },
    },
    {
      name: "cpe",
      title: "Factory-reset CPE",
      retries: 3,
      timeoutMs: 20_000,
      async plan(ctx) {
        const { cpe } = await subscriberNetwork(ctx.svc, ctx.input.subscriberId);
        if (!cpe) return { summary: "No CPE linked: nothing to reset", noChange: true };
        return {
          summary: `Factory-reset CPE ${cpe.serialNumber} through the ACS and unlink it`,
          details: { serialNumber: cpe.serialNumber },
        };
      },
      do: (ctx) => resetSubscriberCpe(ctx.svc, ctx.input.subscriberId),
      async undo(ctx, output) {
        if ((output as { changed?: boolean } | null)?.changed)
          await configureSubscriberCpe(ctx.svc, await subscriberForNetwork(ctx.svc, ctx.input.subscriberId));
      },
    },
    {
      name: "billing",
      title: "End billing (final invoice)",
      retries: 3,
      timeoutMs: 30_000,
      async plan(ctx) {
        const preview = await previewBillingEnd(ctx.svc, ctx.input.subscriberId, ctx.input.endBillingOn);
        if (!preview) return { summary: "No active billing subscription", noChange: true };
        const lines = preview.lines.map((l) => `${l.description} ${formatMoney(l.amountMinor, preview.currency)}`);
        return {
          summary: `End billing on ${preview.endsOn} and issue the final invoice${lines.length ? ` with ${lines.join("; ")}` : ""}, plus pending charges and usage`,
          details: preview,
        };
      },
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
      async plan(ctx) {
        const sub = await getSubscriber(ctx.svc, ctx.input.subscriberId);
        if (sub.status === "TERMINATED") return { summary: `${sub.username} is already terminated`, noChange: true };
        if (sub.status === "PROVISIONING")
          throw invalid(`Subscriber ${sub.username} is provisioning; cancel its provisioning job first`);
        return { summary: `Mark ${sub.username} terminated (final)`, details: { from: sub.status, to: "TERMINATED" } };
      },
      async do(ctx) {
        const sub = await getSubscriber(ctx.svc, ctx.input.subscriberId);
        if (sub.status === "PROVISIONING")
          throw invalid(`Subscriber ${sub.username} is provisioning; cancel its provisioning job first`);
        const after = await transitionSubscriber(ctx.svc, sub.id, "TERMINATED", { reason: ctx.input.reason });
        return { status: after.status, terminatedAt: after.terminatedAt };
      },
    },
  ],
});
