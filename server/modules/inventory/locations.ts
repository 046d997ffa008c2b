// Stock locations: warehouses, one van per technician, one place per subscriber's premises,
// the vendor's RMA and scrap. Vans, premises and the standing places are made on first use.
import { invalid, notFound } from "@/server/errors";
import type { StockLocationKind } from "@/server/generated/prisma/enums";
import { staffWithPermission } from "@/server/modules/identity";
import { getSubscriber } from "@/server/modules/subscribers";
import type { ServiceContext } from "@/server/service-context";

export const MAIN_WAREHOUSE = "Main warehouse";
const STANDING: Partial<Record<StockLocationKind, string>> = { RMA: "Vendor RMA", SCRAP: "Scrap" };

/** A warehouse by name (made if missing), or the RMA / scrap place. */
export async function standingLocation(svc: ServiceContext, kind: "WAREHOUSE" | "RMA" | "SCRAP", name?: string) {
  const n = name ?? STANDING[kind] ?? MAIN_WAREHOUSE;
  return svc.db.stockLocation.upsert({
    where: { tenantId_kind_name: { tenantId: svc.tenantId, kind, name: n } },
    create: { tenantId: svc.tenantId, kind, name: n },
    update: {},
  });
}

/** The technician's van (made on first use); the technician must be staff who work orders. */
export async function vanOf(svc: ServiceContext, technicianId: string) {
  const existing = await svc.db.stockLocation.findFirst({ where: { technicianId } });
  if (existing) return existing;
  const tech = (await staffWithPermission(svc, "workorder.write")).find((u) => u.id === technicianId);
  if (!tech) throw invalid("Vans belong to active technicians of this company");
  return svc.db.stockLocation.upsert({
    where: { tenantId_technicianId: { tenantId: svc.tenantId, technicianId } },
    create: { tenantId: svc.tenantId, kind: "VAN", name: `Van — ${tech.name} (${tech.email})`, technicianId },
    update: {},
  });
}

/** The subscriber's premises as a stock location (made on first use). */
export async function premisesOf(svc: ServiceContext, subscriberId: string) {
  const existing = await svc.db.stockLocation.findFirst({ where: { subscriberId } });
  if (existing) return existing;
  const sub = await getSubscriber(svc, subscriberId);
  return svc.db.stockLocation.upsert({
    where: { tenantId_subscriberId: { tenantId: svc.tenantId, subscriberId } },
    create: { tenantId: svc.tenantId, kind: "CUSTOMER", name: `Premises — ${sub.username}`, subscriberId },
    update: {},
  });
}

export async function getLocation(svc: ServiceContext, id: string) {
  const location = await svc.db.stockLocation.findFirst({ where: { id } });
  if (!location) throw notFound("Stock location");
  return location;
}

export async function listLocations(svc: ServiceContext, kind?: StockLocationKind) {
  return svc.db.stockLocation.findMany({ where: kind ? { kind } : {}, orderBy: [{ kind: "asc" }, { name: "asc" }] });
}
