// The payment-gateway port: hosted checkout, refunds and verified webhook events.
// Implementations: stripe.ts (the Stripe API, or anything speaking it, such as the fake in
// simulator/payments). Which one a tenant uses is decided in index.ts.

export type CheckoutRequest = {
  amountMinor: number;
  currency: string;
  description: string;
  customerEmail: string | null;
  /** Our reference (the invoice id), echoed back in events. */
  reference: string;
  metadata: Record<string, string>;
  successUrl: string;
  cancelUrl: string;
  idempotencyKey: string;
};

export type CheckoutSessionResult = { id: string; url: string };

export type RefundResult = { id: string; status: string };

/** A verified gateway event, reduced to what billing acts on. */
export type GatewayEvent =
  | {
      id: string;
      type: "checkout.completed";
      sessionId: string;
      paymentId: string;
      amountMinor: number;
      currency: string;
      metadata: Record<string, string>;
      raw: unknown;
    }
  | {
      id: string;
      type: "payment.failed";
      amountMinor: number;
      currency: string;
      reason: string;
      metadata: Record<string, string>;
      raw: unknown;
    }
  | { id: string; type: "other"; name: string; metadata: Record<string, string>; raw: unknown };

export interface PaymentGateway {
  readonly name: string;
  createCheckoutSession(req: CheckoutRequest): Promise<CheckoutSessionResult>;
  refund(paymentId: string, amountMinor: number, idempotencyKey: string): Promise<RefundResult>;
  /** Verifies the signature header over the raw body; throws if it does not match. */
  verifyWebhook(rawBody: string, signatureHeader: string | null, nowSeconds?: number): GatewayEvent;
}

export class WebhookSignatureError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "WebhookSignatureError";
  }
}

export class GatewayError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = "GatewayError";
  }
}
