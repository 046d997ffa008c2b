// The durable work inventory owns: the daily pass over equipment returns (reminders, then
// charges), one step per tenant, each reading "today" from the tenant's billing clock.
import { defineJob } from "@/server/jobs";
import { activeTenants } from "@/server/modules/tenancy";
import { runEquipmentReturns } from "./returns";

const equipmentReturnsDaily = defineJob({
  id: "inventory-equipment-returns-daily",
  name: "Inventory: overdue equipment returns",
  trigger: { cron: "30 6 * * *" },
  retries: 2,
  async run({ step, tenant }) {
    const tenants = await step.run("tenants", () => activeTenants());
    const results: Record<string, unknown> = {};
    for (const t of tenants) results[t.id] = await step.run(`returns-${t.id}`, () => runEquipmentReturns(tenant(t.id)));
    return results;
  },
});

export const inventoryJobs = [equipmentReturnsDaily];
