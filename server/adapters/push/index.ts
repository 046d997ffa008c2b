// Chooses the push sender: web push with the installation's VAPID keys, or none (the push
// channel is then unavailable and push deliveries are recorded as suppressed).
import type { PushSender } from "./port";
import { WebPushSender } from "./web-push";

export type { PushOptions, PushPayload, PushResult, PushSender, PushTarget } from "./port";
export { generateVapidKeys, WebPushSender } from "./web-push";

export function pushSender(): PushSender | null {
  const publicKey = process.env.VAPID_PUBLIC_KEY;
  const privateKey = process.env.VAPID_PRIVATE_KEY;
  if (!publicKey || !privateKey) return null;
  return new WebPushSender({
    publicKey,
    privateKey,
    subject: process.env.VAPID_SUBJECT || "mailto:noc@fiberops.local",
  });
}
