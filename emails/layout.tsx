// The branded frame of every email: the tenant's name, logo and colours at the top, the
// content, then the support contacts and legal name at the bottom. Templates in emails/
// render their content inside <EmailLayout brand={...}> and use the small building blocks
// below so every message looks the same.
//
//   import { EmailLayout, EmailButton, EmailText, type EmailBrand } from "@/emails/layout";
//   export function PaymentReceived({ brand, amount }: { brand: EmailBrand; amount: string }) {
//     return (
//       <EmailLayout brand={brand} preview={`We received ${amount}`} heading="Payment received">
//         <EmailText>Thank you, we received {amount}.</EmailText>
//       </EmailLayout>
//     );
//   }
//
// The brand of a tenant comes from `emailBrand(tenant)` (pure).
import type { ReactNode } from "react";
import { Body, Button, Container, Head, Heading, Hr, Html, Img, Link, Preview, Section, Text } from "react-email";

export type EmailBrand = {
  /** Shown in the header and as the sender's display name. */
  name: string;
  /** The company name in the footer (falls back to `name`). */
  legalName?: string | null;
  logoUrl?: string | null;
  /** CSS colours (#rrggbb). */
  primaryColor: string;
  accentColor: string;
  supportEmail?: string | null;
  supportPhone?: string | null;
  /** The locale used for dates and amounts in the message (BCP 47, e.g. "en", "de-DE"). */
  locale?: string;
};

/** The platform's own brand, for messages sent outside any tenant (e.g. to platform staff). */
export const PLATFORM_BRAND: EmailBrand = {
  name: "FiberOps",
  legalName: "FiberOps",
  primaryColor: "#0f62fe",
  accentColor: "#24a148",
  locale: "en",
};

type TenantBrandFields = {
  name: string;
  legalName?: string | null;
  brandName?: string | null;
  logoUrl?: string | null;
  primaryColor?: string | null;
  accentColor?: string | null;
  supportEmail?: string | null;
  supportPhone?: string | null;
  locale?: string | null;
};

/** The brand of a tenant row (or the platform brand when there is no tenant). */
export function emailBrand(tenant: TenantBrandFields | null | undefined): EmailBrand {
  if (!tenant) return PLATFORM_BRAND;
  return {
    name: tenant.brandName || tenant.name,
    legalName: tenant.legalName || tenant.name,
    logoUrl: tenant.logoUrl || null,
    primaryColor: safeColor(tenant.primaryColor, PLATFORM_BRAND.primaryColor),
    accentColor: safeColor(tenant.accentColor, PLATFORM_BRAND.accentColor),
    supportEmail: tenant.supportEmail || null,
    supportPhone: tenant.supportPhone || null,
    locale: tenant.locale || "en",
  };
}

function safeColor(value: string | null | undefined, fallback: string) {
  return value && /^#[0-9a-fA-F]{3,8}$/.test(value) ? value : fallback;
}

const page = { backgroundColor: "#f4f5f7", fontFamily: "Helvetica, Arial, sans-serif", margin: 0, padding: "24px 0" };
const card = { backgroundColor: "#ffffff", borderRadius: "8px", maxWidth: "560px", margin: "0 auto", padding: 0 };
const content = { padding: "8px 32px 24px" };
const footer = { color: "#6b7280", fontSize: "12px", lineHeight: "18px", padding: "0 32px 24px" };

export function EmailLayout({
  brand,
  preview,
  heading,
  children,
}: {
  brand: EmailBrand;
  /** The line mail clients show next to the subject. */
  preview: string;
  heading?: ReactNode;
  children: ReactNode;
}) {
  return (
    <Html lang={(brand.locale ?? "en").split("-")[0]}>
      <Head />
      <Preview>{preview}</Preview>
      <Body style={page}>
        <Container style={card}>
          <Section
            style={{
              backgroundColor: brand.primaryColor,
              borderTopLeftRadius: "8px",
              borderTopRightRadius: "8px",
              padding: "16px 32px",
            }}
          >
            {brand.logoUrl ? (
              <Img src={brand.logoUrl} alt={brand.name} height="32" style={{ display: "inline-block" }} />
            ) : (
              <Text style={{ color: "#ffffff", fontSize: "20px", fontWeight: 700, margin: 0 }}>{brand.name}</Text>
            )}
          </Section>
          <Section style={content}>
            {heading ? (
              <Heading as="h1" style={{ color: "#111827", fontSize: "22px", margin: "16px 0 8px" }}>
                {heading}
              </Heading>
            ) : null}
            {children}
          </Section>
          <Hr style={{ borderColor: "#e5e7eb", margin: "0 32px 16px" }} />
          <Section style={footer}>
            <EmailSupportLine brand={brand} />
            <Text style={{ ...footer, padding: 0, margin: "4px 0 0" }}>{brand.legalName || brand.name}</Text>
          </Section>
        </Container>
      </Body>
    </Html>
  );
}

function EmailSupportLine({ brand }: { brand: EmailBrand }) {
  if (!brand.supportEmail && !brand.supportPhone) return null;
  return (
    <Text style={{ ...footer, padding: 0, margin: 0 }}>
      Questions? Contact {brand.name} support
      {brand.supportEmail ? (
        <>
          {" at "}
          <Link href={`mailto:${brand.supportEmail}`} style={{ color: brand.accentColor }}>
            {brand.supportEmail}
          </Link>
        </>
      ) : null}
      {brand.supportPhone ? (
        <>
          {brand.supportEmail ? " or " : " at "}
          <Link href={`tel:${brand.supportPhone.replace(/\s+/g, "")}`} style={{ color: brand.accentColor }}>
            {brand.supportPhone}
          </Link>
        </>
      ) : null}
      .
    </Text>
  );
}

/** A paragraph of body text. */
export function EmailText({ children, muted }: { children: ReactNode; muted?: boolean }) {
  return (
    <Text style={{ color: muted ? "#6b7280" : "#111827", fontSize: muted ? "13px" : "15px", lineHeight: "22px" }}>
      {children}
    </Text>
  );
}

/** The one call to action of a message, in the brand's colour. */
export function EmailButton({ brand, href, children }: { brand: EmailBrand; href: string; children: ReactNode }) {
  return (
    <Section style={{ margin: "20px 0" }}>
      <Button
        href={href}
        style={{
          backgroundColor: brand.primaryColor,
          borderRadius: "6px",
          color: "#ffffff",
          fontSize: "15px",
          fontWeight: 600,
          padding: "12px 20px",
          textDecoration: "none",
        }}
      >
        {children}
      </Button>
    </Section>
  );
}

/** A plain link (e.g. the URL under a button, for clients that hide buttons). */
export function EmailLink({ brand, href, children }: { brand: EmailBrand; href: string; children?: ReactNode }) {
  return (
    <Link href={href} style={{ color: brand.accentColor, wordBreak: "break-all" }}>
      {children ?? href}
    </Link>
  );
}

/** Label/value rows (invoice totals, plan details, appointment times). */
export function EmailDetails({ rows }: { rows: Array<[label: string, value: ReactNode]> }) {
  return (
    <Section style={{ backgroundColor: "#f9fafb", borderRadius: "6px", margin: "12px 0", padding: "8px 16px" }}>
      {rows.map(([label, value]) => (
        <Text key={label} style={{ color: "#111827", fontSize: "14px", lineHeight: "20px", margin: "6px 0" }}>
          <span style={{ color: "#6b7280" }}>{label}: </span>
          {value}
        </Text>
      ))}
    </Section>
  );
}
