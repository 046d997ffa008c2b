// Provisioning: a subscriber becomes live across every system, or — if any step fails after
// its retries — every completed step is undone in reverse and nothing half-provisioned
// remains. Order: subscriber → RADIUS → IP → ONU → CPE → billing → active → welcome.
import { z } from "zod";
import { invalid } from "@/server/errors";
import { idempotentResponse } from "@/server/idempotency";
import {
  endBillingSubscription,
  getBillingSubscription,
  reopenPendingBillingSubscription,
  startBillingSubscription,
} from "@/server/modules/billing";
import { getPlan } from "@/server/modules/catalog";
import { allocateSubscriberIp, previewSubscriberIp, releaseSubscriberIp } from "@/server/modules/ipam";
import {
  activateSubscriberOnu,
  configureSubscriberCpe,
  deactivateSubscriberOnu,
  resetSubscriberCpe,
  subscriberNetwork,
} from "@/server/modules/network";
import { notify } from "@/server/modules/notifications";
import { previewRadius, removeRadius } from "@/server/modules/radius";
import { defineSaga, type PlanContext, type SagaContext } from "@/server/orchestration/saga";
import { subscriberForNetwork } from "./network-view";
import {
  assertSubscriberRefs,
  createSubscriber,
  getSubscriber,
  provisionSubscriberRadius,
  recordSubscriberAddress,
  transitionSubscriber,
} from "./service";

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
  const response = await idempotentResponse(ctx.svc, "subscriber.create", `orchestration:${ctx.jobId}`);
  return (response as { id?: string } | null)?.id ?? null;
}

/**
 * Provisioning an already active subscriber again (a drift repair) completes what is missing;
 * if it fails, the live service is left as it was rather than torn down.
 */
const wasActive = (ctx: Ctx) =>
  (ctx.outputs.subscriber as { previousStatus?: string } | undefined)?.previousStatus === "ACTIVE";

type PlanCtx = PlanContext<ProvisionInput>;

const kbps = (n: number) => (n >= 1000 ? `${n / 1000} Mbit/s` : `${n} kbit/s`);

/** The subscriber as the job would find it, or create it (dry run; nothing is written). */
async function plannedSubscriber(ctx: PlanCtx) {
  const { input, svc } = ctx;
  if (ctx.subscriberId) {
    const sub = await getSubscriber(svc, ctx.subscriberId);
    return { ...sub, existing: true as const };
  }
  const plan = await getPlan(svc, input.planId as string);
  if (!plan.active) throw invalid(`Plan ${plan.name} is retired; choose an active plan`);
  return {
    existing: false as const,
    id: "",
    tenantId: svc.tenantId,
    username: input.username ?? "(generated)",
    password: input.password ?? "(generated)",
    status: "PENDING" as const,
    planId: plan.id,
    plan,
    accessType: input.accessType ?? "PPPOE",
    onuSerial: input.onuSerial?.toUpperCase() ?? null,
    cpeMac: input.cpeMac ?? null,
    staticIpv4: input.staticIpv4 ?? null,
    ipv4Address: null,
    framedPool: null,
    ipv6Prefix: null,
    nasId: input.nasId ?? null,
  };
}

export const provisionSubscriber = defineSaga<ProvisionInput>({
  type: "provision-subscriber",
  title: "Provision subscriber",
  input: provisionInput,
  permission: "subscriber.provision",
  subscriberOf: (input) => input.subscriberId ?? null,
  lockKeyOf: (input, jobId) =>
    input.subscriberId ?? (input.onuSerial ? `onu:${input.onuSerial.toUpperCase()}` : `job:${jobId}`),
  // Another tenant's (or no) subscriber, customer, plan, address or NAS is refused before a
  // job exists (issue #11.10).
  async prepare(svc, input) {
    if (input.subscriberId) await getSubscriber(svc, input.subscriberId);
    else await assertSubscriberRefs(svc, { ...input, customerId: input.customerId!, planId: input.planId! });
    return input;
  },
  steps: [
    {
      name: "subscriber",
      title: "Create subscriber",
      retries: 2,
      timeoutMs: 15_000,
      async plan(ctx) {
        const sub = await plannedSubscriber(ctx);
        if (!sub.existing)
          return {
            summary: `Create subscriber ${sub.username} on plan ${sub.plan.name} and mark it provisioning`,
            details: { username: sub.username, planId: sub.planId, customerId: ctx.input.customerId },
          };
        if (sub.status === "PENDING" || sub.status === "PROVISIONING_FAILED")
          return {
            summary: `Move ${sub.username} from ${sub.status.toLowerCase().replace("_", " ")} to provisioning`,
            details: { from: sub.status, to: "PROVISIONING" },
          };
        if (sub.status === "PROVISIONING" || sub.status === "ACTIVE")
          return { summary: `${sub.username} is already ${sub.status.toLowerCase()}`, noChange: true };
        throw invalid(
          `Subscriber ${sub.username} is ${sub.status.toLowerCase()}; only pending subscribers can be provisioned`,
        );
      },
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
        if (sub.status === "PENDING" || sub.status === "PROVISIONING_FAILED")
          await transitionSubscriber(ctx.svc, id, "PROVISIONING", { reason: `orchestration job ${ctx.jobId}` });
        else if (sub.status !== "PROVISIONING" && sub.status !== "ACTIVE")
          throw invalid(
            `Subscriber ${sub.username} is ${sub.status.toLowerCase()}; only pending subscribers can be provisioned`,
          );
        return { subscriberId: id, username: sub.username, created, previousStatus: sub.status };
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
      async plan(ctx) {
        const sub = await plannedSubscriber(ctx);
        const rows = await previewRadius(ctx.svc, { ...sub, status: "PROVISIONING" });
        return {
          summary: `Write ${sub.username}'s password to radcheck and its plan groups to radusergroup`,
          details: rows,
        };
      },
      do: (ctx) => provisionSubscriberRadius(ctx.svc, subscriberOf(ctx)),
      undo: async (ctx) => (wasActive(ctx) ? null : removeRadius(ctx.svc, subscriberOf(ctx))),
    },
    {
      name: "ip",
      title: "Allocate IP address",
      retries: 3,
      timeoutMs: 30_000,
      async plan(ctx) {
        const sub = await plannedSubscriber(ctx);
        const ip = await previewSubscriberIp(
          ctx.svc,
          { id: sub.existing ? sub.id : null, staticIpv4: sub.staticIpv4 },
          { poolId: ctx.input.poolId },
        );
        const reply = ip.address
          ? `Framed-IP-Address := ${ip.address}`
          : ip.framedPool
            ? `Framed-Pool := ${ip.framedPool}`
            : "Framed-IP-Address := the address allocated";
        return {
          summary: `${ip.summary}; RADIUS answers with ${reply}`,
          noChange: ip.noChange,
          details: { address: ip.address, poolId: ip.poolId, framedPool: ip.framedPool },
        };
      },
      async do(ctx) {
        const id = subscriberOf(ctx);
        const ip = await allocateSubscriberIp(ctx.svc, await subscriberForNetwork(ctx.svc, id), {
          poolId: ctx.input.poolId,
        });
        // RADIUS hands the address out: the subscriber's reply attributes are rewritten with it.
        await recordSubscriberAddress(ctx.svc, id, { ipv4Address: ip.address, framedPool: ip.framedPool });
        return ip;
      },
      async undo(ctx) {
        if (wasActive(ctx)) return;
        const id = subscriberOf(ctx);
        await releaseSubscriberIp(ctx.svc, id);
        await recordSubscriberAddress(ctx.svc, id, { ipv4Address: null, framedPool: null });
      },
    },
    {
      name: "onu",
      title: "Activate ONU with the plan's bandwidth profile",
      retries: 3,
      timeoutMs: 20_000,
      async plan(ctx) {
        const sub = await plannedSubscriber(ctx);
        const linked = sub.existing ? (await subscriberNetwork(ctx.svc, sub.id)).onu : null;
        const serial = sub.onuSerial ?? linked?.serialNumber;
        if (!serial)
          throw invalid("The subscriber has no ONU serial; assign the ONU from stock on the install work order first");
        const { downloadKbps, uploadKbps } = sub.plan;
        if (
          linked?.serialNumber === serial &&
          linked.state === "ACTIVE" &&
          linked.downstreamKbps === downloadKbps &&
          linked.upstreamKbps === uploadKbps
        )
          return { summary: `ONU ${serial} is already active with this profile`, noChange: true };
        return {
          summary: `Activate ONU ${serial} with the bandwidth profile ${kbps(downloadKbps)} down / ${kbps(uploadKbps)} up`,
          details: { serialNumber: serial, downstreamKbps: downloadKbps, upstreamKbps: uploadKbps },
        };
      },
      do: async (ctx) => activateSubscriberOnu(ctx.svc, await subscriberForNetwork(ctx.svc, subscriberOf(ctx))),
      undo: async (ctx) =>
        wasActive(ctx)
          ? null
          : deactivateSubscriberOnu(ctx.svc, await subscriberForNetwork(ctx.svc, subscriberOf(ctx))),
    },
    {
      name: "cpe",
      title: "Configure CPE (WAN, WiFi)",
      retries: 3,
      timeoutMs: 20_000,
      async plan(ctx) {
        const sub = await plannedSubscriber(ctx);
        const linked = sub.existing ? (await subscriberNetwork(ctx.svc, sub.id)).cpe : null;
        if (!linked && !sub.onuSerial && !sub.cpeMac)
          throw invalid(
            "No CPE found for the subscriber (by ONU serial or CPE MAC); check that the CPE has informed the ACS",
          );
        const what = [
          ...(sub.accessType === "PPPOE" ? [`PPPoE credentials of ${sub.username}`] : []),
          ...(ctx.input.wifi ? [`WiFi "${ctx.input.wifi.ssid}"`] : []),
        ];
        const cpe = linked
          ? `CPE ${linked.serialNumber}`
          : `the CPE with ${sub.onuSerial ? `serial ${sub.onuSerial}` : `MAC ${sub.cpeMac}`}`;
        return {
          summary: what.length ? `Set ${what.join(" and ")} on ${cpe} through the ACS` : `Link ${cpe} (nothing to set)`,
          details: { cpe: linked?.serialNumber ?? sub.onuSerial ?? sub.cpeMac, wifiSsid: ctx.input.wifi?.ssid ?? null },
        };
      },
      do: async (ctx) =>
        configureSubscriberCpe(ctx.svc, await subscriberForNetwork(ctx.svc, subscriberOf(ctx)), {
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
      async plan(ctx) {
        const sub = await plannedSubscriber(ctx);
        const current = sub.existing ? await getBillingSubscription(ctx.svc, sub.id) : null;
        if (current?.status === "ACTIVE") return { summary: "Billing is already running", noChange: true };
        if (current?.status === "PENDING")
          return {
            summary: `Start billing ${sub.plan.name} from today as agreed: the prorated first part-cycle and the quoted one-off charges go on the next invoice`,
            details: { planId: sub.planId, priceMinor: sub.plan.priceMinor, currency: sub.plan.currency },
          };
        return {
          summary: `Start billing ${sub.plan.name} from today: the prorated first part-cycle and the setup fee go on the next invoice`,
          details: {
            planId: sub.planId,
            priceMinor: sub.plan.priceMinor,
            setupFeeMinor: sub.plan.setupFeeMinor,
            currency: sub.plan.currency,
          },
        };
      },
      async do(ctx) {
        const before = await getBillingSubscription(ctx.svc, subscriberOf(ctx));
        const sub = await startBillingSubscription(ctx.svc, await getSubscriber(ctx.svc, subscriberOf(ctx)));
        return { subscriptionId: sub.id, startedOn: sub.startedOn, fromPending: before?.status === "PENDING" };
      },
      async undo(ctx) {
        if (wasActive(ctx)) return;
        // An agreed (quoted) subscription waits again for the next attempt (still PENDING: the
        // start never happened); any other ends.
        const started = ctx.outputs.billing as { fromPending?: boolean } | undefined;
        const current = await getBillingSubscription(ctx.svc, subscriberOf(ctx));
        if (started?.fromPending || current?.status === "PENDING")
          await reopenPendingBillingSubscription(ctx.svc, subscriberOf(ctx));
        else await endBillingSubscription(ctx.svc, subscriberOf(ctx));
      },
    },
    {
      // The point of no return: nothing after it can fail the saga.
      name: "activate",
      title: "Mark subscriber active",
      retries: 3,
      timeoutMs: 10_000,
      async plan(ctx) {
        const sub = await plannedSubscriber(ctx);
        if (sub.status === "ACTIVE") return { summary: `${sub.username} is already active`, noChange: true };
        return { summary: `Mark ${sub.username} active (RADIUS accepts it from then on)` };
      },
      async do(ctx) {
        // Never commit the point of no return after the attempt's deadline: the job rolls back.
        if (ctx.signal.aborted) throw new Error("The attempt timed out before the subscriber was activated");
        const sub = await transitionSubscriber(ctx.svc, subscriberOf(ctx), "ACTIVE", {
          reason: `orchestration job ${ctx.jobId}`,
        });
        return { status: sub.status, activatedAt: sub.activatedAt };
      },
      // Runs only when this step failed: an activation that committed after the attempt's
      // deadline is taken back, so a rolled-back job never leaves a live subscriber.
      async undo(ctx) {
        const before = ctx.outputs.subscriber as { previousStatus?: string } | undefined;
        if (before?.previousStatus === "ACTIVE") return;
        const sub = await getSubscriber(ctx.svc, subscriberOf(ctx));
        if (sub.status === "ACTIVE")
          await transitionSubscriber(ctx.svc, sub.id, "PROVISIONING_FAILED", {
            reason: `orchestration job ${ctx.jobId}: activated after the deadline, rolled back`,
          });
      },
    },
    {
      name: "welcome",
      title: "Send welcome notification",
      retries: 2,
      timeoutMs: 15_000,
      optional: true,
      async plan(ctx) {
        const sub = await plannedSubscriber(ctx);
        return { summary: `Send ${sub.username} the welcome notification (plan ${sub.plan.name})` };
      },
      async do(ctx) {
        const sub = await getSubscriber(ctx.svc, subscriberOf(ctx));
        const { plan } = sub;
        const result = await notify(ctx.svc, {
          subscriberId: sub.id,
          template: "welcome",
          data: {
            planName: plan.name,
            username: sub.username,
            activatedAt: (sub.activatedAt ?? new Date()).toISOString(),
            downloadMbps: Math.round(plan.downloadKbps / 1000),
            uploadMbps: Math.round(plan.uploadKbps / 1000),
          },
          dedupeKey: `welcome:${sub.id}`,
        });
        return { notificationId: result.notificationId, deduplicated: result.deduplicated };
      },
    },
  ],
});
