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
