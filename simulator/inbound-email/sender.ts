// A fake inbound mail provider: posts a received email to our webhook the way Mailgun's
// routes forward() a message (https://documentation.mailgun.com/docs/mailgun/user-manual/
// receive-forward-store/receive-http): application/x-www-form-urlencoded fields recipient,
// sender, from, subject, body-plain, stripped-text, Message-Id, message-headers (a JSON list
// of [name, value] in message order), and timestamp/token/signature, the signature being the
// hex HMAC-SHA256 of timestamp + token with the signing key. Tests and the e2e journey use it
// to answer a ticket by email; `signingKey: "wrong"` forges a post.
import { createHmac, randomBytes } from "node:crypto";

export type InboundEmail = {
  from: string;
  to: string;
  subject: string;
  text: string;
  messageId?: string;
  inReplyTo?: string;
  /** Extra headers, e.g. [["Auto-Submitted", "auto-replied"]]. */
  headers?: Array<[string, string]>;
};

export function inboundEmailForm(mail: InboundEmail, signingKey: string, now = new Date()): URLSearchParams {
  const timestamp = String(Math.floor(now.getTime() / 1000));
  const token = randomBytes(25).toString("hex");
  const signature = createHmac("sha256", signingKey)
    .update(timestamp + token)
    .digest("hex");
  const messageId = mail.messageId ?? `<${randomBytes(8).toString("hex")}@mail.example.net>`;
  const address = /<([^>]+)>/.exec(mail.from)?.[1] ?? mail.from;
  const headers: Array<[string, string]> = [
    ["Received", "by mx.example.net with SMTP"],
    ["From", mail.from],
    ["To", mail.to],
    ["Subject", mail.subject],
    ["Message-Id", messageId],
    ...(mail.inReplyTo ? ([["In-Reply-To", mail.inReplyTo]] as Array<[string, string]>) : []),
    ["Mime-Version", "1.0"],
    ["Content-Type", 'text/plain; charset="UTF-8"'],
    ...(mail.headers ?? []),
  ];
  // stripped-text is the new text without the quoted thread, as Mailgun separates it.
  const stripped = mail.text.split(/\n(?:On .+ wrote:|>)/)[0]?.trim() ?? mail.text;
  return new URLSearchParams({
    recipient: mail.to,
    sender: address,
    from: mail.from,
    subject: mail.subject,
    "body-plain": mail.text,
    "stripped-text": stripped,
    "Message-Id": messageId,
    "message-headers": JSON.stringify(headers),
    timestamp,
    token,
    signature,
  });
}

/** Posts the email to `url` as the provider would; returns the webhook's answer. */
export async function sendInboundEmail(url: string, mail: InboundEmail, signingKey: string, now?: Date) {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: inboundEmailForm(mail, signingKey, now),
  });
  return { status: res.status, text: await res.text() };
}
