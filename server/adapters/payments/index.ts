// Which gateway a tenant uses: its own Stripe-compatible settings (settings.payments with
// baseUrl, secretKey, webhookSecret — secrets encrypted), else the installation's
// (PAYMENTS_BASE_URL, PAYMENTS_SECRET_KEY, PAYMENTS_WEBHOOK_SECRET), else — outside
// production — the fake gateway from simulator/payments started inside this process, so the
// demo and the e2e tests pay "by card" with nothing else running.
import { decryptSecret, isEncrypted } from "@/server/crypto";
import { db } from "@/server/db";
import { unavailable } from "@/server/errors";
import { type FakeGateway, startFakeGateway } from "@/simulator/payments/server";
import type { PaymentGateway } from "./port";
import { StripeGateway } from "./stripe";

export * from "./port";
export { claimedTenantId, StripeGateway, verifyStripeSignature } from "./stripe";

type PaymentSettings = { payments?: { baseUrl?: string; secretKey?: string; webhookSecret?: string } };

const reveal = (v: string) => (isEncrypted(v) ? decryptSecret(v) : v);
const g = globalThis as unknown as {
  fiberopsFakeGateway?: Promise<FakeGateway>;
  fiberopsGatewayOverride?: PaymentGateway;
};

/** The in-process fake gateway (demo and tests); its webhooks go to this app. */
export function embeddedFakeGateway(): Promise<FakeGateway> {
  g.fiberopsFakeGateway ??= startFakeGateway({
    port: Number(process.env.FAKE_GATEWAY_PORT ?? 0),
    webhookUrl: `${(process.env.APP_URL ?? "http://localhost:3000").replace(/\/$/, "")}/api/webhooks/payments`,
  });
  return g.fiberopsFakeGateway;
}

/** Tests point billing at their own gateway instance. */
export function setGatewayOverride(gateway: PaymentGateway | null) {
  g.fiberopsGatewayOverride = gateway ?? undefined;
}

export async function gatewayFor(tenantId: string): Promise<PaymentGateway> {
  if (g.fiberopsGatewayOverride) return g.fiberopsGatewayOverride;
  const tenant = await db().tenant.findUnique({ where: { id: tenantId }, select: { settings: true } });
  const p = (tenant?.settings as PaymentSettings | null)?.payments;
  if (p?.baseUrl && p.secretKey && p.webhookSecret)
    return new StripeGateway({
      baseUrl: p.baseUrl,
      secretKey: reveal(p.secretKey),
      webhookSecret: reveal(p.webhookSecret),
    });
  const env = process.env;
  if (env.PAYMENTS_SECRET_KEY && env.PAYMENTS_WEBHOOK_SECRET)
    return new StripeGateway({
      baseUrl: env.PAYMENTS_BASE_URL ?? "https://api.stripe.com",
      secretKey: env.PAYMENTS_SECRET_KEY,
      webhookSecret: env.PAYMENTS_WEBHOOK_SECRET,
    });
  if (env.NODE_ENV === "production" && env.FIBEROPS_FAKE_GATEWAY !== "1")
    throw unavailable("Card payments are not configured: set the payment gateway in Settings → Integrations");
  const fake = await embeddedFakeGateway();
  return new StripeGateway({ baseUrl: fake.url, secretKey: fake.secretKey, webhookSecret: fake.webhookSecret });
}
