// Coverage areas: the outlines the tenant draws on the map where homes can be connected, with
// the homes they pass and the plans sold there.
import { conflict, isUniqueViolation, notFound } from "@/server/errors";
import { recordAudit } from "@/server/modules/audit";
import type { ServiceContext } from "@/server/service-context";
import { insideRing, type Ring } from "./geometry";
import { type CoverageAreaInput, coverageAreaInput } from "./schemas";

export async function listCoverageAreas(svc: ServiceContext) {
  return svc.db.coverageArea.findMany({ orderBy: { name: "asc" } });
}

/** The coverage area a point lies in (the first by name where areas overlap), or null. */
export async function coverageAreaAt(svc: ServiceContext, longitude: number, latitude: number) {
  return (await listCoverageAreas(svc)).find((a) => insideRing(a.polygon as Ring, longitude, latitude)) ?? null;
}

export async function saveCoverageArea(svc: ServiceContext, raw: CoverageAreaInput & { id?: string }) {
  const { id } = raw;
  const input = coverageAreaInput.parse(raw);
  const data = { ...input, buildCostMinor: input.buildCostMinor ?? null };
  try {
    return await svc.db.$transaction(async (tx) => {
      const before = id ? await tx.coverageArea.findFirst({ where: { id } }) : null;
      if (id && !before) throw notFound("The coverage area");
      const area = before
        ? await tx.coverageArea.update({ where: { id: before.id }, data })
        : await tx.coverageArea.create({ data: { tenantId: svc.tenantId, ...data } });
      await recordAudit(tx, {
        tenantId: svc.tenantId,
        actor: svc.actor,
        action: before ? "coverage.update" : "coverage.create",
        targetType: "CoverageArea",
        targetId: area.id,
        before: before ?? undefined,
        after: area,
      });
      return area;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(`A coverage area named "${input.name}" already exists`);
    throw error;
  }
}

/** Removes an area: its homes are no longer offered service (legs already promised stay). */
export async function deleteCoverageArea(svc: ServiceContext, id: string) {
  return svc.db.$transaction(async (tx) => {
    const before = await tx.coverageArea.findFirst({ where: { id } });
    if (!before) throw notFound("The coverage area");
    await tx.coverageArea.delete({ where: { id: before.id } });
    await recordAudit(tx, {
      tenantId: svc.tenantId,
      actor: svc.actor,
      action: "coverage.delete",
      targetType: "CoverageArea",
      targetId: before.id,
      before,
    });
    return { id: before.id };
  });
}
