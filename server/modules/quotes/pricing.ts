// Quote arithmetic, all in integer minor units of the tenant's currency:
// - lines are quantity × unit, in the tenant's price convention (gross when prices include tax);
// - a discount (basis points) is taken off the monthly and off the one-off lines, each as one
//   DISCOUNT line rounded half up to the minor unit (so it never makes a line fraction);
// - tax is worked out once per group (monthly, one-off) on the discounted sum with billing's
//   applyTax, the same rounding invoices use, so the first invoice matches the quote.
import { applyTax, type TaxedAmount } from "@/server/modules/billing";

export type QuoteLineKind = "PLAN" | "INSTALLATION" | "EQUIPMENT" | "ADDON" | "BUILD" | "DISCOUNT";

export type PricedLine = {
  kind: QuoteLineKind;
  description: string;
  recurring: boolean;
  quantity: number;
  unitMinor: number;
  amountMinor: number;
};

export type QuotePricing = {
  lines: PricedLine[];
  monthly: TaxedAmount;
  oneOff: TaxedAmount;
};

/** round(amount × bp / 10 000), half up, for non-negative integers. */
export function basisPointsOf(amountMinor: number, basisPoints: number): number {
  if (!Number.isSafeInteger(amountMinor) || amountMinor < 0) throw new Error("amount must be a non-negative integer");
  return Math.floor((amountMinor * basisPoints + 5000) / 10_000);
}

export function priceQuote(
  items: Array<Omit<PricedLine, "amountMinor">>,
  opts: { discountBasisPoints: number; taxBasisPoints: number; pricesIncludeTax: boolean },
): QuotePricing {
  if (opts.discountBasisPoints < 0 || opts.discountBasisPoints > 10_000)
    throw new Error("a discount is between 0 and 100%");
  const lines: PricedLine[] = items.map((i) => {
    if (!Number.isInteger(i.quantity) || i.quantity < 1) throw new Error("a quantity is a whole number from 1");
    if (!Number.isSafeInteger(i.unitMinor) || i.unitMinor < 0)
      throw new Error("a price is a whole number of minor units");
    return { ...i, amountMinor: i.quantity * i.unitMinor };
  });
  const group = (recurring: boolean) => {
    const list = lines.filter((l) => l.recurring === recurring).reduce((s, l) => s + l.amountMinor, 0);
    const discount = basisPointsOf(list, opts.discountBasisPoints);
    return { list, discount };
  };
  const monthly = group(true);
  const oneOff = group(false);
  const pct = `${opts.discountBasisPoints / 100}%`;
  if (monthly.discount > 0)
    lines.push({
      kind: "DISCOUNT",
      description: `Discount ${pct} on the monthly price`,
      recurring: true,
      quantity: 1,
      unitMinor: -monthly.discount,
      amountMinor: -monthly.discount,
    });
  if (oneOff.discount > 0)
    lines.push({
      kind: "DISCOUNT",
      description: `Discount ${pct} on one-off charges`,
      recurring: false,
      quantity: 1,
      unitMinor: -oneOff.discount,
      amountMinor: -oneOff.discount,
    });
  return {
    lines,
    monthly: applyTax(monthly.list - monthly.discount, opts.taxBasisPoints, opts.pricesIncludeTax),
    oneOff: applyTax(oneOff.list - oneOff.discount, opts.taxBasisPoints, opts.pricesIncludeTax),
  };
}

type BillingCharge = { description: string; amountMinor: number; quantity?: number; key: string };

/**
 * What billing keeps of an accepted quote's lines. The plan is the subscription itself; the
 * one-off lines (installation, equipment, build, their discount) go on the first invoice as
 * quoted; the other monthly lines (add-ons, rented equipment, the monthly discount) are billed
 * with the plan every cycle. Keyed by quote and line, so booking them twice books them once.
 */
export function billingChargesOf(quoteId: string, lines: Array<PricedLine & { position: number }>) {
  const key = (l: { position: number }) => `quote:${quoteId}:${l.position}`;
  const oneOffs: BillingCharge[] = lines
    .filter((l) => !l.recurring)
    .map((l) => ({ description: l.description, quantity: l.quantity, amountMinor: l.unitMinor, key: key(l) }));
  const addons: BillingCharge[] = lines
    .filter((l) => l.recurring && l.kind !== "PLAN")
    .map((l) => ({
      description: l.quantity > 1 ? `${l.description} × ${l.quantity}` : l.description,
      amountMinor: l.amountMinor,
      key: key(l),
    }));
  return { oneOffs, addons };
}
