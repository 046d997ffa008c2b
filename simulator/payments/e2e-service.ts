// The payment gateway of the e2e environment: the Stripe-compatible fake on a free port,
// sending its signed webhooks to the e2e app. The app is configured through the
// installation's gateway settings (PAYMENTS_*), the same way a real Stripe account is; specs
// read the same env to list the fake's events and replay one (PAYMENTS_BASE_URL/v1/events).
import { randomBytes } from "node:crypto";
import { startFakeGateway } from "./server";

export async function startPaymentsForE2e(ctx: { appUrl: string; log: (line: string) => void }) {
  const gateway = await startFakeGateway({
    secretKey: `sk_test_${randomBytes(12).toString("hex")}`,
    webhookSecret: `whsec_${randomBytes(12).toString("hex")}`,
    webhookUrl: `${ctx.appUrl}/api/webhooks/payments`,
  });
  ctx.log(`payment gateway fake at ${gateway.url}, webhooks to ${ctx.appUrl}/api/webhooks/payments`);
  return {
    env: {
      PAYMENTS_BASE_URL: gateway.url,
      PAYMENTS_SECRET_KEY: gateway.secretKey,
      PAYMENTS_WEBHOOK_SECRET: gateway.webhookSecret,
    },
    stop: gateway.close,
  };
}
