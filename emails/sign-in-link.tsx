// Sent when a subscriber asks to sign in by email: a single-use, expiring link.
import { type EmailBrand, EmailButton, EmailLayout, EmailLink, EmailText } from "./layout";

export type SignInLinkEmailProps = {
  brand: EmailBrand;
  name?: string | null;
  signInUrl: string;
  expiresInMinutes: number;
};

export function signInLinkSubject(brand: EmailBrand) {
  return `Your ${brand.name} sign-in link`;
}

export function SignInLinkEmail({ brand, name, signInUrl, expiresInMinutes }: SignInLinkEmailProps) {
  return (
    <EmailLayout brand={brand} preview="Sign in with one click" heading={`Sign in to ${brand.name}`}>
      <EmailText>{name ? `Hello ${name},` : "Hello,"}</EmailText>
      <EmailText>Someone (hopefully you) asked to sign in to your {brand.name} account with this email.</EmailText>
      <EmailButton brand={brand} href={signInUrl}>
        Sign in
      </EmailButton>
      <EmailText muted>
        Or open this link: <EmailLink brand={brand} href={signInUrl} />
      </EmailText>
      <EmailText muted>
        The link works once and expires in {expiresInMinutes} minutes. If you did not ask for it, ignore this email:
        nobody can sign in without it.
      </EmailText>
    </EmailLayout>
  );
}

export default SignInLinkEmail;
