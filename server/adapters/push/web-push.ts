// Web push with VAPID (RFC 8292) and aes128gcm payload encryption (RFC 8291), through the
// `web-push` package. Configure VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY and VAPID_SUBJECT
// (`npx web-push generate-vapid-keys` makes a key pair).
import { Agent } from "node:https";
import webpush from "web-push";
import { assertAllowedUrl, guardedLookup } from "@/server/outbound-http";
import type { PushOptions, PushPayload, PushResult, PushSender, PushTarget } from "./port";

export type VapidConfig = { publicKey: string; privateKey: string; subject: string };

export class WebPushSender implements PushSender {
  readonly name = "web-push";
  readonly publicKey: string;

  /**
   * `agent` e.g. to trust a private CA (the fake push service in tests). The default one only
   * connects to addresses the outbound guard allows: endpoints come from browsers (SSRF).
   */
  constructor(
    private readonly vapid: VapidConfig,
    private readonly agent: Agent = new Agent({ lookup: guardedLookup() }),
  ) {
    this.publicKey = vapid.publicKey;
  }

  async send(target: PushTarget, payload: PushPayload, options: PushOptions): Promise<PushResult> {
    try {
      // A literal address is connected to without a lookup: checked here.
      assertAllowedUrl(new URL(target.endpoint));
      const res = await webpush.sendNotification(target, JSON.stringify(payload), {
        vapidDetails: this.vapid,
        TTL: options.ttl,
        urgency: options.urgency,
        contentEncoding: "aes128gcm",
        timeout: 10_000,
        agent: this.agent,
      });
      const location = res.headers?.location ?? res.headers?.Location;
      return { ok: true, providerId: typeof location === "string" ? location : null, statusCode: res.statusCode };
    } catch (error) {
      const e = error as { statusCode?: number; body?: string; message: string };
      if (e.statusCode) {
        const gone = e.statusCode === 404 || e.statusCode === 410;
        return {
          ok: false,
          error: gone
            ? "the browser unsubscribed from push notifications"
            : `the push service refused the message (HTTP ${e.statusCode})`,
          gone,
          retryable: e.statusCode === 429 || e.statusCode >= 500,
        };
      }
      return { ok: false, error: `the push service could not be reached: ${e.message}`, gone: false, retryable: true };
    }
  }
}

export function generateVapidKeys() {
  return webpush.generateVAPIDKeys();
}
