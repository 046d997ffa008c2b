// Closes RADIUS sessions whose NAS went silent (lost Accounting-Stop, NAS died without
// Accounting-Off): every 10 minutes, for all tenants (radacct is one table).
import { inngest } from "@/inngest/client";
import { cleanupStaleSessions } from "@/server/modules/radius";

export const radiusStaleSessions = inngest.createFunction(
  {
    id: "radius-stale-sessions",
    name: "RADIUS: close stale sessions",
    triggers: [{ cron: "*/10 * * * *" }],
    retries: 2,
  },
  async ({ step }) => step.run("close-stale", () => cleanupStaleSessions()),
);
