// Quotes on a real PostgreSQL: the arithmetic in minor units (tax both ways, discounts, half-up
// rounding), versions and approval, the PDF and its hash, the signed link (expired, tampered,
// superseded: a clear state and nothing changes), acceptance twice at once → one customer, and
// the conversion into customer, PENDING subscriber and install work order; tenant and role walls;
// billing at acceptance (a PENDING subscription with the quote's lines, started at activation,
// a cancelled install ends the pending service through its teardown and leaves the lead quotable).
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { EmbeddedExecutor } from "@/inngest/executor/worker";
import { functions } from "@/inngest/functions";
import {
  cancelPendingBillingSubscription,
  getBillingSubscription,
  reopenPendingBillingSubscription,
  runBillingCycle,
  startBillingSubscription,
} from "@/server/modules/billing";
import { createLead } from "@/server/modules/crm";
import { moveWorkOrder } from "@/server/modules/workorders";
import { type TestDatabase, testDatabase } from "@/server/testing/db";
import { callerAs } from "@/server/testing/fixtures";
import {
  LINDEN_14,
  ORANIEN_45,
  ORANIEN_47,
  type SalesWorld,
  salesWorld,
  WIENER_5,
} from "@/server/testing/sales-fixtures";
import { acceptQuote, viewQuoteLink } from "./accept-quote";
import { acceptanceCertificatePdf } from "./certificate";
import { convertQuote } from "./convert-quote";
import { approveQuote, createQuote } from "./create-quote";
import { quoteLinkToken, readQuoteLink } from "./links";
import { basisPointsOf, billingChargesOf, priceQuote } from "./pricing";
import { sendQuote } from "./send-quote";

vi.mock("@/server/auth", () => ({ auth: async () => null, sessionUser: async () => null }));

const executor = new EmbeddedExecutor({ functions, workerId: "quotes-test", backoffMs: () => 10, leaseMs: 20_000 });

describe("quote arithmetic (minor units)", () => {
  const items = [
    { kind: "PLAN" as const, description: "Fibre 500", recurring: true, quantity: 1, unitMinor: 3999 },
    { kind: "ADDON" as const, description: "Static IP", recurring: true, quantity: 1, unitMinor: 500 },
    { kind: "INSTALLATION" as const, description: "Installation", recurring: false, quantity: 1, unitMinor: 9900 },
    { kind: "EQUIPMENT" as const, description: "Wi-Fi mesh point", recurring: false, quantity: 3, unitMinor: 4999 },
  ];

  it("adds tax on net prices, after the discount, rounding half up once per group", () => {
    const p = priceQuote(items, { discountBasisPoints: 1000, taxBasisPoints: 1900, pricesIncludeTax: false });
    // Monthly: 3999 + 500 = 4499; 10% = 449.9 → 450; net 4049; 19% = 769.31 → 769.
    expect(p.monthly).toEqual({ netMinor: 4049, taxMinor: 769, grossMinor: 4818 });
    // Once: 9900 + 3 × 4999 = 24897; 10% = 2489.7 → 2490; net 22407; 19% = 4257.33 → 4257.
    expect(p.oneOff).toEqual({ netMinor: 22407, taxMinor: 4257, grossMinor: 26664 });
    expect(p.lines.filter((l) => l.kind === "DISCOUNT").map((l) => l.amountMinor)).toEqual([-450, -2490]);
    expect(p.lines.find((l) => l.kind === "EQUIPMENT")?.amountMinor).toBe(14997);
  });

  it("takes the tax out of gross prices when the tenant's prices include it", () => {
    const p = priceQuote(items.slice(0, 1), { discountBasisPoints: 0, taxBasisPoints: 1900, pricesIncludeTax: true });
    // 3999 gross: net 3999 / 1.19 = 3360.50 → 3361 (half up), tax 638.
    expect(p.monthly).toEqual({ netMinor: 3361, taxMinor: 638, grossMinor: 3999 });
    expect(p.oneOff).toEqual({ netMinor: 0, taxMinor: 0, grossMinor: 0 });
  });

  it("rounds a discount half up to the minor unit and never leaves a fraction", () => {
    expect(basisPointsOf(1, 5000)).toBe(1); // 0.5 → 1
    expect(basisPointsOf(3, 5000)).toBe(2); // 1.5 → 2
    expect(basisPointsOf(4999, 333)).toBe(166); // 166.4667 → 166
    expect(basisPointsOf(4999, 10_000)).toBe(4999);
    const free = priceQuote(items.slice(2, 3), {
      discountBasisPoints: 10_000,
      taxBasisPoints: 1900,
      pricesIncludeTax: false,
    });
    expect(free.oneOff).toEqual({ netMinor: 0, taxMinor: 0, grossMinor: 0 });
  });

  it("refuses fractional or negative money and impossible discounts", () => {
    const opts = { discountBasisPoints: 0, taxBasisPoints: 0, pricesIncludeTax: false };
    expect(() => priceQuote([{ ...items[0], unitMinor: 39.99 }], opts)).toThrow(/minor units/);
    expect(() => priceQuote([{ ...items[0], unitMinor: -1 }], opts)).toThrow(/minor units/);
    expect(() => priceQuote([{ ...items[0], quantity: 0 }], opts)).toThrow(/quantity/);
    expect(() => priceQuote(items, { ...opts, discountBasisPoints: 10_001 })).toThrow(/discount/);
  });
});

describe("quotes end to end", () => {
  let t: TestDatabase;
  let w: SalesWorld;
  let leadId: string;

  beforeAll(async () => {
    t = await testDatabase();
    w = await salesWorld(t.prisma);
    const lead = await createLead(w.svc, {
      name: "Ada Lovelace",
      email: "ada@example.test",
      phone: "+49 30 1111 2222",
      address: ORANIEN_45,
      source: "WEB_FORM",
    });
    leadId = lead.id;
  });
  afterAll(async () => {
    await executor.stop();
    await t.drop();
  });

  const send = async (id: string, now?: Date) => {
    const { url } = await sendQuote(w.svc, id, { now });
    return decodeURIComponent(url.split("/quotes/accept/")[1]);
  };
  const visitor = { ip: "203.0.113.50", userAgent: "Mozilla/5.0 (X11; Linux x86_64) Chromium" };
  const accept = (token: string, name = "Ada Lovelace") => acceptQuote({ token, name, consent: true }, visitor);

  it("prices the plan, installation and equipment with the tenant's tax and stores the lines", async () => {
    const q = await createQuote(w.svc, {
      leadId,
      planId: w.plan.id,
      equipment: [{ description: "Wi-Fi mesh point", unitMinor: 4999, quantity: 2 }],
    });
    expect(q).toMatchObject({ number: "Q-1-1", version: 1, status: "DRAFT", taxBasisPoints: 1900, currency: "EUR" });
    expect(q.lines.map((l) => [l.kind, l.amountMinor])).toEqual([
      ["PLAN", 3999],
      ["INSTALLATION", 9900],
      ["EQUIPMENT", 9998],
    ]);
    // 3999 × 1.19 = 4758.81 → 4759; (9900 + 9998) = 19898 × 0.19 = 3780.62 → 3781.
    expect([q.monthlyGrossMinor, q.oneOffNetMinor, q.oneOffTaxMinor, q.oneOffGrossMinor]).toEqual([
      4759, 19898, 3781, 23679,
    ]);
  });

  it("holds a discount above the threshold for approval by someone else", async () => {
    const q = await createQuote(w.svc, { leadId, planId: w.plan.id, discountBasisPoints: 2000 });
    expect(q).toMatchObject({ number: "Q-1-2", status: "PENDING_APPROVAL" });
    // The first version is superseded by the second.
    expect(await t.prisma.quote.findFirstOrThrow({ where: { number: "Q-1-1", tenantId: w.tenant.id } })).toMatchObject({
      status: "SUPERSEDED",
    });
    await expect(sendQuote(w.svc, q.id)).rejects.toThrow(/needs approval/);
    const sales = await callerAs(t.prisma, w.users.sales.id);
    await expect(sales.quotes.approve({ id: q.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const approved = await approveQuote(w.adminSvc, q.id);
    expect(approved).toMatchObject({ status: "DRAFT", approvedById: w.users.admin.id });
  });

  it("sends the PDF, keeps its hash, emails the signed link and marks the lead quoted", async () => {
    const q = await createQuote(w.svc, { leadId, planId: w.plan.id });
    const token = await send(q.id);
    const stored = await t.prisma.quote.findFirstOrThrow({ where: { id: q.id } });
    expect(Buffer.from(stored.pdf!).subarray(0, 5).toString()).toBe("%PDF-");
    expect(stored.pdfSha256).toBe(createHash("sha256").update(stored.pdf!).digest("hex"));
    expect(stored.expiresAt!.getTime() - stored.sentAt!.getTime()).toBe(14 * 86_400_000);
    const mail = await t.prisma.notificationDelivery.findFirstOrThrow({
      where: { tenantId: w.tenant.id, template: "quote_sent", recipient: "ada@example.test" },
    });
    expect(mail.channel).toBe("EMAIL");
    const view = await viewQuoteLink(token);
    expect(view).toMatchObject({ state: "OPEN", quote: { number: "Q-1-3", pdfSha256: stored.pdfSha256 } });
    const lead = await t.prisma.lead.findFirstOrThrow({ where: { id: leadId } });
    expect(lead.stage).toBe("QUOTED");
    // Re-sending sends the same PDF and link.
    expect(await send(q.id)).toBe(token);
    expect((await t.prisma.quote.findFirstOrThrow({ where: { id: q.id } })).pdfSha256).toBe(stored.pdfSha256);
  });

  it("refuses a tampered link and changes nothing", async () => {
    const q = await t.prisma.quote.findFirstOrThrow({ where: { tenantId: w.tenant.id, number: "Q-1-3" } });
    const token = quoteLinkToken({ tenantId: w.tenant.id, quoteId: q.id, expiresAt: q.expiresAt! });
    const [payload, signature] = token.split(".");
    const later = Buffer.from(
      JSON.stringify({ t: w.tenant.id, q: q.id, e: Math.floor(q.expiresAt!.getTime() / 1000) + 86_400 * 30 }),
    ).toString("base64url");
    for (const bad of [
      `${later}.${signature}`,
      `${payload}.${signature.slice(0, -2)}xx`,
      `${payload}`,
      "garbage.token.x",
    ]) {
      expect(readQuoteLink(bad)).toBeNull();
      expect(await accept(bad)).toEqual({ state: "INVALID" });
      expect((await viewQuoteLink(bad)).state).toBe("INVALID");
    }
    // A correctly signed link with another expiry than the quote's is not this quote's link.
    const forged = quoteLinkToken({
      tenantId: w.tenant.id,
      quoteId: q.id,
      expiresAt: new Date(q.expiresAt!.getTime() + 86_400_000),
    });
    expect(await accept(forged)).toEqual({ state: "INVALID" });
    expect((await t.prisma.quote.findFirstOrThrow({ where: { id: q.id } })).status).toBe("SENT");
    expect(await t.prisma.customer.count({ where: { tenantId: w.tenant.id } })).toBe(0);
  });

  it("refuses an expired link and changes nothing", async () => {
    const other = await createLead(w.svc, { name: "Late Larry", email: "larry@example.test", address: WIENER_5 });
    const q = await createQuote(w.svc, { leadId: other.id, planId: w.plan.id, validDays: 3 });
    const token = await send(q.id, new Date(Date.now() - 4 * 86_400_000));
    expect((await viewQuoteLink(token)).state).toBe("EXPIRED");
    expect(await accept(token, "Late Larry")).toEqual({ state: "EXPIRED" });
    expect((await t.prisma.quote.findFirstOrThrow({ where: { id: q.id } })).status).toBe("SENT");
    expect(await t.prisma.customer.count({ where: { tenantId: w.tenant.id } })).toBe(0);
  });

  it("refuses a superseded version's link once a new version is made", async () => {
    const other = await createLead(w.svc, { name: "Changing Chris", email: "chris@example.test", address: LINDEN_14 });
    const v1 = await createQuote(w.svc, { leadId: other.id, planId: w.plan.id });
    const token = await send(v1.id);
    const v2 = await createQuote(w.svc, { leadId: other.id, planId: w.plan.id, installationFeeMinor: 0 });
    expect(v2.version).toBe(2);
    // Lindenstraße needs a build: the quote carries it.
    expect(v2.lines.find((l) => l.kind === "BUILD")?.amountMinor).toBe(45_000);
    expect((await viewQuoteLink(token)).state).toBe("SUPERSEDED");
    expect(await accept(token, "Changing Chris")).toEqual({ state: "SUPERSEDED" });
    expect(await t.prisma.customer.count({ where: { tenantId: w.tenant.id } })).toBe(0);
  });

  it("accepts twice at once as one acceptance: one customer, one PENDING subscriber, one install order", async () => {
    const q = await t.prisma.quote.findFirstOrThrow({ where: { tenantId: w.tenant.id, number: "Q-1-3" } });
    const token = quoteLinkToken({ tenantId: w.tenant.id, quoteId: q.id, expiresAt: q.expiresAt! });
    const [a, b] = await Promise.all([accept(token), accept(token)]);
    expect([a.state, b.state]).toEqual(["ACCEPTED", "ACCEPTED"]);
    expect([a, b].filter((r) => "first" in r && r.first)).toHaveLength(1);
    const third = await accept(token, "Someone Else");
    expect(third).toMatchObject({ state: "ACCEPTED", first: false, certificate: { name: "Ada Lovelace" } });

    const accepted = await t.prisma.quote.findFirstOrThrow({ where: { id: q.id } });
    expect(accepted.status).toBe("ACCEPTED");
    expect(accepted.conversionError).toBeNull();
    expect(accepted.acceptance).toMatchObject({
      name: "Ada Lovelace",
      ip: "203.0.113.50",
      userAgent: visitor.userAgent,
      pdfSha256: q.pdfSha256,
    });
    const customers = await t.prisma.customer.findMany({ where: { tenantId: w.tenant.id } });
    expect(customers).toHaveLength(1);
    expect(customers[0]).toMatchObject({ email: "ada@example.test", billingPostcode: "10999" });
    const subscriber = await t.prisma.subscriber.findFirstOrThrow({ where: { id: accepted.subscriberId! } });
    expect(subscriber).toMatchObject({ status: "PENDING", planId: w.plan.id, customerId: customers[0].id });
    expect(await t.prisma.subscriber.count({ where: { tenantId: w.tenant.id } })).toBe(1);
    const orders = await t.prisma.workOrder.findMany({ where: { tenantId: w.tenant.id } });
    expect(orders).toHaveLength(1);
    expect(orders[0]).toMatchObject({ id: accepted.workOrderId, type: "INSTALL", subscriberId: subscriber.id, leadId });
    const drop = await t.prisma.serviceDrop.findFirstOrThrow({
      where: { tenantId: w.tenant.id, subscriberId: subscriber.id },
    });
    expect(drop.splitterId).toBe(w.splitters.oranien.id);
    const lead = await t.prisma.lead.findFirstOrThrow({ where: { id: leadId } });
    expect(lead).toMatchObject({ customerId: customers[0].id, subscriberId: subscriber.id });

    const cert = await acceptanceCertificatePdf(w.svc, q.id);
    expect(Buffer.from(cert.pdf).subarray(0, 5).toString()).toBe("%PDF-");
    // A new version after acceptance is refused.
    await expect(createQuote(w.svc, { leadId, planId: w.plan.id })).rejects.toThrow();
  });

  it("keeps quotes inside their tenant and behind lead.read", async () => {
    const q = await t.prisma.quote.findFirstOrThrow({ where: { tenantId: w.tenant.id, number: "Q-1-3" } });
    const other = await callerAs(t.prisma, w.users.otherSales.id);
    await expect(other.quotes.get({ id: q.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(other.quotes.retryConversion({ id: q.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const tech = await callerAs(t.prisma, w.users.technician.id);
    await expect(tech.quotes.list({ page: 1, pageSize: 10 })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  // Billing at acceptance.

  /** A lead at `address` quoted the plan, two mesh points and a 5% discount, accepted. */
  async function acceptedQuote(email: string, address: typeof WIENER_5) {
    const lead = await createLead(w.svc, { name: "Bea Billing", email, address, source: "PHONE" });
    let q = await createQuote(w.svc, {
      leadId: lead.id,
      planId: w.plan.id,
      discountBasisPoints: 500,
      equipment: [{ description: "Wi-Fi mesh point", unitMinor: 4999, quantity: 2 }],
    });
    if (q.status === "PENDING_APPROVAL") await approveQuote(w.adminSvc, q.id);
    const { url } = await sendQuote(w.svc, q.id);
    const token = decodeURIComponent(url.split("/quotes/accept/")[1]);
    await acceptQuote({ token, name: "Bea Billing", consent: true }, { ip: "203.0.113.9", userAgent: "test" });
    q = await t.prisma.quote.findFirstOrThrow({ where: { id: q.id }, include: { lines: true } });
    expect(q.conversionError).toBeNull();
    return q as typeof q & { subscriberId: string; workOrderId: string };
  }

  const subscriberOf = (id: string) => t.prisma.subscriber.findUniqueOrThrow({ where: { id } });

  const chargesOf = (subscriptionId: string) =>
    t.prisma.billingCharge.findMany({ where: { subscriptionId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });

  it("maps the quote's lines to billing in minor units: one-offs, their discount as a credit, the monthly discount recurring", () => {
    const priced = priceQuote(
      [
        { kind: "PLAN", description: "Fiber 300", recurring: true, quantity: 1, unitMinor: 3999 },
        { kind: "ADDON", description: "Static IP", recurring: true, quantity: 1, unitMinor: 500 },
        { kind: "INSTALLATION", description: "Installation", recurring: false, quantity: 1, unitMinor: 9900 },
        { kind: "EQUIPMENT", description: "Mesh", recurring: false, quantity: 3, unitMinor: 3333 },
      ],
      { discountBasisPoints: 1250, taxBasisPoints: 1900, pricesIncludeTax: false },
    );
    const { oneOffs, addons } = billingChargesOf(
      "q1",
      priced.lines.map((l, position) => ({ ...l, position })),
    );
    // 12.5% of 19 899 = 2487.375 → 2487 off once; of 4499 = 562.375 → 562 off monthly.
    expect(oneOffs.map((c) => [c.description, c.quantity, c.amountMinor, c.key])).toEqual([
      ["Installation", 1, 9900, "quote:q1:2"],
      ["Mesh", 3, 3333, "quote:q1:3"],
      ["Discount 12.5% on one-off charges", 1, -2487, "quote:q1:5"],
    ]);
    expect(addons.map((c) => [c.description, c.amountMinor])).toEqual([
      ["Static IP", 500],
      ["Discount 12.5% on the monthly price", -562],
    ]);
    // Billed as quoted: the one-offs add up to the quote's one-off net, the add-ons to the monthly net less the plan.
    expect(oneOffs.reduce((s, c) => s + (c.quantity ?? 1) * c.amountMinor, 0)).toBe(priced.oneOff.netMinor);
    expect(addons.reduce((s, c) => s + c.amountMinor, 0)).toBe(priced.monthly.netMinor - 3999);
  });

  it("books an accepted quote on a PENDING subscription that no billing run bills, once", async () => {
    const q = await acceptedQuote("pending@example.test", WIENER_5);
    const sub = await getBillingSubscription(w.svc, q.subscriberId);
    expect(sub).toMatchObject({ status: "PENDING", planId: w.plan.id, customerId: q.customerId });
    const charges = await chargesOf(sub!.id);
    // 5% of 9900 + 2 × 4999 = 19 898 → 994.9 → 995; of 3999 → 199.95 → 200.
    expect(charges.map((c) => [c.kind, c.description, c.quantity, c.unitAmountMinor, c.periodStart])).toEqual([
      ["ONE_OFF", "Installation", 1, 9900, null],
      ["ONE_OFF", "Wi-Fi mesh point", 2, 4999, null],
      ["CREDIT", "Discount 5% on one-off charges", 1, -995, null],
      ["ADDON", "Discount 5% on the monthly price", 1, -200, null],
    ]);
    expect(charges.every((c) => c.taxRateId === w.plan.taxRateId)).toBe(true);
    expect(charges.filter((c) => c.kind !== "ADDON").reduce((s, c) => s + c.quantity * c.unitAmountMinor, 0)).toBe(
      q.oneOffNetMinor,
    );
    // Converting again changes nothing.
    await convertQuote(w.svc, q.id);
    expect(await chargesOf(sub!.id)).toHaveLength(4);
    expect(await t.prisma.billingSubscription.count({ where: { subscriberId: q.subscriberId } })).toBe(1);
    // Not live: a billing run leaves it alone.
    await runBillingCycle(w.adminSvc, { date: sub!.startedOn });
    expect(await t.prisma.invoice.count({ where: { subscriptionId: sub!.id } })).toBe(0);
  });

  it("starts at activation with what was agreed: no setup fee on top, the one-offs and credit on the first invoice", async () => {
    const q = await acceptedQuote("activate@example.test", ORANIEN_47);
    const first = await startBillingSubscription(w.svc, await subscriberOf(q.subscriberId));
    expect(first.status).toBe("ACTIVE");
    // A provisioning rolled back before going live takes the start back: pending with what was agreed.
    expect(await reopenPendingBillingSubscription(w.svc, q.subscriberId)).toMatchObject({ status: "PENDING" });
    expect((await chargesOf(first.id)).map((c) => [c.kind, c.periodStart])).toEqual([
      ["ONE_OFF", null],
      ["ONE_OFF", null],
      ["CREDIT", null],
      ["ADDON", null],
    ]);
    const started = await startBillingSubscription(w.svc, await subscriberOf(q.subscriberId));
    expect(started.status).toBe("ACTIVE");
    expect(await startBillingSubscription(w.svc, await subscriberOf(q.subscriberId))).toMatchObject({
      id: started.id,
      status: "ACTIVE",
    });
    const charges = await chargesOf(started.id);
    expect(charges.some((c) => c.dedupeKey?.startsWith("setup:"))).toBe(false);
    expect(charges.find((c) => c.kind === "ADDON")?.periodStart).toEqual(started.paidThrough);
    expect(charges.filter((c) => c.dedupeKey?.startsWith("addon-start:"))).toHaveLength(1);

    // The first invoice (the next cycle's run) carries the agreed one-offs and credit, and the monthly discount.
    await runBillingCycle(w.adminSvc, { date: started.paidThrough });
    const invoice = await t.prisma.invoice.findFirstOrThrow({
      where: { subscriptionId: started.id },
      include: { lines: { orderBy: { position: "asc" } } },
    });
    const line = (description: string) => invoice.lines.find((l) => l.description === description);
    expect(line("Installation")).toMatchObject({ kind: "ONE_OFF", netMinor: 9900 });
    expect(line("Wi-Fi mesh point")).toMatchObject({ kind: "ONE_OFF", quantity: 2, netMinor: 9998 });
    expect(line("Discount 5% on one-off charges")).toMatchObject({ kind: "CREDIT", netMinor: -995 });
    const monthly = invoice.lines.filter((l) => l.description.startsWith("Discount 5% on the monthly price"));
    expect(monthly.map((l) => l.kind).sort()).toEqual(["ADDON", "PRORATION"]);
    expect(monthly.find((l) => l.kind === "ADDON")?.netMinor).toBe(-200);
    const oneOffs = invoice.lines.filter((l) => l.kind === "ONE_OFF" || l.kind === "CREDIT");
    expect(oneOffs.reduce((s, l) => s + l.netMinor, 0)).toBe(q.oneOffNetMinor);
  });

  it("a cancelled install ends the pending service: billing dropped, subscriber terminated, leg freed, lead quotable again", async () => {
    const q = await acceptedQuote("cancel@example.test", ORANIEN_45);
    expect(await t.prisma.serviceDrop.count({ where: { subscriberId: q.subscriberId } })).toBe(1);
    await moveWorkOrder(w.adminSvc, { workOrderId: q.workOrderId, to: "CANCELLED", reason: "Customer moved away" });
    // Again (a double click): nothing more happens.
    await moveWorkOrder(w.adminSvc, { workOrderId: q.workOrderId, to: "CANCELLED", reason: "Customer moved away" });
    await executor.runUntilIdle({ advanceClock: true });

    const sub = await getBillingSubscription(w.svc, q.subscriberId);
    expect(sub).toMatchObject({ status: "ENDED" });
    expect(await chargesOf(sub!.id)).toHaveLength(0);
    expect(await t.prisma.invoice.count({ where: { subscriptionId: sub!.id } })).toBe(0);
    expect(await cancelPendingBillingSubscription(w.svc, q.subscriberId)).toBeNull();
    // The teardown (the one path, run once) terminated the subscriber that never went live.
    const jobs = await t.prisma.orchestrationJob.findMany({ where: { subscriberId: q.subscriberId } });
    expect(jobs.map((j) => [j.type, j.status])).toEqual([["deprovision-subscriber", "COMPLETED"]]);
    const subscriber = await t.prisma.subscriber.findUniqueOrThrow({ where: { id: q.subscriberId } });
    expect(subscriber.status).toBe("TERMINATED");
    expect(await t.prisma.serviceDrop.count({ where: { subscriberId: q.subscriberId } })).toBe(0);

    // The lead stays quoted, with the reason, and can be quoted again.
    const lead = await t.prisma.lead.findUniqueOrThrow({ where: { id: q.leadId } });
    expect(lead.stage).toBe("QUOTED");
    const notes = await t.prisma.leadActivity.findMany({ where: { leadId: q.leadId }, orderBy: { createdAt: "asc" } });
    expect(notes.at(-1)?.body).toMatch(/^Installation cancelled: Customer moved away\./);
    const again = await createQuote(w.svc, { leadId: q.leadId, planId: w.plan.id });
    expect(again).toMatchObject({ version: q.version + 1, status: "DRAFT" });
  });

  it("an accepted quote whose install goes ahead cannot be quoted again", async () => {
    const q = await acceptedQuote("ahead@example.test", ORANIEN_47);
    await expect(createQuote(w.svc, { leadId: q.leadId, planId: w.plan.id })).rejects.toMatchObject({
      code: "CONFLICT",
    });
  });
});
