// The durable work RADIUS owns: every 10 minutes, close the sessions whose NAS went silent
// (lost Accounting-Stop, NAS died without Accounting-Off), for all tenants (radacct is one table).
import { defineJob } from "@/server/jobs";
import { cleanupStaleSessions } from "./sessions";

const radiusStaleSessions = defineJob({
  id: "radius-stale-sessions",
  name: "RADIUS: close stale sessions",
  trigger: { cron: "*/10 * * * *" },
  retries: 2,
  run: ({ step }) => step.run("close-stale", () => cleanupStaleSessions()),
});

export const radiusJobs = [radiusStaleSessions];
