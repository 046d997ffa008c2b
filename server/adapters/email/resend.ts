// Delivery through resend's HTTP API with the official client. The base URL comes from
// RESEND_BASE_URL (the tests point it at simulator/resend) or resend's default.
import { Resend } from "resend";
import type { DeliveryResult, EmailTransport, OutgoingEmail } from "./port";

export class ResendTransport implements EmailTransport {
  readonly name = "resend";
  private readonly client: Resend;

  constructor(apiKey: string, baseUrl?: string) {
    this.client = new Resend(apiKey, baseUrl ? { baseUrl } : undefined);
  }

  async deliver(email: OutgoingEmail): Promise<DeliveryResult> {
    try {
      const { data, error } = await this.client.emails.send(
        {
          from: email.from,
          to: email.to,
          subject: email.subject,
          html: email.html,
          text: email.text,
          replyTo: email.replyTo,
          tags: email.tags,
        },
        { idempotencyKey: email.id },
      );
      if (error) {
        const status = "statusCode" in error && error.statusCode ? ` (HTTP ${error.statusCode})` : "";
        return { ok: false, error: `resend refused the message${status}: ${error.name}: ${error.message}` };
      }
      if (!data?.id) return { ok: false, error: "resend answered without a message id" };
      return { ok: true, providerId: data.id };
    } catch (error) {
      return { ok: false, error: `resend could not be reached: ${(error as Error).message}` };
    }
  }
}
