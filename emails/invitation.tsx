// Sent when someone is invited to a tenant (or to the platform): a single-use link to set
// a name and password.
import { type EmailBrand, EmailButton, EmailLayout, EmailLink, EmailText } from "./layout";

export type InvitationEmailProps = {
  brand: EmailBrand;
  inviteeName?: string | null;
  inviterName?: string | null;
  /** What the invitee is joining ("Acme Fiber"). */
  organisationName: string;
  roleName: string;
  acceptUrl: string;
  expiresAt: Date;
};

export function invitationSubject(props: Pick<InvitationEmailProps, "organisationName">) {
  return `You are invited to join ${props.organisationName}`;
}

export function InvitationEmail({
  brand,
  inviteeName,
  inviterName,
  organisationName,
  roleName,
  acceptUrl,
  expiresAt,
}: InvitationEmailProps) {
  const expires = expiresAt.toLocaleString(brand.locale ?? "en", {
    dateStyle: "long",
    timeStyle: "short",
    timeZone: "UTC",
  });
  return (
    <EmailLayout brand={brand} preview={`Join ${organisationName} as ${roleName}`} heading={`Join ${organisationName}`}>
      <EmailText>{inviteeName ? `Hello ${inviteeName},` : "Hello,"}</EmailText>
      <EmailText>
        {inviterName ? `${inviterName} invited you` : "You have been invited"} to {organisationName} as{" "}
        <strong>{roleName}</strong>. Choose your password to activate your account.
      </EmailText>
      <EmailButton brand={brand} href={acceptUrl}>
        Accept the invitation
      </EmailButton>
      <EmailText muted>
        Or open this link: <EmailLink brand={brand} href={acceptUrl} />
      </EmailText>
      <EmailText muted>
        The link works once and expires on {expires} UTC. If you did not expect this invitation, ignore this email.
      </EmailText>
    </EmailLayout>
  );
}

export default InvitationEmail;
