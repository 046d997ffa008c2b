// The SMS port: one text message out, and what the provider said.
export type SmsMessage = {
  to: string;
  body: string;
  /** Where the provider posts delivery status changes (our /api/webhooks/sms). */
  statusCallback?: string;
  /** Our delivery id; sent so a provider that supports it can drop a retried duplicate. */
  idempotencyKey?: string;
};

export type SmsResult =
  | { ok: true; providerId: string; status: string }
  | { ok: false; error: string; retryable: boolean };

export interface SmsSender {
  /** Stored as NotificationDelivery.provider ("twilio", "simulated"). */
  readonly name: string;
  /** True when a retry with the same idempotency key cannot send a second message. */
  readonly idempotent: boolean;
  send(message: SmsMessage): Promise<SmsResult>;
}
