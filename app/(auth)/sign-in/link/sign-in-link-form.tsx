"use client";
import { EmailLinkForm } from "../../email-link-form";

export function SignInLinkForm() {
  return (
    <EmailLinkForm
      link="signInLink"
      intro="Enter the email of your portal account and we will send you a link that signs you in."
      submitLabel="Email me a link"
      sent={(email) =>
        `If ${email} may sign in with a link, we sent one there. It works once and expires in 15 minutes.`
      }
    />
  );
}
