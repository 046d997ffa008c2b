// Bulk reads for the drift detector: the addresses IPAM holds for a page of subscribers, and —
// when the tenant's addresses live in NetBox — what NetBox holds for our external pools.

import type { ServiceContext } from "@/server/service-context";
import { ipamAdapterFor } from "./service";

export type HeldAddress = { address: string; poolId: string; externalId: string | null };

const externalIdOf = (description: string | null) => description?.match(/\[(?:netbox|simulator):(\d+)\]$/)?.[1] ?? null;

export async function heldAddresses(svc: ServiceContext, subscriberIds: string[]) {
  const out = new Map<string, HeldAddress[]>();
  if (!subscriberIds.length) return out;
  const rows = await svc.db.ipAddress.findMany({
    where: { subscriberId: { in: subscriberIds }, status: { in: ["ASSIGNED", "RESERVED"] } },
    select: { subscriberId: true, address: true, poolId: true, description: true },
  });
  for (const r of rows) {
    const list = out.get(r.subscriberId as string) ?? [];
    list.push({
      address: r.address.split("/")[0] as string,
      poolId: r.poolId,
      externalId: externalIdOf(r.description),
    });
    out.set(r.subscriberId as string, list);
  }
  return out;
}

/**
 * NetBox's addresses under our external pools, by NetBox id (host part only), or null when the
 * tenant uses the built-in IPAM.
 */
export async function externalIpamAddresses(
  svc: ServiceContext,
): Promise<{ system: string; byId: Map<string, { address: string; status: string }> } | null> {
  const adapter = await ipamAdapterFor(svc);
  if (!adapter) return null;
  const pools = await svc.db.ipPool.findMany({ where: { externalId: { not: null } }, select: { prefix: true } });
  const byId = new Map<string, { address: string; status: string }>();
  for (const pool of pools)
    for (const a of await adapter.listAddresses({ parent: pool.prefix }))
      byId.set(a.id, { address: a.address.split("/")[0] as string, status: a.status });
  return { system: adapter.kind === "netbox" ? "NetBox" : "NetBox (simulated)", byId };
}
