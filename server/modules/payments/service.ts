// Payments: manual ones (cash, bank transfer) allocated to invoices, card payments through the
// gateway's hosted checkout, verified webhooks processed exactly once, refunds, receipts.
// After money arrives, dunning is told (a cleared balance stops the sequence and restores
// a suspended subscriber).

import { paymentGateway } from "@/server/adapters/compose";
import {
  claimedTenantId,
  GatewayError,
  type GatewayEvent,
  type PaymentGateway,
  WebhookSignatureError,
} from "@/server/adapters/payments";
import { decryptSecret, isEncrypted } from "@/server/crypto";
import { type DbTx, db, Prisma } from "@/server/db";
import { conflict, DomainError, invalid, notFound, unavailable } from "@/server/errors";
import type { PaymentMethod } from "@/server/generated/prisma/enums";
import { withIdempotency } from "@/server/idempotency";
import { type ListInput, orderBy, pageArgs } from "@/server/list";
import { recordAudit } from "@/server/modules/audit";
import {
  adjustCreditBalance,
  amountDue,
  billingNotice,
  billingNow,
  findInvoice,
  formatMoney,
  invoiceIdsWithNumber,
  invoicesByIds,
  type LockedInvoice,
  loadBillingTenant,
  lockInvoicesForPayment,
  setInvoicePaid,
} from "@/server/modules/billing";
import { findCustomer } from "@/server/modules/customers";
import { onPaymentReceived } from "@/server/modules/dunning";
import { tenantSettingsOf } from "@/server/modules/tenancy";
import { publishWebhookEvent } from "@/server/modules/webhooks";
import { type ServiceContext, systemContext } from "@/server/service-context";
import { tenantSql } from "@/server/sql";

/**
 * Applies `amount` of a payment to invoices (the given ones in order, else the customer's oldest
 * open invoices); what is left goes to the credit balance. Returns the allocations.
 */
async function allocate(
  tx: DbTx,
  tenantId: string,
  payment: { id: string; customerId: string; currency: string; amountMinor: number },
  requested: Array<{ invoiceId: string; amountMinor?: number }> | null,
) {
  const invoices = requested
    ? await lockInvoicesForPayment(tx, tenantId, { ids: requested.map((r) => r.invoiceId) })
    : await lockInvoicesForPayment(tx, tenantId, { openOfCustomer: payment.customerId });
  if (requested && invoices.length !== new Set(requested.map((r) => r.invoiceId)).size) throw notFound("Invoice");
  const ordered = requested
    ? requested.map((r) => ({ r, inv: invoices.find((i) => i.id === r.invoiceId) as LockedInvoice }))
    : invoices.map((inv) => ({ r: null, inv }));
  let left = payment.amountMinor;
  const allocations: Array<{ invoiceId: string; amountMinor: number; number: string | null }> = [];
  for (const { r, inv } of ordered) {
    if (left <= 0) break;
    if (inv.customerId !== payment.customerId) throw invalid(`Invoice ${inv.number} belongs to another customer`);
    if (inv.currency !== payment.currency) throw invalid(`Invoice ${inv.number} is in ${inv.currency}`);
    if (inv.status === "DRAFT" || inv.status === "VOID")
      throw conflict(`Invoice ${inv.number ?? "(draft)"} cannot take payments`);
    const due = amountDue(inv);
    const amount = Math.min(left, r?.amountMinor ?? due, due);
    if (amount <= 0) continue;
    await setInvoicePaid(tx, inv, inv.paidMinor + amount);
    await tx.paymentAllocation.create({
      data: { tenantId, paymentId: payment.id, invoiceId: inv.id, amountMinor: amount },
    });
    allocations.push({ invoiceId: inv.id, amountMinor: amount, number: inv.number });
    left -= amount;
  }
  if (left > 0) await adjustCreditBalance(tx, tenantId, payment.customerId, payment.currency, left);
  return { allocations, toCreditBalance: left };
}

async function afterPayment(svc: ServiceContext, paymentId: string) {
  const payment = await svc.db.payment.findFirst({ where: { id: paymentId }, include: { allocations: true } });
  if (!payment) return;
  const invoices = await invoicesByIds(
    svc,
    payment.allocations.map((a) => a.invoiceId),
  );
  const invoiceOf = new Map(invoices.map((i) => [i.id, i]));
  const first = payment.allocations[0] && invoiceOf.get(payment.allocations[0].invoiceId);
  const billTo = (first?.billTo ?? {}) as { email?: string; name?: string };
  let email = billTo.email ?? null;
  let name = billTo.name ?? "";
  if (!email) {
    const customer = await findCustomer(svc, payment.customerId);
    email = customer?.email ?? null;
    name = customer?.name ?? "";
  }
  const sent = await billingNotice(
    svc,
    { subscriberId: first?.subscriberId ?? null, email, name, customerId: payment.customerId },
    "payment_received",
    {
      amountMinor: payment.amountMinor,
      currency: payment.currency,
      paidAt: payment.receivedAt.toISOString(),
      invoiceNumber:
        payment.allocations
          .map((a) => invoiceOf.get(a.invoiceId)?.number)
          .filter(Boolean)
          .join(", ") || undefined,
      method: METHOD_LABELS[payment.method],
      reference: payment.reference ?? undefined,
    },
    { dedupeKey: `payment_received:${payment.id}`, channels: ["EMAIL", "INBOX"] },
  );
  if (sent.ok) await svc.db.payment.update({ where: { id: payment.id }, data: { receiptEmailedAt: new Date() } });
  await onPaymentReceived(svc, payment.customerId);
}

export const METHOD_LABELS: Record<PaymentMethod, string> = {
  CASH: "Cash",
  BANK_TRANSFER: "Bank transfer",
  CARD: "Card",
  CREDIT_BALANCE: "Credit balance",
};

export type ManualPaymentInput = {
  customerId: string;
  method: "CASH" | "BANK_TRANSFER";
  amountMinor: number;
  reference?: string | null;
  receivedAt?: Date;
  notes?: string | null;
  allocations?: Array<{ invoiceId: string; amountMinor?: number }>;
  idempotencyKey?: string;
};

/** Tells the tenant's webhook endpoints (payment.succeeded), in the payment's transaction. */
function publishPayment(
  tx: DbTx,
  p: {
    id: string;
    tenantId: string;
    customerId: string;
    method: string;
    amountMinor: number;
    currency: string;
    reference: string | null;
    receivedAt: Date;
  },
) {
  return publishWebhookEvent(tx, p.tenantId, "payment.succeeded", {
    payment_id: p.id,
    customer_id: p.customerId,
    method: p.method,
    amount_minor: p.amountMinor,
    currency: p.currency,
    reference: p.reference,
    received_at: p.receivedAt.toISOString(),
  });
}

/** Records a cash or bank-transfer payment and allocates it (oldest open invoices first by default). */
export async function recordManualPayment(svc: ServiceContext, input: ManualPaymentInput) {
  if (!Number.isInteger(input.amountMinor) || input.amountMinor <= 0) throw invalid("Enter a positive amount");
  const tenant = await loadBillingTenant(svc);
  if (!(await findCustomer(svc, input.customerId))) throw notFound("Customer");
  const result = await withIdempotency(svc, "payments.manual", input.idempotencyKey, input, async () =>
    svc.db.$transaction(async (tx) => {
      const payment = await tx.payment.create({
        data: {
          tenantId: svc.tenantId,
          customerId: input.customerId,
          method: input.method,
          currency: tenant.currency,
          amountMinor: input.amountMinor,
          reference: input.reference ?? null,
          receivedAt: input.receivedAt ?? (await billingNow(svc)),
          recordedById: svc.actor.userId,
          notes: input.notes ?? null,
        },
      });
      const allocated = await allocate(tx as unknown as DbTx, svc.tenantId, payment, input.allocations ?? null);
      await publishPayment(tx as unknown as DbTx, payment);
      await recordAudit(tx, {
        tenantId: svc.tenantId,
        actor: svc.actor,
        action: "payment.record",
        targetType: "Payment",
        targetId: payment.id,
        after: { ...payment, ...allocated },
      });
      return { paymentId: payment.id, ...allocated };
    }),
  );
  await afterPayment(svc, result.paymentId);
  return result;
}

export async function listPayments(svc: ServiceContext, input: ListInput & { customerId?: string }) {
  const where: Prisma.PaymentWhereInput = {};
  const f = input.filters ?? {};
  if (input.customerId ?? f.customerId) where.customerId = input.customerId ?? f.customerId;
  if (f.method && f.method in METHOD_LABELS) where.method = f.method as PaymentMethod;
  if (input.search)
    where.OR = [
      { reference: { contains: input.search, mode: "insensitive" } },
      { gatewayPaymentId: { contains: input.search } },
      { allocations: { some: { invoiceId: { in: await invoiceIdsWithNumber(svc, input.search) } } } },
    ];
  const [rows, total] = await Promise.all([
    svc.db.payment.findMany({
      where,
      include: { allocations: true, refunds: true },
      orderBy: [orderBy(input, ["receivedAt", "amountMinor", "method"], { receivedAt: "desc" }), { id: "desc" }],
      ...pageArgs(input),
    }),
    svc.db.payment.count({ where }),
  ]);
  const invoices = await invoicesByIds(
    svc,
    rows.flatMap((p) => p.allocations.map((a) => a.invoiceId)),
  );
  const invoiceOf = new Map(invoices.map((i) => [i.id, { number: i.number, billTo: i.billTo }]));
  return {
    rows: rows.map((p) => {
      const allocations = p.allocations.map((a) => ({ ...a, invoice: invoiceOf.get(a.invoiceId)! }));
      return {
        ...p,
        allocations,
        customerName: (allocations[0]?.invoice.billTo as { name?: string } | undefined)?.name ?? "",
      };
    }),
    total,
  };
}

// ---------- card payments ----------

/** Opens a hosted checkout for an invoice's open amount; returns the URL to send the payer to. */
export async function startCardCheckout(
  svc: ServiceContext,
  input: { invoiceId: string; successUrl: string; cancelUrl: string; customerId?: string },
) {
  const inv = await findInvoice(svc, input.invoiceId);
  if (!inv || (input.customerId && inv.customerId !== input.customerId)) throw notFound("Invoice");
  const due = amountDue(inv);
  if (due <= 0) throw conflict(`Invoice ${inv.number ?? ""} has nothing left to pay`);
  const tenant = await loadBillingTenant(svc);
  const gateway = await gatewayFor(svc.tenantId);
  const billTo = inv.billTo as { email?: string };
  let session: { id: string; url: string };
  try {
    session = await gateway.createCheckoutSession({
      amountMinor: due,
      currency: inv.currency,
      description: `${tenant.brandName ?? tenant.name} invoice ${inv.number}`,
      customerEmail: billTo.email ?? null,
      reference: inv.id,
      metadata: { tenantId: svc.tenantId, invoiceId: inv.id, customerId: inv.customerId },
      successUrl: input.successUrl,
      cancelUrl: input.cancelUrl,
      idempotencyKey: `checkout:${inv.id}:${due}:${inv.paidMinor}:${Date.now() >> 16}`,
    });
  } catch (error) {
    if (error instanceof GatewayError) throw unavailable(`The payment gateway refused the checkout: ${error.message}`);
    throw error;
  }
  await svc.db.$transaction(async (tx) => {
    const row = await tx.checkoutSession.create({
      data: {
        tenantId: svc.tenantId,
        invoiceId: inv.id,
        customerId: inv.customerId,
        gateway: gateway.name,
        gatewaySessionId: session.id,
        url: session.url,
        amountMinor: due,
        currency: inv.currency,
      },
    });
    await recordAudit(tx, {
      tenantId: svc.tenantId,
      actor: svc.actor,
      action: "payment.checkout.start",
      targetType: "CheckoutSession",
      targetId: row.id,
      after: { invoice: inv.number, amountMinor: due },
    });
  });
  return { url: session.url, sessionId: session.id, amountMinor: due };
}

type PaymentSettings = { payments?: { baseUrl?: string; secretKey?: string; webhookSecret?: string } };
const reveal = (v: string) => (isEncrypted(v) ? decryptSecret(v) : v);

/** The tenant's own Stripe-compatible gateway (settings.payments, secrets encrypted), else the installation's. */
async function gatewayFor(tenantId: string): Promise<PaymentGateway> {
  const p = ((await tenantSettingsOf(tenantId))?.settings as PaymentSettings | null)?.payments;
  return paymentGateway(
    p?.baseUrl && p.secretKey && p.webhookSecret
      ? { baseUrl: p.baseUrl, secretKey: reveal(p.secretKey), webhookSecret: reveal(p.webhookSecret) }
      : null,
  );
}

export type WebhookOutcome = { status: number; outcome: string };

/**
 * Handles a gateway webhook: verifies the signature with the tenant's secret, records the
 * event id (unique) in the same transaction as its effect, so a redelivery changes nothing.
 */
export async function handlePaymentWebhook(rawBody: string, signature: string | null): Promise<WebhookOutcome> {
  const tenantId = claimedTenantId(rawBody);
  if (!tenantId || !/^[0-9a-f-]{36}$/i.test(tenantId)) return { status: 400, outcome: "event has no tenant" };
  if (!(await tenantSettingsOf(tenantId))) return { status: 400, outcome: "unknown tenant" };
  const gateway = await gatewayFor(tenantId);
  let event: GatewayEvent;
  try {
    event = gateway.verifyWebhook(rawBody, signature);
  } catch (error) {
    if (error instanceof WebhookSignatureError) return { status: 400, outcome: `signature rejected: ${error.message}` };
    return { status: 400, outcome: "malformed event" };
  }
  const svc = systemContext(tenantId, "payments-webhook");
  const seen = await db().paymentWebhookEvent.findUnique({
    where: { gateway_eventId: { gateway: gateway.name, eventId: event.id } },
  });
  if (seen) return { status: 200, outcome: `duplicate of ${seen.outcome ?? "processed event"}` };

  let paymentId: string | null = null;
  let outcome = "ignored";
  try {
    await svc.db.$transaction(async (tx) => {
      await tx.paymentWebhookEvent.create({
        data: {
          tenantId,
          gateway: gateway.name,
          eventId: event.id,
          type: event.type === "other" ? event.name : event.type,
          payload: event.raw as Prisma.InputJsonValue,
        },
      });
      if (event.type === "checkout.completed") {
        const done = await completeCheckout(tx as unknown as DbTx, svc, gateway.name, event);
        outcome = done.outcome;
        paymentId = done.paymentId;
      } else if (event.type === "payment.failed") {
        outcome = `payment failed: ${event.reason}`;
      }
      await tx.paymentWebhookEvent.update({
        where: { gateway_eventId: { gateway: gateway.name, eventId: event.id } },
        data: { outcome },
      });
    });
  } catch (error) {
    if ((error as { code?: string }).code === "P2002")
      return { status: 200, outcome: "duplicate (concurrent delivery)" };
    throw error;
  }
  if (paymentId) await afterPayment(svc, paymentId);
  if (event.type === "payment.failed" && event.metadata.invoiceId) {
    const inv = await findInvoice(svc, event.metadata.invoiceId);
    if (inv?.number) {
      const billTo = inv.billTo as { email?: string; name?: string };
      await billingNotice(
        svc,
        { subscriberId: inv.subscriberId, email: billTo.email ?? null, name: billTo.name ?? "" },
        "payment_failed",
        paymentFailedData(inv, event.reason),
        { dedupeKey: `payment_failed:${event.id}`, channels: ["EMAIL", "INBOX"] },
      );
    }
  }
  return { status: 200, outcome };
}

/**
 * Records a completed checkout's payment once: a session completes once (row lock), and only
 * for the amount and currency it was opened with.
 */
async function completeCheckout(
  tx: DbTx,
  svc: ServiceContext,
  gateway: string,
  event: Extract<GatewayEvent, { type: "checkout.completed" }>,
): Promise<{ outcome: string; paymentId: string | null }> {
  const session = await tx.checkoutSession.findFirst({ where: { gatewaySessionId: event.sessionId } });
  if (!session) {
    return { outcome: "unknown checkout session", paymentId: null };
  }
  // One completion per session: the row lock makes a concurrent second event wait, then see it.
  const [locked] = await tenantSql(tx, svc.tenantId).query<Array<{ status: string }>>(
    Prisma.sql`SELECT "status"::text FROM "CheckoutSession"
               WHERE "tenantId" = ${svc.tenantId}::uuid AND "id" = ${session.id}::uuid FOR UPDATE`,
  );
  if (locked.status !== "OPEN") {
    return { outcome: `checkout session already ${locked.status.toLowerCase()}`, paymentId: null };
  }
  if (event.amountMinor !== session.amountMinor || event.currency !== session.currency) {
    await recordAudit(tx, {
      tenantId: svc.tenantId,
      actor: svc.actor,
      action: "payment.card.mismatch",
      targetType: "CheckoutSession",
      targetId: session.id,
      after: { event: event.id, amountMinor: event.amountMinor, currency: event.currency },
    });
    return {
      outcome: `amount ${event.amountMinor} ${event.currency} does not match the checkout (${session.amountMinor} ${session.currency})`,
      paymentId: null,
    };
  }
  const existing = await tx.payment.findFirst({
    where: { gateway, gatewayPaymentId: event.paymentId },
  });
  if (existing) {
    return { outcome: "payment already recorded", paymentId: null };
  }
  const payment = await tx.payment.create({
    data: {
      tenantId: svc.tenantId,
      customerId: session.customerId,
      method: "CARD",
      currency: event.currency,
      amountMinor: event.amountMinor,
      gateway,
      gatewayPaymentId: event.paymentId,
      reference: event.paymentId,
      receivedAt: await billingNow(svc),
    },
  });
  const allocated = await allocate(tx, svc.tenantId, payment, [{ invoiceId: session.invoiceId }]);
  await publishPayment(tx, payment);
  await tx.checkoutSession.update({
    where: { id: session.id },
    data: { status: "COMPLETED", completedAt: new Date(), paymentId: payment.id },
  });
  await recordAudit(tx, {
    tenantId: svc.tenantId,
    actor: svc.actor,
    action: "payment.card.received",
    targetType: "Payment",
    targetId: payment.id,
    after: { event: event.id, amountMinor: event.amountMinor, ...allocated },
  });
  return { outcome: `payment ${payment.id} recorded`, paymentId: payment.id };
}

function paymentFailedData(inv: { number: string | null; totalMinor: number; currency: string }, reason: string) {
  return { invoiceNumber: inv.number ?? undefined, amountMinor: inv.totalMinor, currency: inv.currency, reason };
}

// ---------- refunds ----------

/** Refunds (part of) a payment: through the gateway for cards; un-pays its invoices newest first. */
export async function refundPayment(
  svc: ServiceContext,
  input: { paymentId: string; amountMinor: number; reason: string; idempotencyKey?: string },
) {
  return withIdempotency(svc, "payments.refund", input.idempotencyKey, input, async () => {
    const payment = await svc.db.payment.findFirst({ where: { id: input.paymentId } });
    if (!payment) throw notFound("Payment");
    const refundable = payment.amountMinor - payment.refundedMinor;
    if (!Number.isInteger(input.amountMinor) || input.amountMinor <= 0)
      throw invalid("Enter a positive amount to refund");
    if (input.amountMinor > refundable) {
      const tenant = await loadBillingTenant(svc);
      throw invalid(
        `At most ${formatMoney(refundable, payment.currency, tenant.locale)} of this payment can be refunded`,
      );
    }
    let gatewayRefundId: string | null = null;
    if (payment.method === "CARD" && payment.gatewayPaymentId) {
      const gateway = await gatewayFor(svc.tenantId);
      try {
        const r = await gateway.refund(
          payment.gatewayPaymentId,
          input.amountMinor,
          input.idempotencyKey ?? `refund:${payment.id}:${payment.refundedMinor}:${input.amountMinor}`,
        );
        gatewayRefundId = r.id;
      } catch (error) {
        if (error instanceof GatewayError) throw unavailable(`The gateway refused the refund: ${error.message}`);
        throw error;
      }
    }
    return svc.db.$transaction(async (tx) => {
      const [locked] = await tenantSql(tx, svc.tenantId).query<Array<{ refundedMinor: number }>>(
        Prisma.sql`SELECT "refundedMinor" FROM "Payment"
                   WHERE "tenantId" = ${svc.tenantId}::uuid AND "id" = ${payment.id}::uuid FOR UPDATE`,
      );
      if (locked.refundedMinor + input.amountMinor > payment.amountMinor)
        throw conflict("This payment was refunded meanwhile; reload and try again");
      const refund = await tx.refund.create({
        data: {
          tenantId: svc.tenantId,
          paymentId: payment.id,
          amountMinor: input.amountMinor,
          reason: input.reason,
          gatewayRefundId,
          createdById: svc.actor.userId,
        },
      });
      const refunded = locked.refundedMinor + input.amountMinor;
      await tx.payment.update({
        where: { id: payment.id },
        data: { refundedMinor: refunded, status: refunded >= payment.amountMinor ? "REFUNDED" : "PARTIALLY_REFUNDED" },
      });
      // Money back out: the invoices it paid are open again, newest allocation first.
      let left = input.amountMinor;
      const allocations = await tx.paymentAllocation.findMany({
        where: { paymentId: payment.id },
        orderBy: { createdAt: "desc" },
      });
      for (const a of allocations) {
        if (left <= 0) break;
        const [inv] = await lockInvoicesForPayment(tx as unknown as DbTx, svc.tenantId, { ids: [a.invoiceId] });
        const back = Math.min(left, a.amountMinor, inv.paidMinor);
        if (back <= 0) continue;
        await setInvoicePaid(tx as unknown as DbTx, inv, inv.paidMinor - back);
        left -= back;
      }
      // What was parked on the credit balance comes off it.
      if (left > 0)
        await adjustCreditBalance(tx as unknown as DbTx, svc.tenantId, payment.customerId, payment.currency, -left);
      await recordAudit(tx, {
        tenantId: svc.tenantId,
        actor: svc.actor,
        action: "payment.refund",
        targetType: "Payment",
        targetId: payment.id,
        after: { refundId: refund.id, amountMinor: input.amountMinor, reason: input.reason, gatewayRefundId },
      });
      return refund;
    });
  });
}

/** The portal's view of checkout return: did the webhook land yet? */
export async function checkoutStatus(svc: ServiceContext, sessionId: string, customerId?: string) {
  const s = await svc.db.checkoutSession.findFirst({ where: { gatewaySessionId: sessionId } });
  if (!s || (customerId && s.customerId !== customerId)) throw notFound("Checkout");
  const inv = await findInvoice(svc, s.invoiceId);
  return {
    status: s.status,
    invoiceId: s.invoiceId,
    invoiceNumber: inv?.number ?? null,
    invoiceStatus: inv?.status ?? null,
  };
}

export { DomainError };
