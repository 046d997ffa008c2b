// The durable work identity owns: password-reset and sign-in-link emails, sent outside the
// request so that answering a request takes the same time whether or not the account exists.
import { defineJob } from "@/server/jobs";
import { PASSWORD_RESET_EVENT, sendPasswordReset } from "./password-reset";
import { SIGN_IN_LINK_EVENT, sendSignInLink } from "./sign-in-link";

const passwordResetEmail = defineJob({
  id: "identity-password-reset",
  name: "Identity: send a password-reset email",
  trigger: { event: PASSWORD_RESET_EVENT },
  retries: 3,
  run: ({ event, step }) => {
    const { email, ip } = event.data as { email: string; ip: string | null };
    return step.run("send", () => sendPasswordReset(email, ip));
  },
});

const signInLinkEmail = defineJob({
  id: "identity-sign-in-link",
  name: "Identity: send a sign-in link",
  trigger: { event: SIGN_IN_LINK_EVENT },
  retries: 3,
  run: ({ event, step }) => {
    const { email, ip } = event.data as { email: string; ip: string | null };
    return step.run("send", () => sendSignInLink(email, ip));
  },
});

export const identityJobs = [passwordResetEmail, signInLinkEmail];
