// Chooses the SMS sender: the tenant's Twilio-compatible account (settings.sms), else the
// installation's (TWILIO_* variables), else the simulated sender.
import { decryptSecret, isEncrypted } from "@/server/crypto";
import type { SmsSender } from "./port";
import { SimulatedSmsSender } from "./simulated";
import { type TwilioConfig, TwilioSmsSender } from "./twilio";

export type { SmsMessage, SmsResult, SmsSender } from "./port";
export { twilioSignature, verifyTwilioSignature } from "./signature";
export { SimulatedSmsSender } from "./simulated";
export { TwilioSmsSender } from "./twilio";

export type TenantSmsSettings = {
  sms?: { accountSid?: string; authToken?: string; from?: string; baseUrl?: string };
};

const simulated = new SimulatedSmsSender();

/** The Twilio account a tenant sends with (auth token decrypted), or null for the simulator. */
export function smsAccountFor(settings: TenantSmsSettings | null | undefined): TwilioConfig | null {
  const s = settings?.sms;
  if (s?.accountSid && s.authToken && s.from) {
    return {
      accountSid: s.accountSid,
      authToken: isEncrypted(s.authToken) ? decryptSecret(s.authToken) : s.authToken,
      from: s.from,
      baseUrl: s.baseUrl || process.env.TWILIO_BASE_URL || undefined,
    };
  }
  const sid = process.env.TWILIO_ACCOUNT_SID;
  const token = process.env.TWILIO_AUTH_TOKEN;
  const from = process.env.TWILIO_FROM;
  if (sid && token && from) return { accountSid: sid, authToken: token, from, baseUrl: process.env.TWILIO_BASE_URL };
  return null;
}

export function smsSenderFor(settings: TenantSmsSettings | null | undefined): SmsSender {
  const account = smsAccountFor(settings);
  if (!account) return simulated;
  // A custom base URL is our simulator or a compatible provider that honours the idempotency header.
  return new TwilioSmsSender(account, { idempotent: process.env.TWILIO_IDEMPOTENT === "true" });
}
