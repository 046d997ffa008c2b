// Renders a template for one recipient: subject, text, SMS, push and inbox wording, and the
// react-email element (the email adapter renders it to HTML and plain text).
import type { ReactElement } from "react";
import { render } from "react-email";
import { findTemplate } from "./catalog";
import { interpolate, NotificationEmail, type NotificationTemplate, type TemplateContext } from "./kit";

export type TemplateOverrideText = { subject?: string | null; text?: string | null };

export type RenderedNotification = {
  template: NotificationTemplate;
  subject: string;
  text: string;
  sms: string;
  push: { title: string; body: string; url?: string };
  inbox: { title: string; body: string; url?: string };
  email: ReactElement;
};

/** SMS: brand prefix, at most 3 segments (459 GSM characters). */
export function smsText(brand: string, text: string) {
  const full = `${brand}: ${text.replace(/\s+/g, " ").trim()}`;
  return full.length > 459 ? `${full.slice(0, 456)}...` : full;
}

export function renderNotification(
  template: NotificationTemplate,
  data: unknown,
  c: TemplateContext,
  override?: TemplateOverrideText | null,
): RenderedNotification {
  const d = template.schema.parse(data);
  const record = (typeof d === "object" && d !== null ? d : {}) as Record<string, unknown>;
  const subject = override?.subject ? interpolate(override.subject, record, c) : template.subject(d, c);
  const text = override?.text ? interpolate(override.text, record, c) : template.text(d, c);
  const action = template.action?.(d, c);
  const url = action?.href;
  const email = (
    <NotificationEmail
      brand={c.brand}
      subject={subject}
      text={text}
      recipientName={c.recipientName}
      details={template.details?.(d, c)}
      action={action}
      footnote={template.footnote?.(d, c)}
    />
  ) as ReactElement;
  return {
    template,
    subject,
    text,
    sms: smsText(c.brand.name, text),
    push: { title: subject, body: text.length > 240 ? `${text.slice(0, 237)}...` : text, url },
    inbox: { title: subject, body: text, url },
    email,
  };
}

/** HTML and plain text of the email (the preview page; the adapter does the same when sending). */
export async function renderEmailHtml(el: ReactElement) {
  const [html, text] = await Promise.all([render(el), render(el, { plainText: true })]);
  return { html, text };
}

export function renderByKey(key: string, data: unknown, c: TemplateContext, override?: TemplateOverrideText | null) {
  const t = findTemplate(key);
  if (!t) throw new Error(`unknown notification template ${key}`);
  return renderNotification(t, data, c, override);
}
