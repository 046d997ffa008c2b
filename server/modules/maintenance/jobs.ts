// The durable work maintenance owns: every minute, the notices that are due, for every tenant.
import { defineJob } from "@/server/jobs";
import { activeTenants } from "@/server/modules/tenancy";
import { sendDueMaintenanceNotices } from "./notices";

const maintenanceNotices = defineJob({
  id: "maintenance-notices",
  name: "Maintenance: notices due",
  trigger: { cron: "* * * * *" },
  retries: 2,
  async run({ step, tenant }) {
    const tenants = await step.run("tenants", () => activeTenants());
    const results: Record<string, unknown> = {};
    for (const t of tenants)
      results[t.id] = await step.run(`notices-${t.id}`, () => sendDueMaintenanceNotices(tenant(t.id)));
    return results;
  },
});

export const maintenanceJobs = [maintenanceNotices];
