import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EmbeddedExecutor } from "@/inngest/executor/worker";
import { verifyStripeSignature } from "@/server/adapters/payments";
import { billingNow, parseDate, runBillingCycle, startBillingSubscription } from "@/server/modules/billing";
import { runDunning } from "@/server/modules/dunning";
import { advanceBillingClock, billingTenant, createBilledSubscriber } from "@/server/testing/billing-fixtures";
import { type TestDatabase, testDatabase } from "@/server/testing/db";
import { type FakeGateway, startFakeGateway, stripeSignature } from "@/simulator/payments/server";
import { handlePaymentWebhook, listPayments, recordManualPayment, refundPayment, startCardCheckout } from "./service";

let t: TestDatabase;
let fake: FakeGateway;
let hook: ReturnType<typeof createServer>;
const outcomes: Array<{ status: number; outcome: string }> = [];

beforeAll(async () => {
  t = await testDatabase();
  // The app's webhook endpoint, as the route handler runs it.
  hook = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const r = await handlePaymentWebhook(
      Buffer.concat(chunks).toString("utf8"),
      req.headers["stripe-signature"] as string,
    );
    outcomes.push(r);
    res.writeHead(r.status).end(r.outcome);
  });
  await new Promise<void>((resolve) => hook.listen(0, "127.0.0.1", resolve));
  fake = await startFakeGateway({
    webhookUrl: `http://127.0.0.1:${(hook.address() as AddressInfo).port}/`,
  });
  // The installation's gateway, configured as an operator would (server/adapters/compose.ts).
  process.env.PAYMENTS_BASE_URL = fake.url;
  process.env.PAYMENTS_SECRET_KEY = fake.secretKey;
  process.env.PAYMENTS_WEBHOOK_SECRET = fake.webhookSecret;
});
afterAll(async () => {
  for (const key of ["PAYMENTS_BASE_URL", "PAYMENTS_SECRET_KEY", "PAYMENTS_WEBHOOK_SECRET"]) delete process.env[key];
  await fake.close();
  hook.close();
  await t.drop();
});

const d = parseDate;

async function billedCustomer() {
  const ctx = await billingTenant(t.prisma);
  const s = await createBilledSubscriber(t.prisma, ctx.tenant.id, ctx.basic.id);
  await startBillingSubscription(ctx.svc, s.subscriber, { at: d("2026-01-01") });
  await runBillingCycle(ctx.svc, { date: d("2026-02-01") });
  const invoice = await t.prisma.invoice.findFirstOrThrow({ where: { subscriberId: s.subscriber.id } });
  return { ...ctx, ...s, invoice };
}

describe("signatures", () => {
  it("accepts the Stripe scheme and rejects tampering and stale timestamps", () => {
    const body = '{"id":"evt_1"}';
    const header = stripeSignature(body, "whsec_x", 1_700_000_000);
    expect(() => verifyStripeSignature(body, header, "whsec_x", 300, 1_700_000_100)).not.toThrow();
    expect(() => verifyStripeSignature(`${body} `, header, "whsec_x", 300, 1_700_000_100)).toThrow(/match/);
    expect(() => verifyStripeSignature(body, header, "whsec_y", 300, 1_700_000_100)).toThrow(/match/);
    expect(() => verifyStripeSignature(body, header, "whsec_x", 300, 1_700_001_000)).toThrow(/tolerance/);
    expect(() => verifyStripeSignature(body, null, "whsec_x")).toThrow(/missing/);
  });
});

describe("card payments through the gateway", () => {
  it("marks the invoice paid exactly once even when the webhook arrives twice; refunds reopen it", async () => {
    const { svc, invoice, customer } = await billedCustomer();
    const checkout = await startCardCheckout(svc, {
      invoiceId: invoice.id,
      successUrl: "http://app.test/portal/pay/return?session_id={CHECKOUT_SESSION_ID}",
      cancelUrl: "http://app.test/portal/invoices",
      customerId: customer.id,
    });
    expect(checkout.url).toContain(`${fake.url}/checkout/cs_test_`);
    expect(checkout.amountMinor).toBe(invoice.totalMinor);
    const paid = await fake.pay(checkout.sessionId);
    expect(paid.status).toBe(303);
    expect(paid.location).toContain(checkout.sessionId);

    const event = fake.events.find((e) => e.type === "checkout.session.completed");
    if (!event) throw new Error("no completed event");
    await fake.redeliver(event.id);
    expect(outcomes.slice(-2).map((o) => o.status)).toEqual([200, 200]);
    expect(outcomes.at(-1)?.outcome).toMatch(/duplicate/);

    const after = await t.prisma.invoice.findUniqueOrThrow({ where: { id: invoice.id } });
    expect(after.status).toBe("PAID");
    expect(after.paidMinor).toBe(invoice.totalMinor);
    expect(await t.prisma.payment.count({ where: { customerId: customer.id } })).toBe(1);
    expect(await t.prisma.paymentWebhookEvent.count({ where: { eventId: event.id } })).toBe(1);
    const receipt = await t.prisma.emailMessage.findFirst({
      where: { toAddress: customer.email, template: "payment_received" },
    });
    expect(receipt?.subject).toMatch(/Receipt/);

    // A forged event is refused.
    const forged = JSON.stringify({ ...event, id: "evt_forged" });
    const r = await handlePaymentWebhook(forged, stripeSignature(forged, "whsec_wrong"));
    expect(r.status).toBe(400);

    const payment = await t.prisma.payment.findFirstOrThrow({ where: { customerId: customer.id } });
    await refundPayment(svc, { paymentId: payment.id, amountMinor: 1000, reason: "goodwill", idempotencyKey: "rf-1" });
    await refundPayment(svc, { paymentId: payment.id, amountMinor: 1000, reason: "goodwill", idempotencyKey: "rf-1" });
    expect(fake.refunds).toHaveLength(1);
    const reopened = await t.prisma.invoice.findUniqueOrThrow({ where: { id: invoice.id } });
    expect(reopened.paidMinor).toBe(invoice.totalMinor - 1000);
    expect(reopened.status).toBe("PARTIALLY_PAID");
  });
});

describe("forged and repeated payment events (security #11.1)", () => {
  const completion = (event: { data: { object: unknown } }, patch: Record<string, unknown>, id: string) =>
    JSON.stringify({ ...event, id, data: { object: { ...(event.data.object as object), ...patch } } });

  it("the built-in gateway's secrets are random per installation, not a published constant", async () => {
    const other = await startFakeGateway();
    await other.close();
    expect(fake.webhookSecret).toMatch(/^whsec_[0-9a-f]{48}$/);
    expect(other.webhookSecret).not.toBe(fake.webhookSecret);
    expect(other.secretKey).not.toBe(fake.secretKey);
    const body = JSON.stringify({ id: "evt_published", type: "checkout.session.completed", data: { object: {} } });
    expect(() => verifyStripeSignature(body, stripeSignature(body, "whsec_fiberops"), fake.webhookSecret)).toThrow(
      /match/,
    );
  });

  it("a second completion of a completed checkout records no second payment", async () => {
    const { svc, invoice, customer } = await billedCustomer();
    const checkout = await startCardCheckout(svc, {
      invoiceId: invoice.id,
      successUrl: "http://app.test/portal/pay/return",
      cancelUrl: "http://app.test/portal/invoices",
      customerId: customer.id,
    });
    await fake.pay(checkout.sessionId);
    const event = fake.events.find(
      (e) => e.type === "checkout.session.completed" && (e.data.object as { id: string }).id === checkout.sessionId,
    );
    if (!event) throw new Error("no completed event");
    const again = completion(event, { payment_intent: "pi_test_second" }, "evt_second_completion");
    const r = await handlePaymentWebhook(again, stripeSignature(again, fake.webhookSecret));
    expect(r).toEqual({ status: 200, outcome: "checkout session already completed" });
    expect(await t.prisma.payment.count({ where: { customerId: customer.id } })).toBe(1);
    const account = await t.prisma.billingAccount.findFirst({ where: { customerId: customer.id } });
    expect(account?.creditBalanceMinor ?? 0).toBe(0);
  });

  it("a completion whose amount or currency differs from the checkout is not recorded", async () => {
    const { svc, invoice, customer } = await billedCustomer();
    const checkout = await startCardCheckout(svc, {
      invoiceId: invoice.id,
      successUrl: "http://app.test/portal/pay/return",
      cancelUrl: "http://app.test/portal/invoices",
      customerId: customer.id,
    });
    const base = {
      type: "checkout.session.completed",
      data: {
        object: {
          id: checkout.sessionId,
          payment_status: "paid",
          payment_intent: "pi_test_cheap",
          amount_total: 1,
          currency: invoice.currency.toLowerCase(),
          metadata: { tenantId: svc.tenantId, invoiceId: invoice.id },
        },
      },
    };
    for (const [id, patch] of [
      ["evt_cheap", { amount_total: 1 }],
      ["evt_other_currency", { amount_total: invoice.totalMinor, currency: "jpy" }],
    ] as const) {
      const body = completion(base, patch, id);
      const r = await handlePaymentWebhook(body, stripeSignature(body, fake.webhookSecret));
      expect(r.outcome).toMatch(/does not match the checkout/);
    }
    expect(await t.prisma.payment.count({ where: { customerId: customer.id } })).toBe(0);
    const after = await t.prisma.invoice.findUniqueOrThrow({ where: { id: invoice.id } });
    expect(after.paidMinor).toBe(0);
    expect(await t.prisma.auditLog.count({ where: { action: "payment.card.mismatch" } })).toBe(2);
  });
});

describe("manual payments and dunning", () => {
  const executor = new EmbeddedExecutor({ workerId: "payments-test", backoffMs: () => 10 });
  it("walks the dunning policy on an advanced clock and a payment restores the subscriber", async () => {
    const { svc, invoice, customer, subscriber } = await billedCustomer();
    // The invoice is due 14 days after issue (today); the test clock walks past it.
    let offset = 0;
    const dayAfterDue = async (k: number) => {
      await advanceBillingClock(svc, 14 + k - offset);
      offset = 14 + k;
      return runDunning(svc);
    };
    expect(await dayAfterDue(0)).toMatchObject({ overdue: 0, actions: 0 });
    expect(await dayAfterDue(1)).toMatchObject({ opened: 1, actions: 0 });
    expect(await dayAfterDue(3)).toMatchObject({ opened: 0, actions: 1 });
    expect((await runDunning(svc)).actions).toBe(0); // once per step
    await dayAfterDue(7);
    expect((await dayAfterDue(14)).actions).toBe(1);
    await executor.runUntilIdle({ advanceClock: true }); // the suspend saga
    expect((await t.prisma.subscriber.findUniqueOrThrow({ where: { id: subscriber.id } })).status).toBe("SUSPENDED");
    const kase = await t.prisma.dunningCase.findFirstOrThrow({
      where: { subscriberId: subscriber.id },
      include: { actions: true },
    });
    expect(kase.actions.map((a) => a.action).sort()).toEqual(["EMAIL", "SMS", "SUSPEND"]);
    expect(kase.suspended).toBe(true);

    // Partial payment: still overdue, still suspended.
    await recordManualPayment(svc, {
      customerId: customer.id,
      method: "CASH",
      amountMinor: 1000,
      idempotencyKey: "p1",
    });
    expect((await t.prisma.subscriber.findUniqueOrThrow({ where: { id: subscriber.id } })).status).toBe("SUSPENDED");
    // The rest by bank transfer (sent twice with the same key): paid, case resolved, restored.
    const rest = invoice.totalMinor - 1000;
    const first = await recordManualPayment(svc, {
      customerId: customer.id,
      method: "BANK_TRANSFER",
      amountMinor: rest + 500,
      reference: "SEPA-123",
      idempotencyKey: "p2",
    });
    const second = await recordManualPayment(svc, {
      customerId: customer.id,
      method: "BANK_TRANSFER",
      amountMinor: rest + 500,
      reference: "SEPA-123",
      idempotencyKey: "p2",
    });
    expect(second.paymentId).toBe(first.paymentId);
    expect(first.toCreditBalance).toBe(500);
    // The payments list finds them by the number of the invoice they paid (asked of billing).
    const found = await listPayments(svc, { page: 1, pageSize: 25, search: (invoice.number as string).slice(-4) });
    expect(found.rows.map((r) => r.id).sort()).toEqual(
      (await t.prisma.paymentAllocation.findMany({ where: { invoiceId: invoice.id } })).map((a) => a.paymentId).sort(),
    );
    expect((await listPayments(svc, { page: 1, pageSize: 25, search: "no-such-invoice" })).total).toBe(0);
    await executor.runUntilIdle({ advanceClock: true }); // the restore saga
    expect((await t.prisma.invoice.findUniqueOrThrow({ where: { id: invoice.id } })).status).toBe("PAID");
    expect((await t.prisma.subscriber.findUniqueOrThrow({ where: { id: subscriber.id } })).status).toBe("ACTIVE");
    const resolved = await t.prisma.dunningCase.findUniqueOrThrow({ where: { id: kase.id } });
    expect(resolved.status).toBe("RESOLVED");
    expect(
      (await t.prisma.billingAccount.findFirstOrThrow({ where: { customerId: customer.id } })).creditBalanceMinor,
    ).toBe(500);
    // Nothing more happens later.
    expect((await dayAfterDue(40)).actions).toBe(0);
  });

  it("billing reads today from the tenant's billing clock", async () => {
    const { svc } = await billingTenant(t.prisma);
    await advanceBillingClock(svc, 14);
    expect((await billingNow(svc)).getTime() - Date.now()).toBeGreaterThan(13.9 * 86_400_000);
  });
});
