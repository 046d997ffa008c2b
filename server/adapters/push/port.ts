// The web-push port: one encrypted message to one browser's push subscription.
export type PushTarget = { endpoint: string; keys: { p256dh: string; auth: string } };

export type PushPayload = { title: string; body: string; url?: string; tag?: string };

export type PushOptions = {
  /** Seconds the push service keeps the message for an offline device. */
  ttl: number;
  urgency: "very-low" | "low" | "normal" | "high";
};

export type PushResult =
  | { ok: true; providerId: string | null; statusCode: number }
  /** `gone`: the subscription no longer exists (404/410) and should be forgotten. */
  | { ok: false; error: string; gone: boolean; retryable: boolean };

export interface PushSender {
  readonly name: string;
  /** The VAPID public key browsers subscribe with (applicationServerKey). */
  readonly publicKey: string;
  send(target: PushTarget, payload: PushPayload, options: PushOptions): Promise<PushResult>;
}
