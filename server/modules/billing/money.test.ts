import { describe, expect, it } from "vitest";
import {
  applyTax,
  currencyDigits,
  cycleContaining,
  formatMoney,
  invoiceTotals,
  mulDivRound,
  parseDate,
  parseMajor,
  prorate,
  prorateFrom,
  rateUsage,
} from "./money";

const d = parseDate;

describe("currency minor units", () => {
  it("knows the decimals of EUR, JPY and BHD", () => {
    expect(currencyDigits("EUR")).toBe(2);
    expect(currencyDigits("JPY")).toBe(0);
    expect(currencyDigits("BHD")).toBe(3);
  });
  it("formats and parses amounts exactly", () => {
    expect(formatMoney(123456, "EUR")).toBe("€1,234.56");
    expect(formatMoney(5000, "JPY")).toBe("¥5,000");
    expect(formatMoney(12345, "BHD")).toContain("12.345");
    expect(parseMajor("12.30", "EUR")).toBe(1230);
    expect(parseMajor("5000", "JPY")).toBe(5000);
    expect(parseMajor("1.5", "BHD")).toBe(1500);
    expect(() => parseMajor("1.234", "EUR")).toThrow();
  });
});

describe("billing calendar", () => {
  it("anchors cycles to the billing day", () => {
    const c = cycleContaining(d("2026-03-20"), 15);
    expect(c.start).toEqual(d("2026-03-15"));
    expect(c.end).toEqual(d("2026-04-15"));
    expect(c.days).toBe(31);
    const before = cycleContaining(d("2026-03-10"), 15);
    expect(before.start).toEqual(d("2026-02-15"));
    expect(before.days).toBe(28);
  });
  it("counts February in leap years", () => {
    expect(cycleContaining(d("2028-02-10"), 1).days).toBe(29);
    expect(cycleContaining(d("2027-02-10"), 1).days).toBe(28);
  });
  it("puts billing day 31 on the last day of short months", () => {
    const c = cycleContaining(d("2026-02-28"), 31);
    expect(c.start).toEqual(d("2026-02-28"));
    expect(c.end).toEqual(d("2026-03-31"));
    const jan = cycleContaining(d("2026-02-27"), 31);
    expect(jan.start).toEqual(d("2026-01-31"));
    expect(jan.end).toEqual(d("2026-02-28"));
  });
  it("crosses the year boundary", () => {
    const c = cycleContaining(d("2026-12-31"), 5);
    expect(c.start).toEqual(d("2026-12-05"));
    expect(c.end).toEqual(d("2027-01-05"));
  });
});

describe("proration", () => {
  it("charges whole cycles exactly and parts by day, half away from zero", () => {
    expect(prorate(3000, 30, 30)).toBe(3000);
    expect(prorate(3000, 0, 30)).toBe(0);
    expect(prorate(1000, 1, 3)).toBe(333);
    expect(prorate(1000, 2, 3)).toBe(667);
    expect(prorate(-1000, 2, 3)).toBe(-667);
    expect(prorate(4999, 15, 31)).toBe(2419); // 2418.87…
  });
  it("starts mid-cycle in a leap February", () => {
    const p = prorateFrom(2900, d("2028-02-15"), 1);
    expect(p.cycle.days).toBe(29);
    expect(p.days).toBe(15);
    expect(p.amountMinor).toBe(1500);
  });
  it("prorates JPY (no decimals) and BHD (3 decimals) in their own minor unit", () => {
    expect(prorateFrom(5000, d("2026-04-11"), 1).amountMinor).toBe(3333); // 20/30 of ¥5000
    expect(prorateFrom(12500, d("2026-04-11"), 1).amountMinor).toBe(8333); // BHD 12.500 → 8.333
  });
  it("a mid-cycle change credits the old plan and charges the new one for the same days", () => {
    const from = d("2026-06-10");
    const oldPart = prorateFrom(3000, from, 1);
    const newPart = prorateFrom(5000, from, 1);
    expect(oldPart.days).toBe(21);
    expect(oldPart.amountMinor).toBe(2100);
    expect(newPart.amountMinor).toBe(3500);
    expect(newPart.amountMinor - oldPart.amountMinor).toBe(1400);
  });
  it("stays exact on very large amounts", () => {
    expect(mulDivRound(9_007_199_254_740, 1_000, 3)).toBe(3_002_399_751_580_000);
  });
});

describe("tax", () => {
  it("adds tax to exclusive prices", () => {
    expect(applyTax(1000, 2000, false)).toEqual({ netMinor: 1000, taxMinor: 200, grossMinor: 1200 });
    expect(applyTax(999, 1900, false)).toEqual({ netMinor: 999, taxMinor: 190, grossMinor: 1189 });
  });
  it("extracts tax from inclusive prices so net + tax = price", () => {
    expect(applyTax(1200, 2000, true)).toEqual({ netMinor: 1000, taxMinor: 200, grossMinor: 1200 });
    const t = applyTax(4999, 1900, true);
    expect(t.netMinor + t.taxMinor).toBe(4999);
    expect(t.netMinor).toBe(4201);
  });
  it("zero-rated lines have no tax", () => {
    expect(applyTax(5000, 0, true)).toEqual({ netMinor: 5000, taxMinor: 0, grossMinor: 5000 });
  });
  it("sums several rates per line and summarises them per rate", () => {
    const totals = invoiceTotals(
      [
        { amountMinor: 3000, taxRateId: "std", taxRateName: "VAT 20%", basisPoints: 2000 },
        { amountMinor: 1000, taxRateId: "red", taxRateName: "VAT 5%", basisPoints: 500 },
        { amountMinor: 1001, taxRateId: "red", taxRateName: "VAT 5%", basisPoints: 500 },
        { amountMinor: 700, taxRateId: null, taxRateName: null, basisPoints: 0 },
        { amountMinor: -500, taxRateId: "std", taxRateName: "VAT 20%", basisPoints: 2000 },
      ],
      false,
    );
    expect(totals.subtotalMinor).toBe(5201);
    expect(totals.taxMinor).toBe(600 + 50 + 50 - 100);
    expect(totals.totalMinor).toBe(totals.subtotalMinor + totals.taxMinor);
    expect(totals.byRate.map((r) => [r.name, r.netMinor, r.taxMinor])).toEqual([
      ["VAT 20%", 2500, 500],
      ["VAT 5%", 2001, 100],
      ["No tax", 700, 0],
    ]);
  });
});

describe("usage rating", () => {
  const GB = 1_000_000_000n;
  it("charges each started GB over the cap", () => {
    expect(rateUsage(100n * GB, 100, 200)).toEqual({ overGb: 0, amountMinor: 0 });
    expect(rateUsage(100n * GB + 1n, 100, 200)).toEqual({ overGb: 1, amountMinor: 200 });
    expect(rateUsage(112n * GB + GB / 2n, 100, 200)).toEqual({ overGb: 13, amountMinor: 2600 });
  });
  it("never charges unlimited plans or plans without an overage price", () => {
    expect(rateUsage(10_000n * GB, null, 200).amountMinor).toBe(0);
    expect(rateUsage(10_000n * GB, 100, 0).amountMinor).toBe(0);
  });
});
