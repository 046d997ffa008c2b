// Stock views: each location's stock per model (from the ledger), alerts where it is below the
// location's minimum, and a technician's van (with the serials in it, for the phone's picker).
import type { ServiceContext } from "@/server/service-context";
import { stockByLocation } from "./ledger";
import { vanOf } from "./locations";

export async function stockReport(svc: ServiceContext, locationId?: string) {
  const [rows, models, locations, minimums] = await Promise.all([
    stockByLocation(svc, locationId),
    svc.db.inventoryModel.findMany(),
    svc.db.stockLocation.findMany({ where: locationId ? { id: locationId } : { kind: { in: ["WAREHOUSE", "VAN"] } } }),
    svc.db.stockMinimum.findMany({ where: locationId ? { locationId } : {} }),
  ]);
  const modelOf = new Map(models.map((m) => [m.id, m]));
  const have = new Map(rows.map((r) => [`${r.locationId}:${r.modelId}`, r.quantity]));
  const lines = locations.flatMap((loc) => {
    const modelIds = new Set([
      ...rows.filter((r) => r.locationId === loc.id).map((r) => r.modelId),
      ...minimums.filter((m) => m.locationId === loc.id).map((m) => m.modelId),
    ]);
    return [...modelIds].flatMap((modelId) => {
      const model = modelOf.get(modelId);
      if (!model) return [];
      const quantity = have.get(`${loc.id}:${modelId}`) ?? 0;
      const minimum = minimums.find((m) => m.locationId === loc.id && m.modelId === modelId)?.quantity ?? null;
      return [
        {
          locationId: loc.id,
          location: loc.name,
          locationKind: loc.kind,
          modelId,
          model: model.name,
          code: model.code,
          kind: model.kind,
          unit: model.unit,
          quantity,
          minimum,
          belowMinimum: minimum !== null && quantity < minimum,
        },
      ];
    });
  });
  return lines.sort((a, b) => a.location.localeCompare(b.location) || a.code.localeCompare(b.code));
}

export async function setMinimum(
  svc: ServiceContext,
  input: { locationId: string; modelId: string; quantity: number },
) {
  await svc.db.stockLocation.findFirstOrThrow({ where: { id: input.locationId } });
  await svc.db.inventoryModel.findFirstOrThrow({ where: { id: input.modelId } });
  return svc.db.stockMinimum.upsert({
    where: { locationId_modelId: { locationId: input.locationId, modelId: input.modelId } },
    create: { tenantId: svc.tenantId, ...input },
    update: { quantity: input.quantity },
  });
}

/** The serials in a technician's van, by model (what they can fit today). */
export async function vanStock(svc: ServiceContext, technicianId: string) {
  const van = await vanOf(svc, technicianId);
  const items = await svc.db.inventoryItem.findMany({
    where: { locationId: van.id },
    include: { model: { select: { code: true, name: true, kind: true } } },
    orderBy: [{ modelId: "asc" }, { serial: "asc" }],
  });
  return {
    van: { id: van.id, name: van.name },
    items: items.map((i) => ({ serial: i.serial, mac: i.mac, condition: i.condition, model: i.model })),
  };
}
