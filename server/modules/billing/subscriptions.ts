// The billing contract other modules call (orchestration sagas, CRM conversion, portal):
// start, end and change a subscriber's billing subscription. Each is idempotent: calling it
// again changes nothing; ending what never started is a no-op.
//
// Billing model: the plan is billed in advance per cycle (anchored to the tenant's billing
// day); starting, ending or changing in the middle of a cycle books a day-based proration
// (see money.ts for the rounding) as a pending charge on the next invoice; ending issues
// the final invoice at once. A subscription agreed before the service is live (an accepted
// quote) waits PENDING with the agreed charges and starts at activation.
import { type DbTx, Prisma } from "@/server/db";
import { conflict, invalid, notFound } from "@/server/errors";
import { recordAudit } from "@/server/modules/audit";
import type { ServiceContext } from "@/server/service-context";
import { tenantSql } from "@/server/sql";
import { billingToday } from "./clock";
import { type BilledSubscriber, loadBillingTenant, loadPlan, type RatedPlan } from "./directory";
import { cycleContaining, daysBetween, isoDate, prorate, utcDate } from "./money";
import { billSubscriptions, SUB_COLUMNS, type SubRow } from "./run";
import { usageSource } from "./usage";

export type OneOffCharge = {
  description: string;
  amountMinor: number;
  quantity?: number;
  taxRateId?: string | null;
  /** Makes the same charge requested twice appear once. */
  key: string;
};

/** A charge row for a subscription: negative one-offs are credits (a discount). */
function chargeRow(
  tenantId: string,
  subscriptionId: string,
  kind: "ONE_OFF" | "ADDON",
  c: OneOffCharge,
  taxRateId: string | null,
): Prisma.BillingChargeCreateManyInput {
  return {
    tenantId,
    subscriptionId,
    kind: kind === "ONE_OFF" && c.amountMinor < 0 ? "CREDIT" : kind,
    description: c.description,
    quantity: kind === "ONE_OFF" ? (c.quantity ?? 1) : 1,
    unitAmountMinor: c.amountMinor,
    taxRateId: c.taxRateId === undefined ? taxRateId : c.taxRateId,
    dedupeKey: `${kind === "ONE_OFF" ? "oneoff" : "addon"}:${c.key}`,
  };
}

export async function getBillingSubscription(svc: ServiceContext, subscriberId: string) {
  return svc.db.billingSubscription.findFirst({ where: { subscriberId } });
}

/**
 * Books what a customer agreed to before their service is live (an accepted quote) on a PENDING
 * subscription: one-off charges (negative: a discount, booked as a credit) wait for the first
 * invoice, add-ons (negative: a monthly discount) are billed with the plan from the start.
 * Nothing is billed while pending; `startBillingSubscription` starts it at activation and
 * `endBillingSubscription` drops it. Charges without a tax rate take the plan's. Asking again
 * returns the subscription as it is.
 */
export async function createPendingBillingSubscription(
  svc: ServiceContext,
  subscriber: BilledSubscriber,
  opts: { planId?: string; oneOffs?: OneOffCharge[]; addons?: Omit<OneOffCharge, "quantity">[] } = {},
) {
  const subscriberId = subscriber.id;
  const existing = await getBillingSubscription(svc, subscriberId);
  if (existing && existing.status !== "ENDED") return existing;
  const tenant = await loadBillingTenant(svc);
  const plan = await loadPlan(svc, opts.planId ?? subscriber.planId);
  if (plan.currency !== tenant.currency)
    throw invalid(`Plan ${plan.code} is priced in ${plan.currency} but the tenant bills in ${tenant.currency}`);
  if ([...(opts.oneOffs ?? []), ...(opts.addons ?? [])].some((c) => !Number.isSafeInteger(c.amountMinor)))
    throw invalid("A charge is a whole number of minor units");
  const today = utcDate(await billingToday(svc));
  return svc.db.$transaction(async (tx) => {
    const data = {
      customerId: subscriber.customerId,
      planId: plan.id,
      status: "PENDING" as const,
      currency: tenant.currency,
      startedOn: today,
      endedOn: null,
      paidThrough: today,
      usageRatedThrough: today,
      pendingPlanId: null,
      pendingPlanFrom: null,
    };
    const sub = existing
      ? await tx.billingSubscription.update({ where: { id: existing.id }, data })
      : await tx.billingSubscription.create({ data: { tenantId: svc.tenantId, subscriberId, ...data } });
    const charges = [
      ...(opts.oneOffs ?? []).map((c) => chargeRow(svc.tenantId, sub.id, "ONE_OFF", c, plan.taxRateId)),
      ...(opts.addons ?? []).map((c) => chargeRow(svc.tenantId, sub.id, "ADDON", c, plan.taxRateId)),
    ];
    if (charges.length) await tx.billingCharge.createMany({ data: charges, skipDuplicates: true });
    await recordAudit(tx, {
      tenantId: svc.tenantId,
      actor: svc.actor,
      action: "billing.subscription.pending",
      targetType: "BillingSubscription",
      targetId: sub.id,
      before: existing,
      after: { ...sub, charges: charges.map((c) => ({ description: c.description, amountMinor: c.unitAmountMinor })) },
    });
    return sub;
  });
}

/**
 * Starts billing a subscriber on its current plan from `at` (default: today). Books the
 * prorated first part-cycle and the plan's setup fee (plus any extra one-offs such as
 * equipment) on the next invoice. A PENDING subscription starts with what was agreed instead
 * of the setup fee: its one-offs go on the first invoice, its add-ons start with the plan.
 * Already active: returns the subscription unchanged.
 */
export async function startBillingSubscription(
  svc: ServiceContext,
  subscriber: BilledSubscriber,
  opts: { at?: Date; planId?: string; oneOffs?: OneOffCharge[]; addons?: Omit<OneOffCharge, "quantity">[] } = {},
) {
  const subscriberId = subscriber.id;
  const existing = await getBillingSubscription(svc, subscriberId);
  if (existing?.status === "ACTIVE") return existing;
  const tenant = await loadBillingTenant(svc);
  const plan = await loadPlan(svc, opts.planId ?? subscriber.planId);
  if (plan.currency !== tenant.currency)
    throw invalid(`Plan ${plan.code} is priced in ${plan.currency} but the tenant bills in ${tenant.currency}`);
  const start = utcDate(opts.at ?? (await billingToday(svc)));
  const cycle = cycleContaining(start, tenant.billingDay);
  const days = daysBetween(start, cycle.end);
  const episode = isoDate(start);
  const fromPending = existing?.status === "PENDING";

  return svc.db.$transaction(async (tx) => {
    const data = {
      customerId: subscriber.customerId,
      planId: plan.id,
      status: "ACTIVE" as const,
      currency: tenant.currency,
      startedOn: start,
      endedOn: null,
      paidThrough: cycle.end,
      usageRatedThrough: start,
      pendingPlanId: null,
      pendingPlanFrom: null,
    };
    const sub = existing
      ? await tx.billingSubscription.update({ where: { id: existing.id }, data })
      : await tx.billingSubscription.create({ data: { tenantId: svc.tenantId, subscriberId, ...data } });
    const charges: Prisma.BillingChargeCreateManyInput[] = [
      {
        tenantId: svc.tenantId,
        subscriptionId: sub.id,
        kind: "PRORATION",
        description:
          days === cycle.days
            ? `${plan.name} (${isoDate(start)} – ${isoDate(new Date(cycle.end.getTime() - 86_400_000))})`
            : `${plan.name}, ${days} of ${cycle.days} days from ${isoDate(start)}`,
        unitAmountMinor: prorate(plan.priceMinor, days, cycle.days),
        taxRateId: plan.taxRateId,
        periodStart: start,
        periodEnd: cycle.end,
        dedupeKey: `start:${episode}`,
      },
    ];
    if (plan.setupFeeMinor > 0 && !fromPending)
      charges.push({
        tenantId: svc.tenantId,
        subscriptionId: sub.id,
        kind: "ONE_OFF",
        description: `Installation and activation (${plan.name})`,
        unitAmountMinor: plan.setupFeeMinor,
        taxRateId: plan.taxRateId,
        dedupeKey: `setup:${episode}`,
      });
    for (const c of opts.oneOffs ?? [])
      charges.push({
        tenantId: svc.tenantId,
        subscriptionId: sub.id,
        kind: "ONE_OFF",
        description: c.description,
        quantity: c.quantity ?? 1,
        unitAmountMinor: c.amountMinor,
        taxRateId: c.taxRateId ?? null,
        dedupeKey: `oneoff:${c.key}`,
      });
    // Agreed add-ons are billed from the next cycle on, like new ones.
    const agreed = fromPending
      ? await tx.billingCharge.findMany({
          where: { subscriptionId: sub.id, kind: "ADDON", invoiceId: null, periodStart: null, endedOn: null },
        })
      : [];
    if (agreed.length)
      await tx.billingCharge.updateMany({
        where: { id: { in: agreed.map((a) => a.id) } },
        data: { periodStart: cycle.end },
      });
    const addons = [
      ...agreed.map((a) => ({
        description: a.description,
        amountMinor: a.unitAmountMinor,
        taxRateId: a.taxRateId,
        key: (a.dedupeKey ?? a.id).replace(/^addon:/, ""),
      })),
      ...(opts.addons ?? []),
    ];
    for (const a of addons) {
      charges.push({
        tenantId: svc.tenantId,
        subscriptionId: sub.id,
        kind: "ADDON",
        description: a.description,
        unitAmountMinor: a.amountMinor,
        taxRateId: a.taxRateId ?? null,
        periodStart: cycle.end,
        dedupeKey: `addon:${a.key}`,
      });
      // The add-on's part of the first cycle.
      charges.push({
        tenantId: svc.tenantId,
        subscriptionId: sub.id,
        kind: "PRORATION",
        description: `${a.description}, ${days} of ${cycle.days} days from ${isoDate(start)}`,
        unitAmountMinor: prorate(a.amountMinor, days, cycle.days),
        taxRateId: a.taxRateId ?? null,
        periodStart: start,
        periodEnd: cycle.end,
        dedupeKey: `addon-start:${a.key}:${episode}`,
      });
    }
    await tx.billingCharge.createMany({ data: charges, skipDuplicates: true });
    await recordAudit(tx, {
      tenantId: svc.tenantId,
      actor: svc.actor,
      action: "billing.subscription.start",
      targetType: "BillingSubscription",
      targetId: sub.id,
      before: existing,
      after: sub,
    });
    return sub;
  });
}

/** Adds a one-off charge (equipment, late fee, unreturned equipment …) to the next invoice. */
export async function addOneOffCharge(svc: ServiceContext, subscriberId: string, charge: OneOffCharge) {
  const sub = await getBillingSubscription(svc, subscriberId);
  if (!sub) throw notFound("Billing subscription");
  if (charge.amountMinor === 0) throw invalid("A charge needs an amount");
  return svc.db.$transaction(async (tx) => {
    const dedupeKey = `oneoff:${charge.key}`;
    const found = await tx.billingCharge.findFirst({ where: { subscriptionId: sub.id, dedupeKey } });
    if (found) return found;
    const created = await tx.billingCharge.create({
      data: {
        tenantId: svc.tenantId,
        subscriptionId: sub.id,
        kind: charge.amountMinor < 0 ? "CREDIT" : "ONE_OFF",
        description: charge.description,
        quantity: charge.quantity ?? 1,
        unitAmountMinor: charge.amountMinor,
        taxRateId: charge.taxRateId ?? null,
        dedupeKey,
      },
    });
    await recordAudit(tx, {
      tenantId: svc.tenantId,
      actor: svc.actor,
      action: "billing.charge.add",
      targetType: "BillingCharge",
      targetId: created.id,
      after: created,
    });
    return created;
  });
}

/**
 * Changes the billed plan. "now": credits the old plan and charges the new one for the rest of
 * the paid cycle (two proration lines on the next invoice); "next_cycle": the new plan applies
 * from the next billed cycle. The same change requested again changes nothing.
 */
export async function changeBillingPlan(
  svc: ServiceContext,
  subscriberId: string,
  newPlanId: string,
  effective: "now" | "next_cycle",
  opts: { at?: Date } = {},
) {
  const sub = await getBillingSubscription(svc, subscriberId);
  if (!sub || sub.status !== "ACTIVE") throw notFound("Active billing subscription");
  const tenant = await loadBillingTenant(svc);
  const [oldPlan, newPlan] = await Promise.all([loadPlan(svc, sub.planId), loadPlan(svc, newPlanId)]);
  if (newPlan.currency !== tenant.currency) throw invalid(`Plan ${newPlan.code} is not priced in ${tenant.currency}`);

  if (effective === "next_cycle") {
    if (sub.planId === newPlanId && !sub.pendingPlanId) return sub;
    if (sub.pendingPlanId === newPlanId) return sub;
    return svc.db.$transaction(async (tx) => {
      const updated = await tx.billingSubscription.update({
        where: { id: sub.id },
        data:
          sub.planId === newPlanId
            ? { pendingPlanId: null, pendingPlanFrom: null }
            : { pendingPlanId: newPlanId, pendingPlanFrom: sub.paidThrough },
      });
      await recordAudit(tx, {
        tenantId: svc.tenantId,
        actor: svc.actor,
        action: "billing.subscription.change_plan",
        targetType: "BillingSubscription",
        targetId: sub.id,
        before: { planId: sub.planId, pendingPlanId: sub.pendingPlanId },
        after: { pendingPlanId: updated.pendingPlanId, from: isoDate(sub.paidThrough) },
      });
      return updated;
    });
  }

  if (sub.planId === newPlanId) return sub;
  const at = utcDate(opts.at ?? (await billingToday(svc)));
  const { days, when, charges } = changeCharges(svc.tenantId, sub, oldPlan, newPlan, at, tenant.billingDay);
  return svc.db.$transaction(async (tx) => {
    if (charges.length) await tx.billingCharge.createMany({ skipDuplicates: true, data: charges });
    const updated = await tx.billingSubscription.update({
      where: { id: sub.id },
      data: { planId: newPlanId, pendingPlanId: null, pendingPlanFrom: null },
    });
    await recordAudit(tx, {
      tenantId: svc.tenantId,
      actor: svc.actor,
      action: "billing.subscription.change_plan",
      targetType: "BillingSubscription",
      targetId: sub.id,
      before: { planId: sub.planId },
      after: { planId: newPlanId, effective: when, proratedDays: days },
    });
    return updated;
  });
}

type Sub = NonNullable<Awaited<ReturnType<typeof getBillingSubscription>>>;

/** The proration of a plan change on `at`: the unused old plan credited, the new plan charged. */
function changeCharges(
  tenantId: string,
  sub: Sub,
  oldPlan: RatedPlan,
  newPlan: RatedPlan,
  at: Date,
  billingDay: number,
) {
  const cycle = cycleContaining(
    at < sub.paidThrough ? at : new Date(sub.paidThrough.getTime() - 86_400_000),
    billingDay,
  );
  const days = at < sub.paidThrough ? daysBetween(at, sub.paidThrough) : 0;
  const cycleDays = cycle.days;
  const when = isoDate(at);
  const charges: Prisma.BillingChargeCreateManyInput[] =
    days > 0
      ? [
          {
            tenantId,
            subscriptionId: sub.id,
            kind: "CREDIT",
            description: `Unused ${oldPlan.name}, ${days} of ${cycleDays} days from ${when}`,
            unitAmountMinor: -prorate(oldPlan.priceMinor, Math.min(days, cycleDays), cycleDays),
            taxRateId: oldPlan.taxRateId,
            periodStart: at,
            periodEnd: sub.paidThrough,
            dedupeKey: `change-credit:${sub.planId}:${when}`,
          },
          {
            tenantId,
            subscriptionId: sub.id,
            kind: "PRORATION",
            description: `${newPlan.name}, ${days} of ${cycleDays} days from ${when}`,
            unitAmountMinor: prorate(newPlan.priceMinor, Math.min(days, cycleDays), cycleDays),
            taxRateId: newPlan.taxRateId,
            periodStart: at,
            periodEnd: sub.paidThrough,
            dedupeKey: `change-charge:${newPlan.id}:${when}`,
          },
        ]
      : [];
  return { days, when, charges };
}

export type BillingPreviewLine = { kind: string; description: string; amountMinor: number };

const previewLines = (charges: Prisma.BillingChargeCreateManyInput[]): BillingPreviewLine[] =>
  charges.map((c) => ({
    kind: c.kind as string,
    description: c.description,
    amountMinor: c.unitAmountMinor * (c.quantity ?? 1),
  }));

/**
 * What `changeBillingPlan` would book, without booking it (dry run and the proration preview
 * shown before a plan change is confirmed). Null when the subscriber is not billed.
 */
export async function previewBillingPlanChange(
  svc: ServiceContext,
  subscriberId: string,
  newPlanId: string,
  effective: "now" | "next_cycle",
) {
  const sub = await getBillingSubscription(svc, subscriberId);
  if (!sub || sub.status !== "ACTIVE") return null;
  const tenant = await loadBillingTenant(svc);
  const [oldPlan, newPlan] = await Promise.all([loadPlan(svc, sub.planId), loadPlan(svc, newPlanId)]);
  if (newPlan.currency !== tenant.currency) throw invalid(`Plan ${newPlan.code} is not priced in ${tenant.currency}`);
  const base = {
    subscriptionId: sub.id,
    currency: tenant.currency,
    fromPlan: { id: oldPlan.id, name: oldPlan.name, priceMinor: oldPlan.priceMinor },
    toPlan: { id: newPlan.id, name: newPlan.name, priceMinor: newPlan.priceMinor },
    effective,
  };
  if (effective === "next_cycle")
    return { ...base, effectiveOn: isoDate(sub.paidThrough), lines: [] as BillingPreviewLine[], netMinor: 0 };
  const at = utcDate(await billingToday(svc));
  const { charges } =
    sub.planId === newPlanId
      ? { charges: [] }
      : changeCharges(svc.tenantId, sub, oldPlan, newPlan, at, tenant.billingDay);
  const lines = previewLines(charges);
  return { ...base, effectiveOn: isoDate(at), lines, netMinor: lines.reduce((n, l) => n + l.amountMinor, 0) };
}

/** The credits and charges of ending `locked` on `end` (before the final invoice bills them). */
async function endCharges(tx: DbTx, tenantId: string, locked: SubRow, plan: RatedPlan, end: Date, billingDay: number) {
  const ended = isoDate(end);
  const charges: Prisma.BillingChargeCreateManyInput[] = [];
  if (end < locked.paidThrough) {
    // Credit the paid days after the end, cycle by cycle of what was paid.
    const cycle = cycleContaining(new Date(locked.paidThrough.getTime() - 86_400_000), billingDay);
    const from = end > cycle.start ? end : cycle.start;
    const days = daysBetween(from, locked.paidThrough);
    charges.push({
      tenantId,
      subscriptionId: locked.id,
      kind: "CREDIT",
      description: `Unused ${plan.name}, ${days} of ${cycle.days} days from ${ended}`,
      unitAmountMinor: -prorate(plan.priceMinor, Math.min(days, cycle.days), cycle.days),
      taxRateId: plan.taxRateId,
      periodStart: from,
      periodEnd: locked.paidThrough,
      dedupeKey: `end-credit:${ended}`,
    });
    const addons = await tx.billingCharge.findMany({
      where: { subscriptionId: locked.id, kind: "ADDON", endedOn: null },
    });
    for (const a of addons) {
      charges.push({
        tenantId,
        subscriptionId: locked.id,
        kind: "CREDIT",
        description: `Unused ${a.description}, ${days} of ${cycle.days} days`,
        quantity: a.quantity,
        unitAmountMinor: -prorate(a.unitAmountMinor, Math.min(days, cycle.days), cycle.days),
        taxRateId: a.taxRateId,
        dedupeKey: `end-credit:${a.id}:${ended}`,
      });
    }
  } else if (end > locked.paidThrough) {
    // Used but not yet billed: charge the days up to the end.
    const cycle = cycleContaining(locked.paidThrough, billingDay);
    const to = end < cycle.end ? end : cycle.end;
    const days = daysBetween(locked.paidThrough, to);
    charges.push({
      tenantId,
      subscriptionId: locked.id,
      kind: "PRORATION",
      description: `${plan.name}, ${days} of ${cycle.days} days to ${isoDate(new Date(to.getTime() - 86_400_000))}`,
      unitAmountMinor: prorate(plan.priceMinor, days, cycle.days),
      taxRateId: plan.taxRateId,
      periodStart: locked.paidThrough,
      periodEnd: to,
      dedupeKey: `end-charge:${ended}`,
    });
  }
  return charges;
}

/**
 * What `endBillingSubscription` would book on the final invoice, without ending anything (the
 * prorated credit or charge; the final invoice also bills pending charges and usage up to the
 * end). Null when the subscriber is not billed.
 */
export async function previewBillingEnd(svc: ServiceContext, subscriberId: string, at?: Date) {
  const sub = await getBillingSubscription(svc, subscriberId);
  if (!sub || sub.status !== "ACTIVE") return null;
  const tenant = await loadBillingTenant(svc);
  const end = utcDate(at ?? (await billingToday(svc)));
  if (end < sub.startedOn) throw invalid("A subscription cannot end before it started");
  const plan = await loadPlan(svc, sub.planId);
  const [row] = await tenantSql(svc.db, svc.tenantId).query<SubRow[]>(Prisma.sql`
    SELECT ${SUB_COLUMNS} FROM "BillingSubscription" WHERE "tenantId" = ${svc.tenantId}::uuid AND "id" = ${sub.id}::uuid`);
  const lines = previewLines(
    await endCharges(svc.db as unknown as DbTx, svc.tenantId, row, plan, end, tenant.billingDay),
  );
  return {
    subscriptionId: sub.id,
    currency: tenant.currency,
    plan: { id: plan.id, name: plan.name },
    endsOn: isoDate(end),
    lines,
    netMinor: lines.reduce((n, l) => n + l.amountMinor, 0),
  };
}

/**
 * Ends billing on `at` (exclusive: the last billed day is the day before). Credits the paid
 * days after it, rates the usage up to it and issues the final invoice at once. Ending again
 * returns the same final invoice; ending what never started is a no-op (null).
 */
export async function endBillingSubscription(svc: ServiceContext, subscriberId: string, at?: Date) {
  const existing = await getBillingSubscription(svc, subscriberId);
  if (!existing) return null;
  if (existing.status === "PENDING") return { subscription: await dropPending(svc, existing.id), finalInvoice: null };
  if (existing.status === "ENDED") {
    const final = await svc.db.invoice.findFirst({
      where: { subscriptionId: existing.id, kind: "final" },
      orderBy: { createdAt: "desc" },
    });
    return { subscription: existing, finalInvoice: final };
  }
  const tenant = await loadBillingTenant(svc);
  const end = utcDate(at ?? (await billingToday(svc)));
  if (end < existing.startedOn) throw invalid("A subscription cannot end before it started");
  const issueDate = await billingToday(svc);

  const result = await svc.db.$transaction(
    async (tx) => {
      const [locked] = await tenantSql(tx, svc.tenantId).query<SubRow[]>(Prisma.sql`
        SELECT ${SUB_COLUMNS} FROM "BillingSubscription" WHERE "tenantId" = ${svc.tenantId}::uuid AND "id" = ${existing.id}::uuid FOR UPDATE`);
      if (locked.status !== "ACTIVE") return null;
      const plan = await loadPlan(svc, locked.planId);
      const charges = await endCharges(tx as unknown as DbTx, svc.tenantId, locked, plan, end, tenant.billingDay);
      if (charges.length) await tx.billingCharge.createMany({ data: charges, skipDuplicates: true });
      await tx.billingCharge.updateMany({
        where: { subscriptionId: locked.id, kind: "ADDON", endedOn: null },
        data: { endedOn: end },
      });
      const [invoice] = await billSubscriptions(tx as unknown as DbTx, [locked], {
        tenant,
        cycle: null,
        usageUntil: () => end,
        billingRunId: null,
        kind: "final",
        issueDate,
        usage: usageSource,
      });
      const sub = await tx.billingSubscription.update({
        where: { id: locked.id },
        data: { status: "ENDED", endedOn: end, paidThrough: end < locked.paidThrough ? end : locked.paidThrough },
      });
      await recordAudit(tx, {
        tenantId: svc.tenantId,
        actor: svc.actor,
        action: "billing.subscription.end",
        targetType: "BillingSubscription",
        targetId: locked.id,
        before: existing,
        after: { ...sub, finalInvoice: invoice?.number },
      });
      return sub;
    },
    { timeout: 30_000 },
  );
  if (!result) return endBillingSubscription(svc, subscriberId, at);
  const finalInvoice = await svc.db.invoice.findFirst({
    where: { subscriptionId: existing.id, kind: "final" },
    orderBy: { createdAt: "desc" },
  });
  return { subscription: result, finalInvoice };
}

/** Refuses to work on another currency than the tenant's (used by manual invoices). */
export function assertCurrency(tenantCurrency: string, currency: string) {
  if (tenantCurrency !== currency) throw conflict(`This tenant bills in ${tenantCurrency}, not ${currency}`);
}

/**
 * Ends a subscription that never started (its install cancelled): the agreed charges are
 * dropped, nothing is invoiced. Anything else is left alone (null).
 */
export async function cancelPendingBillingSubscription(svc: ServiceContext, subscriberId: string) {
  const existing = await getBillingSubscription(svc, subscriberId);
  return existing?.status === "PENDING" ? dropPending(svc, existing.id) : null;
}

async function dropPending(svc: ServiceContext, subscriptionId: string) {
  const today = utcDate(await billingToday(svc));
  return svc.db.$transaction(async (tx) => {
    const [locked] = await tenantSql(tx, svc.tenantId).query<SubRow[]>(Prisma.sql`
      SELECT ${SUB_COLUMNS} FROM "BillingSubscription" WHERE "tenantId" = ${svc.tenantId}::uuid AND "id" = ${subscriptionId}::uuid FOR UPDATE`);
    const before = await tx.billingSubscription.findFirstOrThrow({ where: { id: subscriptionId } });
    if (locked.status !== "PENDING") return before;
    const dropped = await tx.billingCharge.findMany({ where: { subscriptionId, invoiceId: null } });
    await tx.billingCharge.deleteMany({ where: { subscriptionId, invoiceId: null } });
    const sub = await tx.billingSubscription.update({
      where: { id: subscriptionId },
      data: { status: "ENDED", endedOn: today },
    });
    await recordAudit(tx, {
      tenantId: svc.tenantId,
      actor: svc.actor,
      action: "billing.subscription.cancel",
      targetType: "BillingSubscription",
      targetId: subscriptionId,
      before: {
        ...before,
        charges: dropped.map((c) => ({ description: c.description, amountMinor: c.unitAmountMinor })),
      },
      after: sub,
    });
    return sub;
  });
}

/**
 * Takes back a start from PENDING that nothing was invoiced on yet (provisioning rolled back
 * before the service went live): the first part-cycle is dropped and the agreed charges wait
 * for the next start again. Anything else is left alone (null).
 */
export async function reopenPendingBillingSubscription(svc: ServiceContext, subscriberId: string) {
  const existing = await getBillingSubscription(svc, subscriberId);
  if (existing?.status !== "ACTIVE") return null;
  return svc.db.$transaction(async (tx) => {
    const [locked] = await tenantSql(tx, svc.tenantId).query<SubRow[]>(Prisma.sql`
      SELECT ${SUB_COLUMNS} FROM "BillingSubscription" WHERE "tenantId" = ${svc.tenantId}::uuid AND "id" = ${existing.id}::uuid FOR UPDATE`);
    if (locked.status !== "ACTIVE" || (await tx.invoice.count({ where: { subscriptionId: existing.id } }))) return null;
    await tx.billingCharge.deleteMany({ where: { subscriptionId: existing.id, invoiceId: null, kind: "PRORATION" } });
    await tx.billingCharge.updateMany({
      where: { subscriptionId: existing.id, invoiceId: null, kind: "ADDON" },
      data: { periodStart: null },
    });
    const sub = await tx.billingSubscription.update({
      where: { id: existing.id },
      data: { status: "PENDING", paidThrough: existing.startedOn, usageRatedThrough: existing.startedOn },
    });
    await recordAudit(tx, {
      tenantId: svc.tenantId,
      actor: svc.actor,
      action: "billing.subscription.reopen",
      targetType: "BillingSubscription",
      targetId: sub.id,
      before: existing,
      after: sub,
    });
    return sub;
  });
}

/**
 * The next invoice of an ended subscription: the charges booked after its final invoice (an
 * unreturned item), issued at once, as no billing run bills an ended subscription. Nothing
 * pending (or not ended): null. Run twice, the second finds nothing pending.
 */
export async function invoiceEndedCharges(svc: ServiceContext, subscriberId: string) {
  const existing = await getBillingSubscription(svc, subscriberId);
  if (existing?.status !== "ENDED") return null;
  const tenant = await loadBillingTenant(svc);
  const issueDate = await billingToday(svc);
  const invoiceId = await svc.db.$transaction(
    async (tx) => {
      const [locked] = await tenantSql(tx, svc.tenantId).query<SubRow[]>(Prisma.sql`
        SELECT ${SUB_COLUMNS} FROM "BillingSubscription" WHERE "tenantId" = ${svc.tenantId}::uuid AND "id" = ${existing.id}::uuid FOR UPDATE`);
      const pending = await tx.billingCharge.count({ where: { subscriptionId: locked.id, invoiceId: null } });
      if (!pending) return null;
      const [invoice] = await billSubscriptions(tx as unknown as DbTx, [locked], {
        tenant,
        cycle: null,
        usageUntil: (s) => s.usageRatedThrough,
        billingRunId: null,
        kind: "charges",
        issueDate,
        usage: usageSource,
      });
      await recordAudit(tx, {
        tenantId: svc.tenantId,
        actor: svc.actor,
        action: "billing.subscription.invoice_ended_charges",
        targetType: "BillingSubscription",
        targetId: locked.id,
        after: { invoice: invoice?.number, totalMinor: invoice?.totalMinor },
      });
      return invoice?.id ?? null;
    },
    { timeout: 30_000 },
  );
  return invoiceId ? svc.db.invoice.findFirst({ where: { id: invoiceId } }) : null;
}
