// Email into the desk. A mail provider's inbound route (Mailgun's forward() format: form
// fields signature/timestamp/token, recipient, from, subject, body-plain, stripped-text,
// message-headers) posts each message to /api/webhooks/inbound-email?tenant=<id>.
//   - The signature (hex HMAC-SHA256 of timestamp + token with INBOUND_EMAIL_SIGNING_KEY) is
//     checked first: a forged post is refused and changes nothing.
//   - A reply to support+<reply token>@INBOUND_EMAIL_DOMAIN lands on that ticket.
//   - Any other message opens a ticket, paired with the customer whose address sent it, or
//     unlinked when no single customer has that address.
//   - The Message-Id is stored with the message: the same email delivered twice adds it once.
//   - Automatic replies (Auto-Submitted, out-of-office) are acknowledged and dropped, so two
//     robots cannot ping-pong through the desk.
import { createHmac, timingSafeEqual } from "node:crypto";
import { db } from "@/server/db";
import { findCustomerByEmail } from "@/server/modules/customers";
import { getTenantProfile } from "@/server/modules/tenancy";
import { type ServiceContext, systemContext } from "@/server/service-context";
import { openTicket } from "./open-ticket";
import { addCustomerReply } from "./reply";

export type InboundOutcome = { status: 200 | 400 | 403 | 404; message: string; ticketId?: string };

// Mailgun retries a failed post for hours; duplicates are caught by Message-Id, so the window
// only bounds how long a captured post stays usable.
const MAX_AGE_SECONDS = 24 * 3600;

export function inboundSignature(key: string, timestamp: string, token: string) {
  return createHmac("sha256", key)
    .update(timestamp + token)
    .digest("hex");
}

function signatureValid(key: string, p: Record<string, string>, now: Date) {
  const { timestamp = "", token = "", signature = "" } = p;
  if (!/^\d{1,12}$/.test(timestamp) || !token || !/^[0-9a-f]{64}$/i.test(signature)) return false;
  if (Math.abs(now.getTime() / 1000 - Number(timestamp)) > MAX_AGE_SECONDS) return false;
  const expected = Buffer.from(inboundSignature(key, timestamp, token), "hex");
  return timingSafeEqual(expected, Buffer.from(signature, "hex"));
}

function parseAddress(value: string): { name: string | null; email: string } | null {
  const angle = /^\s*"?([^"<]*?)"?\s*<([^>]+)>\s*$/.exec(value);
  const email = (angle ? angle[2] : value).trim().toLowerCase();
  if (!/^[^\s@]+@[^\s@]+$/.test(email)) return null;
  return { name: angle?.[1]?.trim() || null, email };
}

function headersOf(p: Record<string, string>): Map<string, string> {
  const out = new Map<string, string>();
  try {
    const list = JSON.parse(p["message-headers"] ?? "[]") as Array<[string, string]>;
    for (const [name, value] of list) if (!out.has(name.toLowerCase())) out.set(name.toLowerCase(), String(value));
  } catch {
    // A post without parseable headers still carries the basic fields.
  }
  return out;
}

export async function receiveInboundEmail(input: {
  tenantId: string | null;
  params: Record<string, string>;
  now?: Date;
}): Promise<InboundOutcome> {
  const now = input.now ?? new Date();
  const key = process.env.INBOUND_EMAIL_SIGNING_KEY;
  if (!key) return { status: 404, message: "inbound email is not configured" };
  const p = input.params;
  if (!signatureValid(key, p, now)) return { status: 403, message: "invalid signature" };

  const headers = headersOf(p);
  const from = parseAddress(p.from ?? headers.get("from") ?? p.sender ?? "");
  const recipient = (p.recipient ?? "").toLowerCase();
  if (!from || !recipient) return { status: 400, message: "from and recipient are required" };
  const auto = headers.get("auto-submitted");
  if ((auto && auto.toLowerCase() !== "no") || headers.has("x-autoreply") || headers.has("x-autorespond"))
    return { status: 200, message: "automatic reply ignored" };
  const messageId = (p["Message-Id"] ?? headers.get("message-id") ?? "").trim() || null;
  const subject = (p.subject ?? "").trim() || "(no subject)";
  const body = (p["stripped-text"] || p["body-plain"] || "").trim() || "(empty message)";

  const token = /\+([0-9a-f]{32})@/.exec(recipient)?.[1];
  const ticket = token ? await db().ticket.findUnique({ where: { replyToken: token } }) : null;
  // A reply token names one ticket; it never moves a message into another tenant.
  if (ticket && (!input.tenantId || input.tenantId === ticket.tenantId)) {
    const svc = contextFor(ticket.tenantId);
    const r = await addCustomerReply(svc, {
      ticketId: ticket.id,
      body,
      channel: "EMAIL",
      authorName: from.name ?? from.email,
      authorEmail: from.email,
      emailMessageId: messageId ?? undefined,
      now,
    });
    return { status: 200, message: r.duplicate ? "already received" : "reply added", ticketId: r.ticketId };
  }

  if (!input.tenantId || !/^[0-9a-f-]{36}$/i.test(input.tenantId) || !(await getTenantProfile(input.tenantId)))
    return { status: 404, message: "no ticket or tenant for this address" };
  const svc = contextFor(input.tenantId);
  if (messageId) {
    const seen = await svc.db.ticketEntry.findFirst({ where: { emailMessageId: messageId } });
    if (seen) return { status: 200, message: "already received", ticketId: seen.ticketId };
  }
  const customer = await findCustomerByEmail(svc, from.email);
  const opened = await openTicket(
    svc,
    {
      subject: subject.length >= 3 ? subject.slice(0, 200) : `Email: ${subject}`,
      description: body.slice(0, 20_000),
      channel: "EMAIL",
      customerId: customer?.id,
      requesterName: from.name ?? customer?.name ?? undefined,
      requesterEmail: from.email,
    },
    { now, entryEmailMessageId: messageId ?? undefined },
  );
  return { status: 200, message: customer ? "ticket opened for the customer" : "ticket opened", ticketId: opened.id };
}

function contextFor(tenantId: string): ServiceContext {
  return systemContext(tenantId, "inbound-email");
}
