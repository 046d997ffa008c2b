// J4 voluntary disconnect: a cancellation request with the day the service ends (today or later,
// on the tenant's billing clock). Its day come, the teardown saga runs: final prorated invoice,
// RADIUS rows, IPAM address, ONU, CPE, billing subscription ended. Before that day it may be
// withdrawn. Every entry (subscriber page, the subscriber's portal, REST, a second click) comes
// here; one subscriber has at most one open cancellation, so asking twice starts one teardown.
// The subscriber is told when it is requested and when it is withdrawn (`cancellation`).
import { z } from "zod";
import { conflict, invalid, isUniqueViolation, notFound } from "@/server/errors";
import { withIdempotency } from "@/server/idempotency";
import { recordAudit } from "@/server/modules/audit";
import { billingToday, isoDate, parseDate } from "@/server/modules/billing";
import { notify } from "@/server/modules/notifications";
import { planSaga, startJob } from "@/server/orchestration/runner";
import type { ServiceContext } from "@/server/service-context";
import { tenantSql } from "@/server/sql";
import { deprovisionSubscriberSaga } from "./deprovision-subscriber";
import { getSubscriber } from "./service";

export const cancellationInput = z.object({
  subscriberId: z.string().uuid(),
  /** The day the service ends (YYYY-MM-DD; default: today). The last billed day is the day before. */
  effectiveOn: z.string().date("Give the day the service ends as YYYY-MM-DD").optional(),
  reason: z.string().trim().max(500).default(""),
});
export type CancellationInput = z.input<typeof cancellationInput>;

type Cancellation = Awaited<ReturnType<typeof findOpen>>;

async function findOpen(svc: ServiceContext, subscriberId: string) {
  return svc.db.subscriberCancellation.findFirst({ where: { openFor: subscriberId } });
}

export function presentCancellation(c: NonNullable<Cancellation>) {
  return {
    id: c.id,
    subscriberId: c.subscriberId,
    effectiveOn: isoDate(c.effectiveOn),
    reason: c.reason,
    status: c.status,
    jobId: c.jobId,
    requestedBy: c.requestedBy,
    createdAt: c.createdAt,
    startedAt: c.startedAt,
    withdrawnAt: c.withdrawnAt,
  };
}
export type CancellationView = ReturnType<typeof presentCancellation>;

/** Checks the request against the subscriber and today; returns the day it takes effect. */
async function checked(svc: ServiceContext, raw: CancellationInput) {
  const input = cancellationInput.parse(raw);
  const sub = await getSubscriber(svc, input.subscriberId);
  if (sub.status === "TERMINATED") throw conflict(`${sub.username} is already terminated`);
  if (sub.status === "PROVISIONING")
    throw conflict(`${sub.username} is provisioning; cancel its provisioning job first`);
  const today = await billingToday(svc);
  const effectiveOn = input.effectiveOn ? parseDate(input.effectiveOn) : today;
  if (effectiveOn < today) throw invalid(`The service cannot end in the past (today is ${isoDate(today)})`);
  return { ...input, sub, effectiveOn, today };
}

/** Dry run: the teardown's steps and the final invoice for that day, nothing written. */
export async function previewCancellation(svc: ServiceContext, raw: CancellationInput) {
  const { subscriberId, effectiveOn, today, reason } = await checked(svc, raw);
  const plan = await planSaga(svc, deprovisionSubscriberSaga, { subscriberId, reason, endBillingOn: effectiveOn });
  return { effectiveOn: isoDate(effectiveOn), scheduled: effectiveOn > today, plan };
}

/**
 * Requests the cancellation: on a later day it is scheduled, today it starts the teardown at
 * once (`today`: only that, for the teardown-now entries). The same request while one is open
 * returns the open one; another day is a conflict.
 */
export async function requestCancellation(
  svc: ServiceContext,
  raw: CancellationInput,
  idempotencyKey?: string | null,
  opts: { today?: boolean } = {},
) {
  return withIdempotency(svc, "subscriber.cancel", idempotencyKey, raw, async () => {
    const input = await checked(svc, raw);
    if (opts.today && input.effectiveOn > input.today)
      throw invalid(`${isoDate(input.effectiveOn)} is a later day: schedule it as a cancellation instead`);
    const open = await findOpen(svc, input.subscriberId);
    if (open) return presentCancellation(await sameOrConflict(open, input.effectiveOn));
    let created: NonNullable<Cancellation>;
    try {
      created = await svc.db.$transaction(async (tx) => {
        const row = await tx.subscriberCancellation.create({
          data: {
            tenantId: svc.tenantId,
            subscriberId: input.subscriberId,
            openFor: input.subscriberId,
            effectiveOn: input.effectiveOn,
            reason: input.reason,
            requestedBy: svc.actor.label,
          },
        });
        await recordAudit(tx, {
          tenantId: svc.tenantId,
          actor: svc.actor,
          action: "subscriber.cancellation.request",
          targetType: "Subscriber",
          targetId: input.subscriberId,
          after: { cancellationId: row.id, effectiveOn: isoDate(row.effectiveOn), reason: row.reason },
        });
        return row;
      });
    } catch (error) {
      // Two requests at once: the other one opened it.
      if (!isUniqueViolation(error)) throw error;
      const other = await findOpen(svc, input.subscriberId);
      if (!other) throw error;
      return presentCancellation(await sameOrConflict(other, input.effectiveOn));
    }
    await tellSubscriber(svc, created, "requested");
    if (input.effectiveOn <= input.today) return presentCancellation(await startCancellation(svc, created));
    return presentCancellation(created);
  });
}

/** The subscriber's notice of a cancellation requested or withdrawn (once each). */
function tellSubscriber(svc: ServiceContext, c: NonNullable<Cancellation>, status: "requested" | "withdrawn") {
  return notify(svc, {
    subscriberId: c.subscriberId,
    template: "cancellation",
    data: { status, effectiveDate: c.effectiveOn.toISOString() },
    dedupeKey: `cancellation:${c.id}:${status}`,
  });
}

async function sameOrConflict(open: NonNullable<Cancellation>, effectiveOn: Date) {
  if (open.effectiveOn.getTime() !== effectiveOn.getTime())
    throw conflict(
      `A cancellation on ${isoDate(open.effectiveOn)} is already ${open.status === "SCHEDULED" ? "scheduled; withdraw it first" : "under way"}`,
    );
  return open;
}

/** Starts the teardown of a cancellation whose day has come (one job, whoever starts it). */
async function startCancellation(svc: ServiceContext, c: NonNullable<Cancellation>) {
  const job = await startJob(
    svc,
    deprovisionSubscriberSaga,
    {
      subscriberId: c.subscriberId,
      reason: c.reason || "Cancelled at the customer's request",
      endBillingOn: isoDate(c.effectiveOn),
    },
    `cancellation:${c.id}`,
  );
  await svc.db.subscriberCancellation.updateMany({
    where: { id: c.id, status: "SCHEDULED" },
    data: { status: "STARTED", jobId: job.id, startedAt: new Date() },
  });
  return (await svc.db.subscriberCancellation.findFirst({ where: { id: c.id } })) as NonNullable<Cancellation>;
}

/** Withdraws a cancellation that has not started; the service carries on as it is. */
export async function withdrawCancellation(svc: ServiceContext, id: string) {
  const withdrawn = await svc.db.$transaction(async (tx) => {
    const [locked] = await tenantSql(tx, svc.tenantId).query<Array<{ id: string }>>`
      SELECT id FROM "SubscriberCancellation" WHERE id = ${id}::uuid AND "tenantId" = ${svc.tenantId}::uuid FOR UPDATE`;
    const c = locked && (await tx.subscriberCancellation.findFirst({ where: { id } }));
    if (!c) throw notFound("Cancellation");
    if (c.status === "WITHDRAWN") return c;
    if (c.status === "STARTED") throw conflict("The teardown has already started; it can no longer be withdrawn");
    const after = await tx.subscriberCancellation.update({
      where: { id },
      data: { status: "WITHDRAWN", openFor: null, withdrawnAt: new Date(), withdrawnBy: svc.actor.label },
    });
    await recordAudit(tx, {
      tenantId: svc.tenantId,
      actor: svc.actor,
      action: "subscriber.cancellation.withdraw",
      targetType: "Subscriber",
      targetId: c.subscriberId,
      before: { cancellationId: id, status: c.status, effectiveOn: isoDate(c.effectiveOn) },
      after: { status: "WITHDRAWN" },
    });
    return after;
  });
  await tellSubscriber(svc, withdrawn, "withdrawn");
  return presentCancellation(withdrawn);
}

/** The subscriber's open cancellation (scheduled or under way), if any. */
export async function subscriberCancellation(svc: ServiceContext, subscriberId: string) {
  await getSubscriber(svc, subscriberId);
  const open = await findOpen(svc, subscriberId);
  return open ? presentCancellation(open) : null;
}

/** The subscriber page's view: the open cancellation and today on the billing clock. */
export async function cancellationState(svc: ServiceContext, subscriberId: string) {
  const [cancellation, today] = await Promise.all([subscriberCancellation(svc, subscriberId), billingToday(svc)]);
  return { cancellation, today: isoDate(today) };
}

/** The daily pass: starts every scheduled cancellation whose day has come (billing clock). */
export async function startDueCancellations(svc: ServiceContext) {
  const today = await billingToday(svc);
  const due = await svc.db.subscriberCancellation.findMany({
    where: { status: "SCHEDULED", effectiveOn: { lte: today } },
    orderBy: { effectiveOn: "asc" },
  });
  for (const c of due) await startCancellation(svc, c);
  return { started: due.length };
}
