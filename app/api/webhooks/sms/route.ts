// POST /api/webhooks/sms — Twilio status callbacks (form-encoded, X-Twilio-Signature).
// Twilio signs the URL it was given (APP_URL + this path), so that is what is verified.
import { appUrl, recordTwilioStatus } from "@/server/modules/notifications";

export const dynamic = "force-dynamic";

export async function POST(req: Request) {
  const form = new URLSearchParams(await req.text());
  const { pathname, search, searchParams } = new URL(req.url);
  const outcome = await recordTwilioStatus({
    url: `${appUrl()}${pathname}${search}`,
    deliveryId: searchParams.get("d"),
    params: Object.fromEntries(form),
    signature: req.headers.get("x-twilio-signature"),
  });
  return new Response(outcome.message, { status: outcome.status, headers: { "content-type": "text/plain" } });
}
