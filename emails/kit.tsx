// The shape every notification template shares. A template file in emails/ declares its typed
// data (a zod schema), its category, its subject, a one-to-two sentence text (used as the SMS,
// push body, inbox body and the email's opening paragraph), optional detail rows and one call
// to action; `NotificationEmail` renders the react-email message inside the tenant's branded
// layout. Tenants may override the subject and the text (with {{placeholders}}).
import type { ReactNode } from "react";
import type { z } from "zod";
import { type EmailBrand, EmailButton, EmailDetails, EmailLayout, EmailLink, EmailText } from "./layout";

export type NotificationCategoryKey = "TRANSACTIONAL" | "BILLING" | "OUTAGES" | "MAINTENANCE" | "SUPPORT" | "MARKETING";
export type ChannelKey = "EMAIL" | "SMS" | "PUSH" | "INBOX";

/** What a template may use besides its data. */
export type TemplateContext = {
  brand: EmailBrand;
  /** IANA timezone used to show dates (the recipient's, else the tenant's). */
  timeZone: string;
  /** Base URL of the app, for links. */
  appUrl: string;
  /** The recipient's name ("Ana Silva"). */
  recipientName: string;
};

export type NotificationTemplate<S extends z.ZodType = z.ZodType> = {
  key: string;
  /** Shown to operators in the template list. */
  name: string;
  category: NotificationCategoryKey;
  /** Urgent messages ignore quiet hours (outages, security). */
  urgent?: boolean;
  /** Channels used when the caller does not name any. */
  defaultChannels: ChannelKey[];
  schema: S;
  subject(d: z.infer<S>, c: TemplateContext): string;
  text(d: z.infer<S>, c: TemplateContext): string;
  details?(d: z.infer<S>, c: TemplateContext): Array<[string, string]>;
  action?(d: z.infer<S>, c: TemplateContext): { label: string; href: string } | undefined;
  /** A closing paragraph under the details (optional). */
  footnote?(d: z.infer<S>, c: TemplateContext): string | undefined;
  /** Data for the preview page and tests. */
  sample: z.infer<S>;
};

export function defineTemplate<S extends z.ZodType>(t: NotificationTemplate<S>): NotificationTemplate<S> {
  return t;
}

/** "1 234,50 €" style amounts from minor units. */
export function money(amountMinor: number, currency: string, locale = "en") {
  return new Intl.NumberFormat(locale, { style: "currency", currency }).format(amountMinor / 100);
}

/** A date and time in the recipient's timezone. */
export function when(iso: string, c: TemplateContext, withTime = true) {
  const d = new Date(iso);
  return new Intl.DateTimeFormat(c.brand.locale ?? "en", {
    dateStyle: "medium",
    ...(withTime ? { timeStyle: "short" } : {}),
    timeZone: c.timeZone,
  }).format(d);
}

/** An absolute link into the app. */
export function link(c: TemplateContext, path: string) {
  return new URL(path, c.appUrl).toString();
}

/** Replaces {{key}} in a tenant's override with the data (and name, brand). Unknown keys stay empty. */
export function interpolate(text: string, data: Record<string, unknown>, c: TemplateContext) {
  const values: Record<string, unknown> = { ...data, name: c.recipientName, brand: c.brand.name };
  return text.replace(/\{\{\s*([a-zA-Z0-9_]+)\s*\}\}/g, (_m, k: string) => {
    const v = values[k];
    return v === undefined || v === null ? "" : String(v);
  });
}

/** The email of any template: greeting, the text, details, the action, a footnote. */
export function NotificationEmail({
  brand,
  subject,
  text,
  recipientName,
  details,
  action,
  footnote,
}: {
  brand: EmailBrand;
  subject: string;
  text: string;
  recipientName: string;
  details?: Array<[string, string]>;
  action?: { label: string; href: string };
  footnote?: string;
}): ReactNode {
  return (
    <EmailLayout brand={brand} preview={text.slice(0, 140)} heading={subject}>
      <EmailText>Hello {recipientName},</EmailText>
      {text.split(/\n{2,}/).map((p, i) => (
        <EmailText key={i}>{p}</EmailText>
      ))}
      {details && details.length > 0 ? <EmailDetails rows={details} /> : null}
      {action ? (
        <>
          <EmailButton brand={brand} href={action.href}>
            {action.label}
          </EmailButton>
          <EmailText muted>
            Or open <EmailLink brand={brand} href={action.href} />
          </EmailText>
        </>
      ) : null}
      {footnote ? <EmailText muted>{footnote}</EmailText> : null}
    </EmailLayout>
  );
}
