// Pure billing arithmetic: currency minor units, the billing calendar, proration, tax and
// usage rating. Everything is integer minor units; every rounding is stated here once.
//
// Rounding rules (the ones the invoice shows):
// - Proration is day-based: amount × days ÷ daysInCycle, rounded half away from zero to the
//   currency's minor unit. The cycle length is the real number of days of that cycle (28–31),
//   so February in a leap year has 29. A credit for unused days and the charge of the new
//   plan are each rounded on their own.
// - Tax is computed per invoice line and rounded half away from zero; the invoice tax is the
//   sum of its lines. Exclusive prices: tax = net × rate. Inclusive prices: net = gross ÷
//   (1 + rate) rounded, tax = gross − net (so net + tax is always exactly the gross price).
// - Usage over the cap is charged per started GB (1 GB = 10^9 bytes): 1 byte over = 1 GB.
// - Billing dates are calendar dates in UTC; a billing day of 29–31 falls on the last day
//   of shorter months.

const DAY_MS = 86_400_000;

export { currencyDigits, formatMoney, parseMajor } from "@/lib/money";

/** a × b ÷ c rounded half away from zero, exact for |a × b| < 2^53. */
export function mulDivRound(a: number, b: number, c: number): number {
  if (c <= 0) throw new Error("divisor must be positive");
  const product = a * b;
  if (!Number.isSafeInteger(product)) {
    const p = BigInt(a) * BigInt(b);
    const C = BigInt(c);
    const neg = p < 0n;
    const abs = neg ? -p : p;
    const q = (abs * 2n + C) / (2n * C);
    return Number(neg ? -q : q);
  }
  const neg = product < 0;
  const abs = Math.abs(product);
  const q = Math.floor((abs * 2 + c) / (2 * c));
  return neg ? -q : q;
}

// ---------- calendar ----------

/** The UTC date (midnight) of a moment. */
export function utcDate(d: Date): Date {
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
}

export function addDays(d: Date, days: number): Date {
  return new Date(d.getTime() + days * DAY_MS);
}

/** Whole days from a to b (dates at UTC midnight). */
export function daysBetween(a: Date, b: Date): number {
  return Math.round((utcDate(b).getTime() - utcDate(a).getTime()) / DAY_MS);
}

export function isoDate(d: Date): string {
  return utcDate(d).toISOString().slice(0, 10);
}

export function parseDate(s: string): Date {
  const d = new Date(`${s}T00:00:00.000Z`);
  if (Number.isNaN(d.getTime())) throw new Error(`"${s}" is not a date`);
  return d;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
}

/** The billing anchor in a given month: the billing day, or the month's last day if shorter. */
export function anchorIn(year: number, month: number, billingDay: number): Date {
  const y = year + Math.floor(month / 12);
  const m = ((month % 12) + 12) % 12;
  return new Date(Date.UTC(y, m, Math.min(Math.max(1, billingDay), daysInMonth(y, m))));
}

export type Cycle = { start: Date; end: Date; days: number };

/** The billing cycle [start, end) that contains `date`, anchored to the tenant's billing day. */
export function cycleContaining(date: Date, billingDay: number): Cycle {
  const d = utcDate(date);
  let start = anchorIn(d.getUTCFullYear(), d.getUTCMonth(), billingDay);
  if (start > d) start = anchorIn(d.getUTCFullYear(), d.getUTCMonth() - 1, billingDay);
  const end = anchorIn(start.getUTCFullYear(), start.getUTCMonth() + 1, billingDay);
  return { start, end, days: daysBetween(start, end) };
}

/** The cycle that starts at `end` of the given one. */
export function nextCycle(cycle: Cycle, billingDay: number): Cycle {
  return cycleContaining(cycle.end, billingDay);
}

// ---------- proration ----------

/** The part of a cycle's price for `days` of the cycle (see the rounding rules above). */
export function prorate(amountMinor: number, days: number, cycleDays: number): number {
  if (days < 0 || days > cycleDays) throw new Error(`cannot prorate ${days} days of a ${cycleDays}-day cycle`);
  if (days === cycleDays) return amountMinor;
  return mulDivRound(amountMinor, days, cycleDays);
}

/** Charge for using a service from `from` (inclusive) to the end of its cycle. */
export function prorateFrom(amountMinor: number, from: Date, billingDay: number) {
  const cycle = cycleContaining(from, billingDay);
  const days = daysBetween(from, cycle.end);
  return { cycle, days, amountMinor: prorate(amountMinor, days, cycle.days) };
}

// ---------- tax ----------

export type TaxedAmount = { netMinor: number; taxMinor: number; grossMinor: number };

/**
 * Splits an amount into net, tax and gross. `amountMinor` is in the tenant's price
 * convention: gross when prices include tax, net otherwise. Basis points: 20% = 2000.
 */
export function applyTax(amountMinor: number, basisPoints: number, pricesIncludeTax: boolean): TaxedAmount {
  if (basisPoints < 0) throw new Error("a tax rate cannot be negative");
  if (basisPoints === 0) return { netMinor: amountMinor, taxMinor: 0, grossMinor: amountMinor };
  if (pricesIncludeTax) {
    const net = mulDivRound(amountMinor, 10_000, 10_000 + basisPoints);
    return { netMinor: net, taxMinor: amountMinor - net, grossMinor: amountMinor };
  }
  const tax = mulDivRound(amountMinor, basisPoints, 10_000);
  return { netMinor: amountMinor, taxMinor: tax, grossMinor: amountMinor + tax };
}

export type LineInput = {
  amountMinor: number;
  taxRateId: string | null;
  taxRateName: string | null;
  basisPoints: number;
};

export type TaxSummaryRow = { taxRateId: string | null; name: string; basisPoints: number } & TaxedAmount;

/** Invoice totals from its lines, and a summary per tax rate (for the PDF). */
export function invoiceTotals(lines: LineInput[], pricesIncludeTax: boolean) {
  const taxed = lines.map((l) => applyTax(l.amountMinor, l.basisPoints, pricesIncludeTax));
  const byRate = new Map<string, TaxSummaryRow>();
  lines.forEach((l, i) => {
    const key = `${l.taxRateId ?? "none"}:${l.basisPoints}`;
    const row = byRate.get(key) ?? {
      taxRateId: l.taxRateId,
      name: l.taxRateName ?? (l.basisPoints ? `${l.basisPoints / 100}%` : "No tax"),
      basisPoints: l.basisPoints,
      netMinor: 0,
      taxMinor: 0,
      grossMinor: 0,
    };
    row.netMinor += taxed[i].netMinor;
    row.taxMinor += taxed[i].taxMinor;
    row.grossMinor += taxed[i].grossMinor;
    byRate.set(key, row);
  });
  const sum = (k: keyof TaxedAmount) => taxed.reduce((s, t) => s + t[k], 0);
  return {
    lines: taxed,
    subtotalMinor: sum("netMinor"),
    taxMinor: sum("taxMinor"),
    totalMinor: sum("grossMinor"),
    byRate: [...byRate.values()],
  };
}

// ---------- usage rating ----------

export const BYTES_PER_GB = 1_000_000_000n;

/** GB over the cap (per started GB) and its charge. No cap = unlimited = nothing to charge. */
export function rateUsage(usedBytes: bigint, dataCapGb: number | null, overagePerGbMinor: number) {
  if (dataCapGb === null || overagePerGbMinor <= 0) return { overGb: 0, amountMinor: 0 };
  const over = usedBytes - BigInt(dataCapGb) * BYTES_PER_GB;
  if (over <= 0n) return { overGb: 0, amountMinor: 0 };
  const overGb = Number((over + BYTES_PER_GB - 1n) / BYTES_PER_GB);
  return { overGb, amountMinor: overGb * overagePerGbMinor };
}
