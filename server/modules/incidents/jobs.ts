// The durable work incidents own: every minute, pull events from OLT systems that are polled
// (the simulator; a real VOLTHA pushes to the webhook) and run the pipeline for every tenant,
// which also resolves incidents whose alarms cleared.
import { defineJob } from "@/server/jobs";
import { pollOltEvents } from "@/server/modules/network";
import { activeTenants } from "@/server/modules/tenancy";
import { handleNetworkEvents } from "./handle-network-events";

const incidentsWatch = defineJob({
  id: "incidents-watch",
  name: "Incidents: network events → alarms → incidents",
  trigger: { cron: "* * * * *" },
  retries: 1,
  async run({ step, tenant }) {
    const tenants = await step.run("tenants", () => activeTenants());
    const results: Record<string, unknown> = {};
    for (const t of tenants)
      results[t.id] = await step.run(`watch-${t.id}`, async () => {
        const svc = tenant(t.id);
        await pollOltEvents(svc).catch(() => null);
        return handleNetworkEvents(svc);
      });
    return results;
  },
});

export const incidentsJobs = [incidentsWatch];
