// The SMS adapter: the Twilio-compatible client and the account a tenant sends with (its own,
// settings.sms, else the installation's TWILIO_* variables). Which sender a tenant gets — that
// account, the simulator, or "not configured" — is chosen in server/adapters/compose.ts.
import { decryptSecret, isEncrypted } from "@/server/crypto";
import type { TwilioConfig } from "./twilio";

export type { SmsMessage, SmsResult, SmsSender } from "./port";
export { twilioSignature, verifyTwilioSignature } from "./signature";
export { TwilioSmsSender } from "./twilio";

export type TenantSmsSettings = {
  /** provider "simulator": the tenant chose the built-in simulator (the demo tenant does). */
  sms?: { provider?: "simulator"; accountSid?: string; authToken?: string; from?: string; baseUrl?: string };
};

/** The Twilio account a tenant sends with (auth token decrypted), or null when it has none. */
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
