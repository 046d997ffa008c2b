// Commission arithmetic, pure: what a plan pays on a partner's invoices and activations, and
// the ledger revisions that bring the recorded amounts to it. Integer minor units; shares
// round down (a partner is never paid a fraction the ISP did not collect).
import type { CommissionableInvoice } from "@/server/modules/billing";

export type CommissionTerms = {
  kind: "PERCENT_RECURRING" | "FLAT_ACTIVATION" | "TIERED";
  basisPoints: number;
  flatMinor: number;
  tiers: Array<{ minCustomers: number; basisPoints: number }>;
  maxMonths: number | null;
  clawbackDays: number;
  currency: string;
};

export type Source = "INVOICE" | "ACTIVATION";

export type Desired = {
  source: Source;
  sourceId: string;
  customerId: string;
  subscriberId: string | null;
  amountMinor: number;
  currency: string;
  label: string;
  /** Why the amount would be lower than what was recorded. */
  clawbackReason: string;
  /** The plan decided the clawback window itself (churn): the ledger's own window does not apply. */
  windowDecided?: boolean;
};

export type RecordedEntry = { source: Source; sourceId: string; amountMinor: number; createdAt: Date };

export type Revision = Desired & { revision: number; description: string };

const DAY = 86_400_000;

/** What the ISP kept of an invoice: paid, less credit notes, never below zero. */
export function collectedMinor(
  inv: Pick<CommissionableInvoice, "void" | "paidMinor" | "totalMinor" | "creditedMinor">,
) {
  if (inv.void) return 0;
  return Math.max(0, Math.min(inv.paidMinor, inv.totalMinor - inv.creditedMinor));
}

/** The rate of a tiered plan for a partner with this many paying customers. */
export function tierRate(tiers: CommissionTerms["tiers"], payingCustomers: number): number {
  let rate = 0;
  for (const t of [...tiers].sort((a, b) => a.minCustomers - b.minCustomers))
    if (payingCustomers >= t.minCustomers) rate = t.basisPoints;
  return rate;
}

function addMonths(date: Date, months: number) {
  const d = new Date(date);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d;
}

/** Whether the invoice's period starts within the plan's first `maxMonths` of the subscription. */
export function withinMonths(inv: CommissionableInvoice, maxMonths: number | null) {
  if (maxMonths === null || !inv.subscriptionStartedOn || !inv.periodStart) return true;
  return inv.periodStart < addMonths(inv.subscriptionStartedOn, maxMonths);
}

/**
 * The commission on one invoice at `basisPoints`: the collected share of its recurring net
 * (tax, usage and one-off fees earn nothing), times the rate, rounded down.
 */
export function invoiceCommission(inv: CommissionableInvoice, basisPoints: number, maxMonths: number | null) {
  if (inv.totalMinor <= 0 || inv.recurringNetMinor <= 0 || !withinMonths(inv, maxMonths)) return 0;
  const collected = BigInt(collectedMinor(inv));
  const share = (collected * BigInt(inv.recurringNetMinor) * BigInt(basisPoints)) / (BigInt(inv.totalMinor) * 10_000n);
  return Number(share);
}

/** What the plan pays on these invoices (all of one partner's direct customers). */
export function desiredCommissions(terms: CommissionTerms, invoices: CommissionableInvoice[]): Desired[] {
  if (terms.kind === "FLAT_ACTIVATION") return activations(terms, invoices);
  const paying = new Set(invoices.filter((i) => collectedMinor(i) > 0).map((i) => i.customerId)).size;
  const rate = terms.kind === "TIERED" ? tierRate(terms.tiers, paying) : terms.basisPoints;
  return invoices.map((inv) => {
    // A service that ended within the window earns nothing: what its invoices paid is clawed back.
    const churn = churned(inv, terms.clawbackDays);
    return {
      source: "INVOICE" as const,
      sourceId: inv.id,
      customerId: inv.customerId,
      subscriberId: inv.subscriberId,
      amountMinor: churn ? 0 : invoiceCommission(inv, rate, terms.maxMonths),
      currency: inv.currency,
      label: `invoice ${inv.number ?? inv.id.slice(0, 8)}`,
      clawbackReason: churn
        ? churnReason(terms)
        : inv.void
          ? "voided"
          : inv.creditedMinor > 0
            ? "credit note"
            : "refund",
      ...(churn ? { windowDecided: true } : {}),
    };
  });
}

/** Whether the invoice's subscription ended within `days` of starting (churn). */
function churned(inv: Pick<CommissionableInvoice, "subscriptionStartedOn" | "subscriptionEndedOn">, days: number) {
  const { subscriptionStartedOn: start, subscriptionEndedOn: end } = inv;
  return Boolean(start && end && end.getTime() - start.getTime() <= days * DAY);
}

const churnReason = (terms: CommissionTerms) => `service ended within ${terms.clawbackDays} days`;

/**
 * Flat per activation: earned once a subscriber's first invoice is paid in full; clawed back
 * when the subscription ends within the plan's window after it started (churn).
 */
function activations(terms: CommissionTerms, invoices: CommissionableInvoice[]): Desired[] {
  const bySubscriber = new Map<string, CommissionableInvoice[]>();
  for (const inv of invoices) {
    if (!inv.subscriberId) continue;
    bySubscriber.set(inv.subscriberId, [...(bySubscriber.get(inv.subscriberId) ?? []), inv]);
  }
  const out: Desired[] = [];
  for (const [subscriberId, list] of bySubscriber) {
    const paid = list.some((i) => i.totalMinor > 0 && collectedMinor(i) >= i.totalMinor);
    const churn = churned(list[0]!, terms.clawbackDays);
    out.push({
      source: "ACTIVATION",
      sourceId: subscriberId,
      customerId: list[0]!.customerId,
      subscriberId,
      amountMinor: paid && !churn ? terms.flatMinor : 0,
      currency: terms.currency,
      label: `activation of subscriber ${subscriberId.slice(0, 8)}`,
      clawbackReason: churn ? churnReason(terms) : "first invoice no longer paid",
      windowDecided: true,
    });
  }
  return out;
}

/**
 * The revisions that bring the ledger to `desired`: one per source whose recorded sum differs.
 * A reduction more than `clawbackDays` after the commission was first recorded is not clawed
 * back (the partner keeps it), unless the plan decided the window itself.
 */
export function ledgerRevisions(
  desired: Desired[],
  recorded: RecordedEntry[],
  clawbackDays: number,
  now: Date,
): Revision[] {
  const key = (s: { source: Source; sourceId: string }) => `${s.source}:${s.sourceId}`;
  const bySource = new Map<string, RecordedEntry[]>();
  for (const e of recorded) bySource.set(key(e), [...(bySource.get(key(e)) ?? []), e]);
  const out: Revision[] = [];
  for (const d of desired) {
    const entries = bySource.get(key(d)) ?? [];
    const current = entries.reduce((sum, e) => sum + e.amountMinor, 0);
    const delta = d.amountMinor - current;
    if (delta === 0) continue;
    if (delta < 0 && !d.windowDecided) {
      const first = Math.min(...entries.map((e) => e.createdAt.getTime()));
      if (now.getTime() - first > clawbackDays * DAY) continue;
    }
    const description =
      entries.length === 0
        ? `Commission on ${d.label}`
        : delta < 0
          ? `Clawback on ${d.label} (${d.clawbackReason})`
          : `Adjustment on ${d.label}`;
    out.push({ ...d, amountMinor: delta, revision: entries.length, description });
  }
  return out;
}
