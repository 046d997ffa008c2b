// The durable work the desk owns: the SLA watch every minute, one step per tenant.
import { defineJob } from "@/server/jobs";
import { activeTenants } from "@/server/modules/tenancy";
import { runSlaWatch } from "./sla-watch";

const slaWatch = defineJob({
  id: "tickets-sla-watch",
  name: "Tickets: SLA warnings and breaches",
  trigger: { cron: "* * * * *" },
  retries: 2,
  async run({ step, tenant }) {
    const tenants = await step.run("tenants", () => activeTenants());
    const results: Record<string, unknown> = {};
    for (const t of tenants) results[t.id] = await step.run(`sla-${t.id}`, () => runSlaWatch(tenant(t.id)));
    return results;
  },
});

export const ticketsJobs = [slaWatch];
