// Quotes on a real PostgreSQL: the arithmetic in minor units (tax both ways, discounts, half-up
// rounding), versions and approval, the PDF and its hash, the signed link (expired, tampered,
// superseded: a clear state and nothing changes), acceptance twice at once → one customer, and
// the conversion into customer, PENDING subscriber and install work order; tenant and role walls.
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createLead } from "@/server/modules/crm";
import { type TestDatabase, testDatabase } from "@/server/testing/db";
import { callerAs } from "@/server/testing/fixtures";
import { LINDEN_14, ORANIEN_45, type SalesWorld, salesWorld, WIENER_5 } from "@/server/testing/sales-fixtures";
import { acceptQuote, viewQuoteLink } from "./accept-quote";
import { acceptanceCertificatePdf } from "./certificate";
import { approveQuote, createQuote } from "./create-quote";
import { quoteLinkToken, readQuoteLink } from "./links";
import { basisPointsOf, priceQuote } from "./pricing";
import { sendQuote } from "./send-quote";

vi.mock("@/server/auth", () => ({ auth: async () => null, sessionUser: async () => null }));

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
  afterAll(() => t.drop());

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
});
