// Provisioning: a subscriber becomes live across every system, or — if any step fails after
// its retries — every completed step is undone in reverse and nothing half-provisioned
// remains. Order: subscriber → RADIUS → IP → ONU → CPE → billing → active → welcome.
import { z } from "zod";
import { invalid } from "@/server/errors";
import { endBillingSubscription, startBillingSubscription } from "@/server/modules/billing";
import { allocateSubscriberIp, releaseSubscriberIp } from "@/server/modules/ipam";
import {
  activateSubscriberOnu,
  configureSubscriberCpe,
  deactivateSubscriberOnu,
  resetSubscriberCpe,
} from "@/server/modules/network";
import { notify } from "@/server/modules/notifications";
import { provisionRadius, removeRadius } from "@/server/modules/radius";
import { defineSaga, type SagaContext } from "@/server/orchestration/saga";
import { createSubscriber, getSubscriber, transitionSubscriber } from "./service";

export const provisionInput = z
  .object({
    /** An existing subscriber (e.g. from a converted lead) to provision… */
    subscriberId: z.string().uuid().optional(),
    /** …or the fields of a new one. */
    customerId: z.string().uuid().optional(),
    planId: z.string().uuid().optional(),
    serviceAddressId: z.string().uuid().optional(),
    accessType: z.enum(["PPPOE", "IPOE"]).optional(),
    onuSerial: z.string().trim().max(32).optional(),
    cpeMac: z.string().trim().max(17).optional(),
    username: z.string().trim().min(3).max(64).optional(),
    password: z.string().min(6).max(64).optional(),
    staticIpv4: z.string().trim().optional(),
    nasId: z.number().int().positive().optional(),
    vlan: z.number().int().min(1).max(4094).optional(),
    poolId: z.string().uuid().optional(),
    wifi: z.object({ ssid: z.string().trim().min(1).max(32), passphrase: z.string().min(8).max(63) }).optional(),
  })
  .refine((v) => v.subscriberId || (v.customerId && v.planId), {
    message: "Give either subscriberId, or customerId and planId for a new subscriber",
  });
export type ProvisionInput = z.infer<typeof provisionInput>;

type Ctx = SagaContext<ProvisionInput>;

function subscriberOf(ctx: Ctx): string {
  const id = ctx.subscriberId ?? ctx.input.subscriberId;
  if (!id) throw invalid("The subscriber has not been created yet");
  return id;
}

/**
 * The subscriber this job created when the step failed after creating it (a timeout whose
 * work landed late): the job never recorded the id, the idempotency record of the creation did.
 */
async function createdByJob(ctx: Ctx): Promise<string | null> {
  const record = await ctx.svc.db.idempotencyRecord.findFirst({
    where: { scope: "subscriber.create", key: `orchestration:${ctx.jobId}` },
  });
  return (record?.response as { id?: string } | null)?.id ?? null;
}

/**
 * Provisioning an already active subscriber again (a drift repair) completes what is missing;
 * if it fails, the live service is left as it was rather than torn down.
 */
const wasActive = (ctx: Ctx) => (ctx.outputs.subscriber as { wasActive?: boolean } | undefined)?.wasActive === true;

export const provisionSubscriber = defineSaga<ProvisionInput>({
  type: "provision-subscriber",
  title: "Provision subscriber",
  input: provisionInput,
  permission: "subscriber.provision",
  subscriberOf: (input) => input.subscriberId ?? null,
  lockKeyOf: (input, jobId) =>
    input.subscriberId ?? (input.onuSerial ? `onu:${input.onuSerial.toUpperCase()}` : `job:${jobId}`),
  steps: [
    {
      name: "subscriber",
      title: "Create subscriber",
      retries: 2,
      timeoutMs: 15_000,
      async do(ctx) {
        const { subscriberId, poolId: _pool, wifi: _wifi, ...fields } = ctx.input;
        let id = ctx.subscriberId ?? subscriberId;
        let created = false;
        if (!id) {
          const sub = await createSubscriber(ctx.svc, {
            ...fields,
            customerId: fields.customerId as string,
            planId: fields.planId as string,
            // The job is the idempotency key: a retried step finds the subscriber it created.
            idempotencyKey: `orchestration:${ctx.jobId}`,
          });
          id = sub.id;
          created = true;
        }
        const sub = await getSubscriber(ctx.svc, id);
        const wasActive = sub.status === "ACTIVE";
        if (sub.status === "PENDING" || sub.status === "PROVISIONING_FAILED")
          await transitionSubscriber(ctx.svc, id, "PROVISIONING", { reason: `orchestration job ${ctx.jobId}` });
        else if (sub.status !== "PROVISIONING" && sub.status !== "ACTIVE")
          throw invalid(
            `Subscriber ${sub.username} is ${sub.status.toLowerCase()}; only pending subscribers can be provisioned`,
          );
        return { subscriberId: id, username: sub.username, created, wasActive };
      },
      async undo(ctx) {
        const id = ctx.subscriberId ?? ctx.input.subscriberId ?? (await createdByJob(ctx));
        if (!id) return;
        const sub = await getSubscriber(ctx.svc, id);
        if (sub.status === "PROVISIONING")
          await transitionSubscriber(ctx.svc, id, "PROVISIONING_FAILED", {
            reason: `orchestration job ${ctx.jobId} rolled back`,
          });
      },
    },
    {
      name: "radius",
      title: "RADIUS credentials and reply attributes",
      retries: 3,
      timeoutMs: 10_000,
      do: (ctx) => provisionRadius(ctx.svc, subscriberOf(ctx)),
      undo: async (ctx) => (wasActive(ctx) ? null : removeRadius(ctx.svc, subscriberOf(ctx))),
    },
    {
      name: "ip",
      title: "Allocate IP address",
      retries: 3,
      timeoutMs: 30_000,
      async do(ctx) {
        const id = subscriberOf(ctx);
        const ip = await allocateSubscriberIp(ctx.svc, id, { poolId: ctx.input.poolId });
        // RADIUS hands the address out: rewrite the reply attributes with it.
        await provisionRadius(ctx.svc, id);
        return ip;
      },
      undo: async (ctx) => (wasActive(ctx) ? null : releaseSubscriberIp(ctx.svc, subscriberOf(ctx))),
    },
    {
      name: "onu",
      title: "Activate ONU with the plan's bandwidth profile",
      retries: 3,
      timeoutMs: 20_000,
      do: (ctx) => activateSubscriberOnu(ctx.svc, subscriberOf(ctx)),
      undo: async (ctx) => (wasActive(ctx) ? null : deactivateSubscriberOnu(ctx.svc, subscriberOf(ctx))),
    },
    {
      name: "cpe",
      title: "Configure CPE (WAN, WiFi)",
      retries: 3,
      timeoutMs: 20_000,
      do: (ctx) =>
        configureSubscriberCpe(ctx.svc, subscriberOf(ctx), {
          ssid: ctx.input.wifi?.ssid,
          wifiPassphrase: ctx.input.wifi?.passphrase,
        }),
      undo: async (ctx) => (wasActive(ctx) ? null : resetSubscriberCpe(ctx.svc, subscriberOf(ctx))),
    },
    {
      name: "billing",
      title: "Start billing subscription",
      retries: 3,
      timeoutMs: 15_000,
      async do(ctx) {
        const sub = await startBillingSubscription(ctx.svc, subscriberOf(ctx));
        return { subscriptionId: sub.id, startedOn: sub.startedOn };
      },
      async undo(ctx) {
        if (!wasActive(ctx)) await endBillingSubscription(ctx.svc, subscriberOf(ctx));
      },
    },
    {
      // The point of no return: nothing after it can fail the saga.
      name: "activate",
      title: "Mark subscriber active",
      retries: 3,
      timeoutMs: 10_000,
      async do(ctx) {
        // Never commit the point of no return after the attempt's deadline: the job rolls back.
        if (ctx.signal.aborted) throw new Error("The attempt timed out before the subscriber was activated");
        const sub = await transitionSubscriber(ctx.svc, subscriberOf(ctx), "ACTIVE", {
          reason: `orchestration job ${ctx.jobId}`,
        });
        return { status: sub.status, activatedAt: sub.activatedAt };
      },
    },
    {
      name: "welcome",
      title: "Send welcome notification",
      retries: 2,
      timeoutMs: 15_000,
      optional: true,
      async do(ctx) {
        const sub = await getSubscriber(ctx.svc, subscriberOf(ctx));
        const plan = await ctx.svc.db.plan.findFirst({ where: { id: sub.planId } });
        const result = await notify(ctx.svc, {
          subscriberId: sub.id,
          template: "welcome",
          data: {
            planName: plan?.name ?? "",
            username: sub.username,
            activatedAt: (sub.activatedAt ?? new Date()).toISOString(),
            downloadMbps: plan ? Math.round(plan.downloadKbps / 1000) : undefined,
            uploadMbps: plan ? Math.round(plan.uploadKbps / 1000) : undefined,
          },
          dedupeKey: `welcome:${sub.id}`,
        });
        return { notificationId: result.notificationId, deduplicated: result.deduplicated };
      },
    },
  ],
});
