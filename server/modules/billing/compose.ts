// Composes the lines of a subscription's invoice from its state (pure: no database).
// Recurring charges (plan and add-ons) are billed in advance for the cycle; usage over the
// plan's cap is billed in arrears for the window since the last rating; pending one-offs,
// prorations and credits are billed once.
import type { RatedPlan, TaxRateInfo } from "./directory";
import { resolveTaxRate } from "./directory";
import { addDays, applyTax, type Cycle, daysBetween, formatMoney, isoDate, prorate, rateUsage } from "./money";

export type SubscriptionState = {
  id: string;
  subscriberId: string;
  customerId: string;
  planId: string;
  paidThrough: Date;
  usageRatedThrough: Date;
  pendingPlanId: string | null;
  pendingPlanFrom: Date | null;
};

export type PendingCharge = {
  id: string;
  kind: "ADDON" | "ONE_OFF" | "PRORATION" | "CREDIT";
  description: string;
  quantity: number;
  unitAmountMinor: number;
  taxRateId: string | null;
  periodStart: Date | null;
  periodEnd: Date | null;
  endedOn: Date | null;
};

export type DraftLine = {
  kind: "RECURRING" | "ADDON" | "PRORATION" | "USAGE" | "ONE_OFF" | "CREDIT";
  description: string;
  quantity: number;
  unitAmountMinor: number;
  netMinor: number;
  taxMinor: number;
  grossMinor: number;
  taxRateId: string | null;
  taxRateName: string | null;
  taxBasisPoints: number;
  periodStart: Date | null;
  periodEnd: Date | null;
};

export type ComposeContext = {
  currency: string;
  locale: string;
  pricesIncludeTax: boolean;
  plans: Map<string, RatedPlan>;
  taxRates: Map<string, TaxRateInfo>;
};

/** One line with its tax worked out; `amountMinor` is in the tenant's price convention. */
export function taxedLine(
  ctx: ComposeContext,
  l: Omit<DraftLine, "netMinor" | "taxMinor" | "grossMinor" | "taxRateName" | "taxBasisPoints" | "taxRateId"> & {
    amountMinor: number;
    taxRateId: string | null;
  },
): DraftLine {
  const rate = resolveTaxRate(ctx.taxRates, l.taxRateId);
  const t = applyTax(l.amountMinor, rate?.basisPoints ?? 0, ctx.pricesIncludeTax);
  return {
    kind: l.kind,
    description: l.description,
    quantity: l.quantity,
    unitAmountMinor: l.unitAmountMinor,
    periodStart: l.periodStart,
    periodEnd: l.periodEnd,
    taxRateId: rate?.id ?? null,
    taxRateName: rate?.name ?? null,
    taxBasisPoints: rate?.basisPoints ?? 0,
    ...t,
  };
}

const lastDay = (end: Date) => isoDate(addDays(end, -1));

export type ComposeInput = {
  sub: SubscriptionState;
  /** The cycle billed in advance (null for a final invoice). */
  cycle: Cycle | null;
  /** Usage is rated from sub.usageRatedThrough up to this date (exclusive). */
  usageUntil: Date;
  usageBytes: bigint;
  /** Pending one-offs, prorations and credits (billed once) and the active add-ons. */
  charges: PendingCharge[];
};

export type Composed = {
  lines: DraftLine[];
  /** The plan the subscription is on after this invoice (a pending change may apply). */
  planId: string;
  /** One-off charges now billed (they get the invoice id). */
  billedChargeIds: string[];
};

export function composeInvoice(ctx: ComposeContext, input: ComposeInput): Composed {
  const { sub, cycle } = input;
  const lines: DraftLine[] = [];
  const currentPlan = ctx.plans.get(sub.planId);
  if (!currentPlan) throw new Error(`plan ${sub.planId} of subscription ${sub.id} is missing`);

  // Usage in arrears, rated with the plan that was in effect while it was used.
  if (input.usageUntil > sub.usageRatedThrough) {
    const rated = rateUsage(input.usageBytes, currentPlan.dataCapGb, currentPlan.overagePerGbMinor);
    if (rated.overGb > 0) {
      lines.push(
        taxedLine(ctx, {
          kind: "USAGE",
          description: `Data over the ${currentPlan.dataCapGb} GB allowance: ${rated.overGb} GB × ${formatMoney(currentPlan.overagePerGbMinor, ctx.currency, ctx.locale)} (${isoDate(sub.usageRatedThrough)} – ${lastDay(input.usageUntil)})`,
          quantity: rated.overGb,
          unitAmountMinor: currentPlan.overagePerGbMinor,
          amountMinor: rated.amountMinor,
          taxRateId: currentPlan.taxRateId,
          periodStart: sub.usageRatedThrough,
          periodEnd: input.usageUntil,
        }),
      );
    }
  }

  // A change booked for the next cycle takes effect when that cycle is billed.
  let planId = sub.planId;
  if (cycle && sub.pendingPlanId && sub.pendingPlanFrom && sub.pendingPlanFrom <= cycle.start) {
    if (ctx.plans.has(sub.pendingPlanId)) planId = sub.pendingPlanId;
  }
  const plan = ctx.plans.get(planId) ?? currentPlan;

  // Recurring, in advance: the part of the cycle not yet paid for.
  if (cycle && sub.paidThrough < cycle.end) {
    const from = sub.paidThrough > cycle.start ? sub.paidThrough : cycle.start;
    const days = daysBetween(from, cycle.end);
    const full = days === cycle.days;
    const range = `${isoDate(from)} – ${lastDay(cycle.end)}`;
    lines.push(
      taxedLine(ctx, {
        kind: full ? "RECURRING" : "PRORATION",
        description: full ? `${plan.name} (${range})` : `${plan.name}, ${days} of ${cycle.days} days (${range})`,
        quantity: 1,
        unitAmountMinor: prorate(plan.priceMinor, days, cycle.days),
        amountMinor: prorate(plan.priceMinor, days, cycle.days),
        taxRateId: plan.taxRateId,
        periodStart: from,
        periodEnd: cycle.end,
      }),
    );
    for (const addon of input.charges) {
      if (addon.kind !== "ADDON") continue;
      if (addon.endedOn && addon.endedOn <= from) continue;
      const addonFrom = addon.periodStart && addon.periodStart > from ? addon.periodStart : from;
      const addonDays = daysBetween(addonFrom, cycle.end);
      if (addonDays <= 0) continue;
      const unit = prorate(addon.unitAmountMinor, addonDays, cycle.days);
      lines.push(
        taxedLine(ctx, {
          kind: "ADDON",
          description:
            addonDays === cycle.days
              ? `${addon.description} (${isoDate(addonFrom)} – ${lastDay(cycle.end)})`
              : `${addon.description}, ${addonDays} of ${cycle.days} days`,
          quantity: addon.quantity,
          unitAmountMinor: unit,
          amountMinor: unit * addon.quantity,
          taxRateId: addon.taxRateId ?? plan.taxRateId,
          periodStart: addonFrom,
          periodEnd: cycle.end,
        }),
      );
    }
  }

  // Billed once: installation, equipment, prorations of changes, credits.
  const billedChargeIds: string[] = [];
  for (const c of input.charges) {
    if (c.kind === "ADDON") continue;
    billedChargeIds.push(c.id);
    lines.push(
      taxedLine(ctx, {
        kind: c.kind,
        description: c.description,
        quantity: c.quantity,
        unitAmountMinor: c.unitAmountMinor,
        amountMinor: c.unitAmountMinor * c.quantity,
        taxRateId: c.taxRateId ?? plan.taxRateId,
        periodStart: c.periodStart,
        periodEnd: c.periodEnd,
      }),
    );
  }
  return { lines, planId, billedChargeIds };
}

export function sumLines(lines: DraftLine[]) {
  let subtotalMinor = 0;
  let taxMinor = 0;
  let totalMinor = 0;
  for (const l of lines) {
    subtotalMinor += l.netMinor;
    taxMinor += l.taxMinor;
    totalMinor += l.grossMinor;
  }
  return { subtotalMinor, taxMinor, totalMinor };
}
