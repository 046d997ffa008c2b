// A Twilio-compatible SMS client: POST /2010-04-01/Accounts/{sid}/Messages.json, form-encoded,
// HTTP basic auth (account SID : auth token). The base URL is configurable so the same client
// talks to Twilio, a compatible provider, or simulator/sms in tests and demos.
import type { SmsMessage, SmsResult, SmsSender } from "./port";

export type TwilioConfig = {
  accountSid: string;
  authToken: string;
  /** A sender number (E.164) or a Messaging Service SID (MG…). */
  from: string;
  baseUrl?: string;
  timeoutMs?: number;
};

type TwilioMessage = { sid?: string; status?: string; code?: number; message?: string; more_info?: string };

export class TwilioSmsSender implements SmsSender {
  readonly name = "twilio";
  // Twilio documents I-Twilio-Idempotency-Token for its webhooks; on its REST API a retried
  // request may still send twice. Our fake honours the header; the bulk runner only retries
  // an interrupted send when the sender is idempotent.
  readonly idempotent: boolean;

  constructor(
    private readonly config: TwilioConfig,
    opts: { idempotent?: boolean } = {},
  ) {
    this.idempotent = opts.idempotent ?? false;
  }

  async send(message: SmsMessage): Promise<SmsResult> {
    const base = (this.config.baseUrl ?? "https://api.twilio.com").replace(/\/+$/, "");
    const url = `${base}/2010-04-01/Accounts/${encodeURIComponent(this.config.accountSid)}/Messages.json`;
    const form = new URLSearchParams({ To: message.to, Body: message.body });
    if (this.config.from.startsWith("MG")) form.set("MessagingServiceSid", this.config.from);
    else form.set("From", this.config.from);
    if (message.statusCallback) form.set("StatusCallback", message.statusCallback);
    const headers: Record<string, string> = {
      authorization: `Basic ${Buffer.from(`${this.config.accountSid}:${this.config.authToken}`).toString("base64")}`,
      "content-type": "application/x-www-form-urlencoded",
      accept: "application/json",
    };
    if (message.idempotencyKey) headers["i-twilio-idempotency-token"] = message.idempotencyKey;
    let res: Response;
    try {
      res = await fetch(url, {
        method: "POST",
        headers,
        body: form.toString(),
        signal: AbortSignal.timeout(this.config.timeoutMs ?? 10_000),
      });
    } catch (error) {
      return {
        ok: false,
        error: `the SMS provider could not be reached: ${(error as Error).message}`,
        retryable: true,
      };
    }
    let body: TwilioMessage = {};
    try {
      body = (await res.json()) as TwilioMessage;
    } catch {
      // A proxy error page: keep the status only.
    }
    if (res.ok && body.sid) return { ok: true, providerId: body.sid, status: body.status ?? "queued" };
    const code = body.code ? ` ${body.code}` : "";
    return {
      ok: false,
      error: `the SMS provider refused the message (HTTP ${res.status}${code}): ${body.message ?? res.statusText}`,
      retryable: res.status === 429 || res.status >= 500,
    };
  }
}
