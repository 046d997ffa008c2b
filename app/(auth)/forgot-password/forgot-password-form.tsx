"use client";
import { EmailLinkForm } from "../email-link-form";

export function ForgotPasswordForm() {
  return (
    <EmailLinkForm
      link="passwordReset"
      intro="Enter the email you sign in with and we will send you a link to choose a new password."
      submitLabel="Send reset link"
      sent={(email) =>
        `If an account exists for ${email}, we sent it a link to choose a new password. The link works once and expires in an hour.`
      }
    />
  );
}
