// The email port: one rendered message out, and what happened to it.
export type OutgoingEmail = {
  /** Our EmailMessage id: sent as the provider's idempotency key, so a retry never sends twice. */
  id: string;
  from: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  replyTo?: string;
  tags?: Array<{ name: string; value: string }>;
};

export type DeliveryResult = { ok: true; providerId: string } | { ok: false; error: string };

export interface EmailTransport {
  /** Stored as EmailMessage.provider: "outbox" (stored only) or "resend". */
  readonly name: string;
  deliver(email: OutgoingEmail): Promise<DeliveryResult>;
}
