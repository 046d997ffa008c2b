// The demo SMS sender: accepts every message to a plausible number and keeps it in memory
// (the delivery log shows the text). Used where the tenant chose the simulator for SMS (the demo
// does), and outside production where it configured nothing.
import { randomBytes } from "node:crypto";
import type { SmsMessage, SmsResult, SmsSender } from "@/server/adapters/sms/port";

export const simulatedSmsOutbox: Array<SmsMessage & { sid: string; at: Date }> = [];

export class SimulatedSmsSender implements SmsSender {
  readonly name = "simulated";
  readonly idempotent = true;
  private readonly seen = new Map<string, string>();

  async send(message: SmsMessage): Promise<SmsResult> {
    if (!/^\+[1-9]\d{6,14}$/.test(message.to))
      return {
        ok: false,
        error: `"${message.to}" is not a phone number in E.164 format (+<country><number>)`,
        retryable: false,
      };
    const known = message.idempotencyKey ? this.seen.get(message.idempotencyKey) : undefined;
    if (known) return { ok: true, providerId: known, status: "sent" };
    const sid = `SM${randomBytes(16).toString("hex")}`;
    if (message.idempotencyKey) this.seen.set(message.idempotencyKey, sid);
    simulatedSmsOutbox.push({ ...message, sid, at: new Date() });
    if (simulatedSmsOutbox.length > 1000) simulatedSmsOutbox.shift();
    return { ok: true, providerId: sid, status: "sent" };
  }
}
