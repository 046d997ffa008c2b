// The simulated network lives in memory; our inventory is durable. After a restart (or in a
// new process) the tenant's simulator is rebuilt from the inventory, so the demo network
// keeps its OLTs (same device ids: they derive from tenant and address), its ONUs (including
// ones plugged in by serial) and their activation and bandwidth profiles.
import type { NetworkInventory, SimulatedNetwork } from "@/server/adapters/simulated-network";
import type { ServiceContext } from "@/server/service-context";

export function restoreSimulator(svc: ServiceContext, sim: SimulatedNetwork): Promise<void> {
  return sim.restore(
    () => inventory(svc),
    async (ids) => {
      for (const o of ids.olts) await svc.db.olt.update({ where: { id: o.id }, data: { externalId: o.externalId } });
      for (const o of ids.onus) await svc.db.onu.update({ where: { id: o.id }, data: { externalId: o.externalId } });
    },
  );
}

async function inventory(svc: ServiceContext): Promise<NetworkInventory> {
  const olts = await svc.db.olt.findMany({
    where: { managementAddress: { not: null } },
    include: { onus: { include: { ponPort: true } } },
  });
  const cpes = await svc.db.cpe.findMany({
    where: { OR: [{ wifiSsid: { not: null } }, { firmwareVersion: { not: null } }] },
    select: { acsDeviceId: true, wifiSsid: true, firmwareVersion: true },
  });
  return {
    olts: olts.map((olt) => ({
      id: olt.id,
      managementAddress: olt.managementAddress!,
      externalId: olt.externalId,
      adminState: olt.adminState,
      onus: olt.onus.map((onu) => ({
        id: onu.id,
        serialNumber: onu.serialNumber,
        vendor: onu.vendor,
        externalId: onu.externalId,
        adminState: onu.adminState,
        ponPortNo: onu.ponPort?.portNo ?? null,
        bandwidthProfile: onu.bandwidthProfile,
      })),
    })),
    cpes,
  };
}
