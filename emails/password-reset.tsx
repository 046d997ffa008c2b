// Sent when someone asks to reset their password: a single-use, expiring link.
import { type EmailBrand, EmailButton, EmailLayout, EmailLink, EmailText } from "./layout";

export type PasswordResetEmailProps = {
  brand: EmailBrand;
  name?: string | null;
  resetUrl: string;
  expiresInMinutes: number;
};

export function passwordResetSubject(brand: EmailBrand) {
  return `Reset your ${brand.name} password`;
}

export function PasswordResetEmail({ brand, name, resetUrl, expiresInMinutes }: PasswordResetEmailProps) {
  return (
    <EmailLayout brand={brand} preview="Choose a new password" heading="Reset your password">
      <EmailText>{name ? `Hello ${name},` : "Hello,"}</EmailText>
      <EmailText>Someone (hopefully you) asked to reset the password of your {brand.name} account.</EmailText>
      <EmailButton brand={brand} href={resetUrl}>
        Choose a new password
      </EmailButton>
      <EmailText muted>
        Or open this link: <EmailLink brand={brand} href={resetUrl} />
      </EmailText>
      <EmailText muted>
        The link works once and expires in {expiresInMinutes} minutes. If you did not ask for this, ignore this email:
        your password stays as it is.
      </EmailText>
    </EmailLayout>
  );
}

export default PasswordResetEmail;
