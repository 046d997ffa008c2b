// Topology questions other modules ask: who is behind this OLT or PON port.
import type { Prisma } from "@/server/generated/prisma/client";
import type { ServiceContext } from "@/server/service-context";

/** Subscriber ids served by an ONU on one of these OLTs or PON ports (union). */
export async function subscriberIdsBehind(
  svc: ServiceContext,
  at: { oltIds?: string[]; ponPortIds?: string[] },
): Promise<string[]> {
  const or: Prisma.OnuWhereInput[] = [];
  if (at.oltIds?.length) or.push({ oltId: { in: at.oltIds } });
  if (at.ponPortIds?.length) or.push({ ponPortId: { in: at.ponPortIds } });
  if (or.length === 0) return [];
  const rows = await svc.db.onu.findMany({
    where: { subscriberId: { not: null }, OR: or },
    select: { subscriberId: true },
  });
  return [...new Set(rows.map((r) => r.subscriberId as string))];
}

// Upstream paths for alarm correlation. An element key names a point of the plant that can
// take down everything behind it: "olt:<id>", "pon:<id>" today; a splitter or feeder level adds
// its keys between the PON port and the ONU ("pon:…", "feeder:…", "splitter:…") and the
// correlation, which only compares keys, needs no change.

export type PlantElement = { key: string; type: "OLT" | "PON_PORT"; name: string };
export type OnuPlacement = {
  onuId: string;
  serialNumber: string;
  subscriberId: string | null;
  /** Farthest first: OLT, then PON port (when known). */
  upstream: PlantElement[];
};

/** Where each ONU (by serial) hangs in the plant. Unknown serials are left out. */
export async function placeOnus(svc: ServiceContext, serials: string[]): Promise<Map<string, OnuPlacement>> {
  const out = new Map<string, OnuPlacement>();
  if (serials.length === 0) return out;
  const rows = await svc.db.onu.findMany({
    where: { serialNumber: { in: [...new Set(serials)] } },
    select: {
      id: true,
      serialNumber: true,
      subscriberId: true,
      olt: { select: { id: true, name: true } },
      ponPort: { select: { id: true, label: true } },
    },
  });
  for (const r of rows) {
    const upstream: PlantElement[] = [{ key: `olt:${r.olt.id}`, type: "OLT", name: r.olt.name }];
    if (r.ponPort)
      upstream.push({ key: `pon:${r.ponPort.id}`, type: "PON_PORT", name: `${r.olt.name} ${r.ponPort.label}` });
    out.set(r.serialNumber, { onuId: r.id, serialNumber: r.serialNumber, subscriberId: r.subscriberId, upstream });
  }
  return out;
}

function parseKeys(keys: string[]) {
  const oltIds: string[] = [];
  const ponPortIds: string[] = [];
  for (const k of keys) {
    const [kind, id] = k.split(":");
    if (kind === "olt" && id) oltIds.push(id);
    else if (kind === "pon" && id) ponPortIds.push(id);
  }
  return { oltIds, ponPortIds };
}

/** ONUs in service (active, or active until they lost signal) behind each element key. */
export async function onusInServiceUnder(svc: ServiceContext, keys: string[]): Promise<Map<string, number>> {
  const { oltIds, ponPortIds } = parseKeys(keys);
  const out = new Map<string, number>(keys.map((k) => [k, 0]));
  const inService: Prisma.OnuWhereInput = { state: { in: ["ACTIVE", "LOS"] } };
  if (oltIds.length) {
    const rows = await svc.db.onu.groupBy({
      by: ["oltId"],
      where: { oltId: { in: oltIds }, ...inService },
      _count: { _all: true },
    });
    for (const r of rows) out.set(`olt:${r.oltId}`, r._count._all);
  }
  if (ponPortIds.length) {
    const rows = await svc.db.onu.groupBy({
      by: ["ponPortId"],
      where: { ponPortId: { in: ponPortIds }, ...inService },
      _count: { _all: true },
    });
    for (const r of rows) out.set(`pon:${r.ponPortId}`, r._count._all);
  }
  return out;
}

/** Subscriber ids served behind any of these element keys. */
export function subscriberIdsUnder(svc: ServiceContext, keys: string[]) {
  return subscriberIdsBehind(svc, parseKeys(keys));
}

/** Readable names of element keys ("olt:<id>" → "Acme-OLT-1"); unknown keys are left out. */
export async function describeElements(svc: ServiceContext, keys: string[]): Promise<Map<string, PlantElement>> {
  const { oltIds, ponPortIds } = parseKeys(keys);
  const out = new Map<string, PlantElement>();
  if (oltIds.length)
    for (const o of await svc.db.olt.findMany({ where: { id: { in: oltIds } }, select: { id: true, name: true } }))
      out.set(`olt:${o.id}`, { key: `olt:${o.id}`, type: "OLT", name: o.name });
  if (ponPortIds.length)
    for (const p of await svc.db.ponPort.findMany({
      where: { id: { in: ponPortIds } },
      select: { id: true, label: true, olt: { select: { name: true } } },
    }))
      out.set(`pon:${p.id}`, { key: `pon:${p.id}`, type: "PON_PORT", name: `${p.olt.name} ${p.label}` });
  return out;
}
