// The tenant's OLT and ACS adapters, as the composition root builds them from the tenant's
// integration settings. A simulated network is first rebuilt from the inventory (once per
// process): the simulator keeps its state in memory only.
import { acsAdapter, oltAdapter, simulatedNetwork } from "@/server/adapters/compose";
import type { ConnectionTest } from "@/server/adapters/olt/port";
import { type IntegrationSystem, recordIntegrationTest, resolveIntegration } from "@/server/modules/integrations";
import { ipamAdapterFor } from "@/server/modules/ipam";
import type { ServiceContext } from "@/server/service-context";
import { restoreSimulator } from "./sim-restore";

export async function oltAdapterFor(svc: ServiceContext) {
  const cfg = await resolveIntegration(svc, "OLT");
  const sim = simulatedNetwork(svc.tenantId, cfg);
  if (sim) await restoreSimulator(svc, sim);
  return oltAdapter(svc.tenantId, cfg);
}

export async function acsAdapterFor(svc: ServiceContext) {
  const cfg = await resolveIntegration(svc, "ACS");
  const sim = simulatedNetwork(svc.tenantId, cfg);
  if (sim) await restoreSimulator(svc, sim);
  return acsAdapter(svc.tenantId, cfg);
}

/** "Test connection": one cheap read against the configured system; the outcome is stored. */
export async function testIntegration(svc: ServiceContext, system: IntegrationSystem): Promise<ConnectionTest> {
  let result: ConnectionTest;
  try {
    if (system === "OLT") result = await (await oltAdapterFor(svc)).testConnection();
    else if (system === "ACS") result = await (await acsAdapterFor(svc)).testConnection();
    else {
      const ipam = await ipamAdapterFor(svc);
      result = ipam
        ? await ipam.testConnection()
        : { ok: true, message: "Built-in IPAM (PostgreSQL) is always available" };
    }
  } catch (error) {
    result = { ok: false, message: (error as Error).message };
  }
  return recordIntegrationTest(svc, system, result);
}
