// The durable work incidents own: the pipeline after the network recorded events (however they
// came: webhook, poll, sync), and every minute a pull from OLT systems that are polled (the
// simulator; a real VOLTHA pushes to the webhook) with the pipeline for every tenant.
import { defineJob } from "@/server/jobs";
import { NETWORK_EVENTS_RECORDED, pollOltEvents } from "@/server/modules/network";
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

const incidentsOnEvents = defineJob({
  id: "incidents-on-network-events",
  name: "Incidents: new network events",
  trigger: { event: NETWORK_EVENTS_RECORDED },
  retries: 3,
  async run({ event, step, tenant }) {
    const { tenantId } = event.data as { tenantId: string };
    return step.run("pipeline", () => handleNetworkEvents(tenant(tenantId)));
  },
});

export const incidentsJobs = [incidentsWatch, incidentsOnEvents];
