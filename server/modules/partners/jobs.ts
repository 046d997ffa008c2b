// The durable work partners own: every partner's commission ledger brought up to date from
// paid, refunded and credited invoices every quarter hour, one step per tenant.
import { defineJob } from "@/server/jobs";
import { activeTenants } from "@/server/modules/tenancy";
import { recomputeAllCommissions } from "./commissions";

const commissions = defineJob({
  id: "partners-commissions",
  name: "Partners: commission ledgers",
  trigger: { cron: "*/15 * * * *" },
  retries: 2,
  async run({ step, tenant }) {
    const tenants = await step.run("tenants", () => activeTenants());
    const results: Record<string, unknown> = {};
    for (const t of tenants)
      results[t.id] = await step.run(`commissions-${t.id}`, () => recomputeAllCommissions(tenant(t.id)));
    return results;
  },
});

export const partnersJobs = [commissions];
