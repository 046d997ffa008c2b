// Payment gateway webhooks (Stripe-compatible): the raw body is verified against the
// `Stripe-Signature` header with the tenant's webhook secret, then processed exactly once.
import { handlePaymentWebhook } from "@/server/modules/payments";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export async function POST(req: Request) {
  const raw = await req.text();
  const result = await handlePaymentWebhook(raw, req.headers.get("stripe-signature"));
  return Response.json({ received: result.status === 200, outcome: result.outcome }, { status: result.status });
}
