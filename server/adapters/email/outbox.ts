// The transport used when no resend key is configured: the message is only stored in the
// EmailMessage table (the outbox), where the dev mailbox pages show it.
import type { DeliveryResult, EmailTransport } from "./port";

export class OutboxTransport implements EmailTransport {
  readonly name = "outbox";

  async deliver(): Promise<DeliveryResult> {
    return { ok: true, providerId: "outbox" };
  }
}
