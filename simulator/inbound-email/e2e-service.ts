// The inbound mail provider for the e2e app: a signing key and a reply domain the app is
// configured with; specs post received email with sendInboundEmail() (sender.ts).
import { randomBytes } from "node:crypto";
import type { E2eService } from "../../e2e/services.ts";

export const startInboundEmailForE2e: E2eService["start"] = async () => ({
  env: { INBOUND_EMAIL_SIGNING_KEY: randomBytes(24).toString("hex"), INBOUND_EMAIL_DOMAIN: "in.acme-fiber.example" },
  async stop() {},
});
