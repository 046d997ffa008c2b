// A Stripe API client (checkout sessions, refunds, webhook signatures) on fetch. It works
// against api.stripe.com and against the fake in simulator/payments.
import { createHmac, timingSafeEqual } from "node:crypto";
import {
  type CheckoutRequest,
  GatewayError,
  type GatewayEvent,
  type PaymentGateway,
  WebhookSignatureError,
} from "./port";

export type StripeConfig = { baseUrl: string; secretKey: string; webhookSecret: string; toleranceSeconds?: number };

/** Stripe-style signature check: header `t=<unix>,v1=<hex HMAC-SHA256 of "<t>.<body>">`. */
export function verifyStripeSignature(
  rawBody: string,
  header: string | null,
  secret: string,
  toleranceSeconds = 300,
  nowSeconds = Math.floor(Date.now() / 1000),
) {
  if (!header) throw new WebhookSignatureError("missing Stripe-Signature header");
  const parts = header.split(",").map((p) => p.trim().split("=", 2) as [string, string]);
  const t = Number(parts.find(([k]) => k === "t")?.[1]);
  const signatures = parts.filter(([k]) => k === "v1").map(([, v]) => v);
  if (!Number.isFinite(t) || signatures.length === 0)
    throw new WebhookSignatureError("malformed Stripe-Signature header");
  if (Math.abs(nowSeconds - t) > toleranceSeconds) throw new WebhookSignatureError("timestamp outside the tolerance");
  const expected = createHmac("sha256", secret).update(`${t}.${rawBody}`).digest();
  const ok = signatures.some((s) => {
    const given = Buffer.from(s, "hex");
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  if (!ok) throw new WebhookSignatureError("signature does not match");
}

type StripeObject = Record<string, unknown> & { metadata?: Record<string, string> };

export class StripeGateway implements PaymentGateway {
  readonly name = "stripe";
  constructor(private readonly config: StripeConfig) {}

  private async post(path: string, form: Record<string, string>, idempotencyKey: string) {
    let res: Response;
    try {
      res = await fetch(`${this.config.baseUrl.replace(/\/$/, "")}${path}`, {
        method: "POST",
        headers: {
          authorization: `Bearer ${this.config.secretKey}`,
          "content-type": "application/x-www-form-urlencoded",
          "idempotency-key": idempotencyKey,
        },
        body: new URLSearchParams(form).toString(),
        signal: AbortSignal.timeout(15_000),
      });
    } catch (error) {
      throw new GatewayError(`The payment gateway did not answer: ${(error as Error).message}`);
    }
    const body = (await res.json().catch(() => ({}))) as StripeObject & { error?: { message?: string } };
    if (!res.ok) throw new GatewayError(body.error?.message ?? `gateway answered ${res.status}`, res.status);
    return body;
  }

  async createCheckoutSession(req: CheckoutRequest) {
    const form: Record<string, string> = {
      mode: "payment",
      success_url: req.successUrl,
      cancel_url: req.cancelUrl,
      client_reference_id: req.reference,
      "line_items[0][quantity]": "1",
      "line_items[0][price_data][currency]": req.currency.toLowerCase(),
      "line_items[0][price_data][unit_amount]": String(req.amountMinor),
      "line_items[0][price_data][product_data][name]": req.description,
      "payment_intent_data[metadata][reference]": req.reference,
    };
    if (req.customerEmail) form.customer_email = req.customerEmail;
    for (const [k, v] of Object.entries(req.metadata)) {
      form[`metadata[${k}]`] = v;
      form[`payment_intent_data[metadata][${k}]`] = v;
    }
    const s = await this.post("/v1/checkout/sessions", form, req.idempotencyKey);
    return { id: String(s.id), url: String(s.url) };
  }

  async refund(paymentId: string, amountMinor: number, idempotencyKey: string) {
    const r = await this.post(
      "/v1/refunds",
      { payment_intent: paymentId, amount: String(amountMinor) },
      idempotencyKey,
    );
    return { id: String(r.id), status: String(r.status) };
  }

  verifyWebhook(rawBody: string, signatureHeader: string | null, nowSeconds?: number): GatewayEvent {
    verifyStripeSignature(
      rawBody,
      signatureHeader,
      this.config.webhookSecret,
      this.config.toleranceSeconds,
      nowSeconds,
    );
    const event = JSON.parse(rawBody) as { id: string; type: string; data: { object: StripeObject } };
    const o = event.data?.object ?? {};
    const metadata = (o.metadata ?? {}) as Record<string, string>;
    if (event.type === "checkout.session.completed" && o.payment_status === "paid")
      return {
        id: event.id,
        type: "checkout.completed",
        sessionId: String(o.id),
        paymentId: String(o.payment_intent),
        amountMinor: Number(o.amount_total),
        currency: String(o.currency).toUpperCase(),
        metadata,
        raw: event,
      };
    if (event.type === "payment_intent.payment_failed")
      return {
        id: event.id,
        type: "payment.failed",
        amountMinor: Number(o.amount),
        currency: String(o.currency).toUpperCase(),
        reason: String((o.last_payment_error as { message?: string } | undefined)?.message ?? "declined"),
        metadata,
        raw: event,
      };
    return { id: event.id, type: "other", name: event.type, metadata, raw: event };
  }
}

/** Reads the tenant id an event claims (from metadata) before verifying with that tenant's secret. */
export function claimedTenantId(rawBody: string): string | null {
  try {
    const event = JSON.parse(rawBody) as { data?: { object?: StripeObject } };
    return event.data?.object?.metadata?.tenantId ?? null;
  } catch {
    return null;
  }
}
