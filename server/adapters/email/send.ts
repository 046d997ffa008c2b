// sendEmail: render a react-email template, store it in the outbox (EmailMessage) and, when a
// resend key is configured (tenant settings, else RESEND_API_KEY), deliver it through resend.
// Delivery problems never throw: they are recorded on the message (status FAILED, error) and
// returned, so the caller's own work stands.
// A message's secret link (invitation, password reset) is delivered but not stored: the outbox,
// which `mailbox.read` holders read, keeps "link sent; not stored" in its place — unless nothing
// delivers mail and the installation is a demo (devMailboxKeepsLinks; SECURITY.md states the rule).
import type { ReactElement } from "react";
import { render } from "react-email";
import { decryptSecret, isEncrypted } from "@/server/crypto";
import { db } from "@/server/db";
import { env } from "@/server/env";
import type { EmailStatus } from "@/server/generated/prisma/enums";
import { OutboxTransport } from "./outbox";
import type { EmailTransport } from "./port";
import { ResendTransport } from "./resend";

/** The tenant a message is sent for (the caller has it: Tenant belongs to the tenancy module). */
export type EmailSender = {
  id: string;
  name: string;
  brandName: string | null;
  supportEmail: string | null;
  settings: unknown;
};

export type SendEmailInput = {
  /** null: a platform message outside any tenant. */
  tenant: EmailSender | null;
  to: string;
  subject: string;
  /** The template's name (e.g. "invitation"), for filtering the mailbox. */
  template: string;
  react: ReactElement;
  replyTo?: string;
  /** A link that works as a credential (invitation, password reset): for the recipient only. */
  secretLink?: string;
};

export type SentEmail = {
  id: string;
  status: EmailStatus;
  provider: string;
  providerId: string | null;
  error: string | null;
};

type TenantEmailSettings = { email?: { resendApiKey?: string; fromAddress?: string } };

/** The transport for a tenant: its own resend key, else the installation's, else the outbox. */
export function transportFor(settings: TenantEmailSettings | null): EmailTransport {
  // Read at send time (not from the cached env) so a key set while running takes effect.
  const baseUrl = process.env.RESEND_BASE_URL || undefined;
  const tenantKey = settings?.email?.resendApiKey;
  if (tenantKey) return new ResendTransport(isEncrypted(tenantKey) ? decryptSecret(tenantKey) : tenantKey, baseUrl);
  const envKey = process.env.RESEND_API_KEY;
  if (envKey) return new ResendTransport(envKey, baseUrl);
  return new OutboxTransport();
}

/** What the outbox keeps in place of a secret link. */
export const LINK_NOT_STORED = "link sent; not stored";

/**
 * The dev mailbox shows secret links only where it is the sole way to them: no email provider,
 * and not production — or a demo on a production build (`npm run demo` sets
 * FIBEROPS_DEMO_MAILBOX=1). Read at send time, like the transport.
 */
export function devMailboxKeepsLinks(transport: EmailTransport): boolean {
  if (transport.name !== "outbox") return false;
  return process.env.NODE_ENV !== "production" || process.env.FIBEROPS_DEMO_MAILBOX === "1";
}

/** The outbox copy of a rendered part: the secret link (also as escaped in HTML) replaced. */
function withoutLink(content: string, link: string) {
  return content.replaceAll(link, LINK_NOT_STORED).replaceAll(link.replaceAll("&", "&amp;"), LINK_NOT_STORED);
}

/** `"Brand Name" <address>`: the tenant's brand as display name on the configured address. */
export function fromAddressFor(brandName: string, configured?: string): string {
  if (configured) return configured;
  const fallback = env().EMAIL_FROM;
  const address = /<([^>]+)>/.exec(fallback)?.[1] ?? fallback;
  return `"${brandName.replace(/["\\<>]/g, "")}" <${address}>`;
}

export async function sendEmail(input: SendEmailInput): Promise<SentEmail> {
  const client = db();
  const { tenant } = input;
  const settings = (tenant?.settings ?? null) as TenantEmailSettings | null;
  const transport = transportFor(settings);
  const [html, text] = await Promise.all([render(input.react), render(input.react, { plainText: true })]);
  const from = fromAddressFor(tenant?.brandName || tenant?.name || "FiberOps", settings?.email?.fromAddress);
  const replyTo = input.replyTo ?? tenant?.supportEmail ?? undefined;
  const link = input.secretLink;
  const stored =
    link && !devMailboxKeepsLinks(transport)
      ? { html: withoutLink(html, link), text: withoutLink(text, link) }
      : { html, text };

  const message = await client.emailMessage.create({
    data: {
      tenantId: tenant?.id ?? null,
      toAddress: input.to.trim().toLowerCase(),
      fromAddress: from,
      replyTo: replyTo ?? null,
      subject: input.subject,
      html: stored.html,
      text: stored.text,
      template: input.template,
      provider: transport.name,
      status: "QUEUED",
    },
  });
  const result = await transport.deliver({
    id: message.id,
    from,
    to: message.toAddress,
    subject: input.subject,
    html,
    text,
    replyTo,
    tags: [{ name: "template", value: input.template.replace(/[^a-zA-Z0-9_-]/g, "_") }],
  });
  const updated = await client.emailMessage.update({
    where: { id: message.id },
    data: result.ok
      ? { status: "SENT", providerId: result.providerId, sentAt: new Date(), error: null }
      : { status: "FAILED", error: result.error },
  });
  return {
    id: updated.id,
    status: updated.status,
    provider: updated.provider,
    providerId: updated.providerId,
    error: updated.error,
  };
}
