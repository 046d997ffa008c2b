// Runs the fake resend API on its own: `npx tsx simulator/resend/main.ts`
// (PORT, default 4010; RESEND_API_KEY, default re_test_key). Point the app at it with
// RESEND_BASE_URL=http://127.0.0.1:4010 and the same RESEND_API_KEY.
import { startFakeResend } from "./server";

const fake = await startFakeResend({
  port: Number(process.env.PORT ?? 4010),
  apiKey: process.env.RESEND_API_KEY ?? "re_test_key",
});
console.log(`fake resend API listening on ${fake.url}`);
