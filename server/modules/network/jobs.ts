// Integration health on a schedule: every five minutes each active tenant's real integrations
// (VOLTHA, GenieACS, NetBox) are tested as "Test connection" does, so a system that goes down
// raises monitoring's integration alarm, and its recovery clears it, without anyone pressing the
// button. Built-in and simulated systems are not tested: they cannot be down.
import { defineJob } from "@/server/jobs";
import { INTEGRATION_SYSTEMS, resolveIntegration } from "@/server/modules/integrations";
import { activeTenants } from "@/server/modules/tenancy";
import type { ServiceContext } from "@/server/service-context";
import { testIntegration } from "./adapters";

/** Tests each of the tenant's real integrations; the outcomes are stored as the button stores them. */
export async function testRealIntegrations(svc: ServiceContext) {
  const results: Record<string, boolean> = {};
  for (const system of INTEGRATION_SYSTEMS) {
    if ((await resolveIntegration(svc, system)).mode !== "REAL") continue;
    results[system] = (await testIntegration(svc, system)).ok;
  }
  return results;
}

const integrationHealthCheck = defineJob({
  id: "integrations-health",
  name: "Integrations: test the real ones",
  trigger: { cron: "*/5 * * * *" },
  retries: 0,
  async run({ step, tenant }) {
    const tenants = await step.run("tenants", () => activeTenants());
    const results: Record<string, unknown> = {};
    // One step per tenant: one tenant's unreachable system does not hold up the others' tests.
    for (const t of tenants) results[t.id] = await step.run(`test-${t.id}`, () => testRealIntegrations(tenant(t.id)));
    return results;
  },
});

export const networkJobs = [integrationHealthCheck];
