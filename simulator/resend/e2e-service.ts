// The email provider of the e2e app: the resend fake on a free port with a random key. The app
// delivers through it (RESEND_API_KEY, RESEND_BASE_URL) as it would through resend, so its outbox
// keeps no secret link; specs read a delivered message the way resend's API serves it
// (GET /emails/{id}: deliveredEmail in e2e/support.ts).
import { randomBytes } from "node:crypto";
import type { E2eService } from "../../e2e/services.ts";
import { startFakeResend } from "./server";

export const startResendForE2e: E2eService["start"] = async (ctx) => {
  const apiKey = `re_${randomBytes(12).toString("hex")}`;
  const fake = await startFakeResend({ apiKey });
  ctx.log(`email provider (resend fake) at ${fake.url}`);
  return { env: { RESEND_BASE_URL: fake.url, RESEND_API_KEY: apiKey }, stop: fake.close };
};
