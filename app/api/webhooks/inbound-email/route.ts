// POST /api/webhooks/inbound-email?tenant=<tenant id> — inbound support email from the mail
// provider's route (Mailgun forward() format, form-encoded or multipart; signature checked).
// 200 also for mail we drop (automatic replies), so the provider does not retry it.
import { receiveInboundEmail } from "@/server/modules/tickets";

export const dynamic = "force-dynamic";

export async function POST(req: Request) {
  let params: Record<string, string>;
  try {
    const form = await req.formData();
    params = {};
    for (const [key, value] of form.entries()) if (typeof value === "string") params[key] = value;
  } catch {
    return new Response("expected a form post", { status: 400, headers: { "content-type": "text/plain" } });
  }
  const outcome = await receiveInboundEmail({ tenantId: new URL(req.url).searchParams.get("tenant"), params });
  return new Response(outcome.message, { status: outcome.status, headers: { "content-type": "text/plain" } });
}
