// Demo network for the demo tenant: a central office with one simulated GPON OLT (4 PON ports
// whose ONUs the simulator discovers), a subscriber VLAN and a CGNAT pool (the subscribers seed
// takes their addresses from it, and plugs in and activates their ONUs: plugDemoOnus, below).
// Idempotent.

import { simulatedNetwork } from "@/server/adapters/compose";
import type { PrismaClient, Tenant } from "@/server/generated/prisma/client";
import { chooseSimulatorIfUnset, resolveIntegration } from "@/server/modules/integrations";
import { ensurePool, ensureVlan } from "@/server/modules/ipam";
import { type ServiceContext, systemContext } from "@/server/service-context";
import { createSite, registerOlt, syncOlt } from "./service";
import { restoreSimulator } from "./sim-restore";

export const DEMO_OLT = { name: "Acme-OLT-1", hostAndPort: "10.10.0.10:9191" };

export async function seedNetwork(db: PrismaClient, tenant: Tenant) {
  const svc = systemContext(tenant.id, "seed", db);
  // The demo network is the simulator, chosen as an operator would (production has no default).
  await chooseSimulatorIfUnset(svc, "OLT");
  await chooseSimulatorIfUnset(svc, "ACS");
  const site =
    (await svc.db.networkSite.findFirst({ where: { name: "Berlin Central Office" } })) ??
    (await createSite(svc, {
      name: "Berlin Central Office",
      kind: "CENTRAL_OFFICE",
      address: "Alexanderplatz 1, 10178 Berlin",
      latitude: 52.5219,
      longitude: 13.4132,
    }));
  if (!(await svc.db.olt.findFirst({ where: { name: DEMO_OLT.name } })))
    await registerOlt(svc, {
      ...DEMO_OLT,
      siteId: site.id,
      technology: "GPON",
      splitRatio: 64,
      latitude: 52.5219,
      longitude: 13.4132,
    });

  const vlan = await ensureVlan(svc, { vid: 100, name: "subscribers-internet", purpose: "SUBSCRIBER" });
  await ensureVlan(svc, { vid: 4000, name: "olt-management", purpose: "MANAGEMENT" });
  await ensurePool(svc, {
    name: "cgnat-berlin",
    prefix: "100.64.0.0/22",
    gateway: "100.64.0.1",
    purpose: "SUBSCRIBER",
    vlanId: vlan.id,
    dnsServers: ["9.9.9.9", "1.1.1.1"],
    description: "CGNAT pool for Berlin FTTH subscribers",
  });
  await ensurePool(svc, {
    name: "olt-management",
    prefix: "10.10.0.0/24",
    gateway: "10.10.0.1",
    purpose: "MANAGEMENT",
  });
}

/**
 * Plugs the demo subscribers' ONUs into the demo OLT's simulated PON ports (round robin) and
 * lets the OLT discover them. The subscribers seed names the serials; it activates them after.
 */
export async function plugDemoOnus(svc: ServiceContext, serials: string[]) {
  const olt = await svc.db.olt.findFirst({ where: { name: DEMO_OLT.name } });
  const sim = simulatedNetwork(svc.tenantId, await resolveIntegration(svc, "OLT"));
  if (!olt?.externalId || !sim) return;
  // A restarted demo: the simulator (in memory) first gets back the ONUs the inventory knows.
  await restoreSimulator(svc, sim);
  const ponPorts = await svc.db.ponPort.findMany({ where: { oltId: olt.id }, orderBy: { portNo: "asc" } });
  if (!ponPorts.length) return;
  let plugged = false;
  serials.forEach((serial, i) => {
    if (sim.plugOnu(olt.externalId!, ponPorts[i % ponPorts.length]!.portNo, serial)) plugged = true;
  });
  if (plugged) await syncOlt(svc, olt.id);
}
