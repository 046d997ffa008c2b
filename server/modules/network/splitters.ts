// Splitters of the outside plant: where they stand and how much their PON port still takes.
// Serviceability asks for these to find the nearest splitter with a free leg (it counts the
// legs it has promised itself; the PON port's budget is the ONUs already on it).
import { z } from "zod";
import { conflict, isUniqueViolation, notFound } from "@/server/errors";
import { recordAudit } from "@/server/modules/audit";
import type { ServiceContext } from "@/server/service-context";

export const splitterInput = z.object({
  name: z.string().trim().min(1).max(80),
  ponPortId: z.string().uuid(),
  ratio: z.number().int().min(2).max(128).default(8),
  latitude: z.number().min(-90).max(90),
  longitude: z.number().min(-180).max(180),
});
export type SplitterInput = z.input<typeof splitterInput>;

export type SplitterCapacity = {
  id: string;
  name: string;
  ratio: number;
  latitude: number;
  longitude: number;
  ponPortId: string;
  ponPortLabel: string;
  oltName: string;
  /** ONUs the PON port may still take (its split ratio minus the ONUs on it). */
  ponPortFree: number;
};

export async function createSplitter(svc: ServiceContext, raw: SplitterInput) {
  const input = splitterInput.parse(raw);
  const port = await svc.db.ponPort.findFirst({ where: { id: input.ponPortId } });
  if (!port) throw notFound("The PON port");
  try {
    return await svc.db.$transaction(async (tx) => {
      const splitter = await tx.splitter.create({ data: { tenantId: svc.tenantId, ...input } });
      await recordAudit(tx, {
        tenantId: svc.tenantId,
        actor: svc.actor,
        action: "network.splitter.create",
        targetType: "Splitter",
        targetId: splitter.id,
        after: splitter,
      });
      return splitter;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(`A splitter named "${input.name}" already exists`);
    throw error;
  }
}

/** Every placed splitter on a PON port, with the port's remaining budget. */
export async function splitterCapacities(svc: ServiceContext): Promise<SplitterCapacity[]> {
  const splitters = await svc.db.splitter.findMany({
    where: { ponPortId: { not: null }, latitude: { not: null }, longitude: { not: null } },
    include: { ponPort: { include: { olt: { select: { name: true } }, _count: { select: { onus: true } } } } },
    orderBy: { name: "asc" },
  });
  return splitters.flatMap((s) =>
    s.ponPort && s.latitude != null && s.longitude != null
      ? [
          {
            id: s.id,
            name: s.name,
            ratio: s.ratio,
            latitude: s.latitude,
            longitude: s.longitude,
            ponPortId: s.ponPort.id,
            ponPortLabel: s.ponPort.label,
            oltName: s.ponPort.olt.name,
            ponPortFree: Math.max(0, s.ponPort.splitRatio - s.ponPort._count.onus),
          },
        ]
      : [],
  );
}

/** The PON ports of the OLT with this name, in port order (none if there is no such OLT). */
export async function oltPonPorts(svc: ServiceContext, oltName: string) {
  return svc.db.ponPort.findMany({
    where: { olt: { name: oltName } },
    orderBy: { portNo: "asc" },
    select: { id: true, portNo: true, label: true },
  });
}
