// Runs the fake Twilio Messages API on its own: `tsx simulator/sms/main.ts` (PORT, TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN).
import { startFakeTwilio } from "./server";

const fake = await startFakeTwilio({
  port: Number(process.env.PORT ?? 4011),
  accountSid: process.env.TWILIO_ACCOUNT_SID,
  authToken: process.env.TWILIO_AUTH_TOKEN,
});
console.log(`fake Twilio listening on ${fake.url}`);
