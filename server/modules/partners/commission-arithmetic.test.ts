// Commission arithmetic: rates on the collected recurring net, refunds and credit notes, the
// clawback window, tiers, the first-N-months limit, flat activations and churn.
import { describe, expect, it } from "vitest";
import type { CommissionableInvoice } from "@/server/modules/billing";
import {
  type CommissionTerms,
  collectedMinor,
  desiredCommissions,
  invoiceCommission,
  ledgerRevisions,
  type RecordedEntry,
  tierRate,
} from "./commission-arithmetic";

const d = (s: string) => new Date(`${s}T00:00:00Z`);
let n = 0;
function invoice(over: Partial<CommissionableInvoice> = {}): CommissionableInvoice {
  n++;
  return {
    id: `00000000-0000-7000-8000-${String(n).padStart(12, "0")}`,
    number: `INV-${n}`,
    customerId: "c1",
    subscriberId: "s1",
    currency: "EUR",
    periodStart: d("2026-03-01"),
    // 50.00 net recurring + 10.00 one-off + 20% tax = 72.00
    totalMinor: 7200,
    recurringNetMinor: 5000,
    paidMinor: 7200,
    creditedMinor: 0,
    void: false,
    subscriptionStartedOn: d("2026-03-01"),
    subscriptionEndedOn: null,
    ...over,
  };
}
const percent = (bp: number, over: Partial<CommissionTerms> = {}): CommissionTerms => ({
  kind: "PERCENT_RECURRING",
  basisPoints: bp,
  flatMinor: 0,
  tiers: [],
  maxMonths: null,
  clawbackDays: 90,
  currency: "EUR",
  ...over,
});

describe("commission on an invoice", () => {
  it("is the rate on the recurring net of what was collected, rounded down", () => {
    expect(invoiceCommission(invoice(), 1500, null)).toBe(750); // 15% of 50.00
    // Half paid: half the recurring net earns.
    expect(invoiceCommission(invoice({ paidMinor: 3600 }), 1500, null)).toBe(375);
    // 12.5% of 33.33… rounds down, never up.
    expect(invoiceCommission(invoice({ paidMinor: 2400 }), 1250, null)).toBe(208);
    // Unpaid, void or without recurring lines: nothing.
    expect(invoiceCommission(invoice({ paidMinor: 0 }), 1500, null)).toBe(0);
    expect(invoiceCommission(invoice({ void: true }), 1500, null)).toBe(0);
    expect(invoiceCommission(invoice({ recurringNetMinor: 0 }), 1500, null)).toBe(0);
  });

  it("credit notes reduce what was collected; refunds lower what was paid", () => {
    expect(collectedMinor(invoice({ creditedMinor: 7200 }))).toBe(0);
    expect(collectedMinor(invoice({ creditedMinor: 1200 }))).toBe(6000);
    expect(invoiceCommission(invoice({ creditedMinor: 3600 }), 1000, null)).toBe(250);
    expect(invoiceCommission(invoice({ paidMinor: 7200 - 7200 }), 1000, null)).toBe(0);
  });

  it("stops after the plan's first N months of the subscription", () => {
    expect(invoiceCommission(invoice({ periodStart: d("2026-05-01") }), 1000, 3)).toBe(500);
    expect(invoiceCommission(invoice({ periodStart: d("2026-06-01") }), 1000, 3)).toBe(0);
  });

  it("large amounts do not lose precision", () => {
    const big = invoice({ totalMinor: 2_000_000_000, recurringNetMinor: 1_600_000_000, paidMinor: 2_000_000_000 });
    expect(invoiceCommission(big, 1234, null)).toBe(197_440_000);
  });
});

describe("tiers", () => {
  const tiers = [
    { minCustomers: 10, basisPoints: 1500 },
    { minCustomers: 0, basisPoints: 1000 },
    { minCustomers: 50, basisPoints: 2000 },
  ];
  it("picks the highest tier the partner's paying customers reach", () => {
    expect(tierRate(tiers, 0)).toBe(1000);
    expect(tierRate(tiers, 9)).toBe(1000);
    expect(tierRate(tiers, 10)).toBe(1500);
    expect(tierRate(tiers, 75)).toBe(2000);
  });
  it("a tiered plan counts distinct paying customers", () => {
    const terms = percent(0, {
      kind: "TIERED",
      tiers: [
        { minCustomers: 0, basisPoints: 1000 },
        { minCustomers: 2, basisPoints: 2000 },
      ],
    });
    const one = desiredCommissions(terms, [invoice({ customerId: "a" }), invoice({ customerId: "a" })]);
    expect(one.map((x) => x.amountMinor)).toEqual([500, 500]);
    const two = desiredCommissions(terms, [
      invoice({ customerId: "a" }),
      invoice({ customerId: "b" }),
      invoice({ customerId: "c", paidMinor: 0 }),
    ]);
    expect(two.map((x) => x.amountMinor)).toEqual([1000, 1000, 0]);
  });
});

describe("flat per activation", () => {
  const flat = percent(0, { kind: "FLAT_ACTIVATION", flatMinor: 2500, clawbackDays: 60 });
  it("earns once per subscriber when a first invoice is paid in full", () => {
    const out = desiredCommissions(flat, [
      invoice({ subscriberId: "s1" }),
      invoice({ subscriberId: "s1" }),
      invoice({ subscriberId: "s2", paidMinor: 100 }),
    ]);
    expect(out.map((x) => [x.sourceId, x.amountMinor])).toEqual([
      ["s1", 2500],
      ["s2", 0],
    ]);
  });
  it("is clawed back when the service ends within the window (churn), kept after it", () => {
    const early = desiredCommissions(flat, [invoice({ subscriptionEndedOn: d("2026-04-15") })]);
    expect(early[0]!.amountMinor).toBe(0);
    expect(early[0]!.clawbackReason).toMatch(/ended within 60 days/);
    const late = desiredCommissions(flat, [invoice({ subscriptionEndedOn: d("2026-06-15") })]);
    expect(late[0]!.amountMinor).toBe(2500);
  });
});

describe("churn on percentage plans", () => {
  const terms = percent(1500, { clawbackDays: 90 });
  const paidMonths = (ended: string | null) =>
    ["2026-03-01", "2026-04-01"].map((m) =>
      invoice({ periodStart: d(m), subscriptionEndedOn: ended ? d(ended) : null }),
    );

  it("claws back every invoice's commission when the service ends within the window", () => {
    const out = desiredCommissions(terms, paidMonths("2026-05-15")); // 75 days after it started
    expect(out.map((x) => x.amountMinor)).toEqual([0, 0]);
    expect(out[0]).toMatchObject({ clawbackReason: "service ended within 90 days", windowDecided: true });
    // The ledger's own window (from when the commission was recorded) does not save it.
    const recorded: RecordedEntry[] = out.map((x) => ({
      source: "INVOICE",
      sourceId: x.sourceId,
      amountMinor: 750,
      createdAt: d("2026-03-05"),
    }));
    const revisions = ledgerRevisions(out, recorded, 30, d("2026-07-01"));
    expect(revisions.map((r) => [r.sourceId, r.amountMinor, r.revision])).toEqual(
      out.map((x) => [x.sourceId, -750, 1]),
    );
    for (const r of revisions)
      expect(r.description).toMatch(/^Clawback on invoice INV-\d+ \(service ended within 90 days\)$/);
    // Recomputed again: nothing more (idempotent); the sum per invoice is zero, never below.
    const after = [...recorded, ...revisions.map((r) => ({ ...r, createdAt: d("2026-07-01") }))];
    expect(ledgerRevisions(out, after, 30, d("2026-07-02"))).toEqual([]);
  });

  it("keeps the commission when the service ends after the window, or has not ended", () => {
    expect(desiredCommissions(terms, paidMonths("2026-06-15")).map((x) => x.amountMinor)).toEqual([750, 750]);
    expect(desiredCommissions(terms, paidMonths(null)).map((x) => x.amountMinor)).toEqual([750, 750]);
    // The window is inclusive: ended exactly 90 days after it started is churn.
    expect(desiredCommissions(terms, paidMonths("2026-05-30")).map((x) => x.amountMinor)).toEqual([0, 0]);
  });

  it("applies to tiered plans too", () => {
    const tiered = percent(0, { kind: "TIERED", tiers: [{ minCustomers: 0, basisPoints: 1000 }] });
    expect(desiredCommissions(tiered, paidMonths("2026-04-10")).map((x) => x.amountMinor)).toEqual([0, 0]);
    expect(desiredCommissions(tiered, paidMonths(null)).map((x) => x.amountMinor)).toEqual([500, 500]);
  });
});

describe("ledger revisions", () => {
  const now = d("2026-04-10");
  const earned = (amount: number, at = d("2026-03-20")): RecordedEntry => ({
    source: "INVOICE",
    sourceId: "inv-1",
    amountMinor: amount,
    createdAt: at,
  });
  const want = (amount: number) => ({
    source: "INVOICE" as const,
    sourceId: "inv-1",
    customerId: "c1",
    subscriberId: "s1",
    amountMinor: amount,
    currency: "EUR",
    label: "invoice INV-1",
    clawbackReason: "refund",
  });

  it("records a new source once, and nothing when the ledger already agrees (idempotent)", () => {
    const first = ledgerRevisions([want(750)], [], 90, now);
    expect(first).toMatchObject([{ amountMinor: 750, revision: 0, description: "Commission on invoice INV-1" }]);
    expect(ledgerRevisions([want(750)], [earned(750)], 90, now)).toEqual([]);
  });

  it("a refund within the window adds a negative revision; the sum is the new amount", () => {
    const [r] = ledgerRevisions([want(375)], [earned(750)], 90, now);
    expect(r).toMatchObject({ amountMinor: -375, revision: 1, description: "Clawback on invoice INV-1 (refund)" });
    // A full refund later: the ledger goes to zero, never below.
    const [r2] = ledgerRevisions([want(0)], [earned(750), { ...earned(-375), createdAt: d("2026-04-01") }], 90, now);
    expect(r2).toMatchObject({ amountMinor: -375, revision: 2 });
  });

  it("after the window the partner keeps what was earned", () => {
    expect(ledgerRevisions([want(0)], [earned(750, d("2025-12-01"))], 90, now)).toEqual([]);
    // An increase is always recorded.
    expect(ledgerRevisions([want(900)], [earned(750, d("2025-12-01"))], 90, now)[0]).toMatchObject({
      amountMinor: 150,
      description: "Adjustment on invoice INV-1",
    });
  });
});
