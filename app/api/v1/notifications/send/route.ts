// POST /api/v1/notifications/send {subscriber_id, template, channels?, data} — one notification
// now (preferences and quiet hours apply). `Idempotency-Key` makes a retry return the first result.
import { restSend, restSendBody } from "@/server/modules/notifications";
import { jsonBody, restRoute } from "@/server/rest";

export const dynamic = "force-dynamic";

export const POST = restRoute("notification.send", async ({ svc, req, idempotencyKey }) =>
  restSend(svc, await jsonBody(req, restSendBody), idempotencyKey),
);
