// Demo equipment at the customers': each live demo subscriber's ONU is a GPON ONU of the
// inventory, fitted at their premises, so a disconnect has something to get back (J4).
// Idempotent: a serial already in the inventory stays where it is.
import type { PrismaClient, Tenant } from "@/server/generated/prisma/client";
import { serviceInventory } from "@/server/modules/subscribers";
import { systemContext } from "@/server/service-context";
import { assignEquipment, receiveEquipment } from "./equipment";
import { standingLocation } from "./locations";
import { listModels } from "./models";

export async function seedFittedEquipment(db: PrismaClient, tenant: Tenant) {
  const svc = systemContext(tenant.id, "seed", db);
  const onu = (await listModels(svc)).find((m) => m.code === "ONU-GPON");
  if (!onu) return;
  const warehouse = await standingLocation(svc, "WAREHOUSE");
  for (const status of ["ACTIVE", "SUSPENDED"] as const) {
    const { rows } = await serviceInventory(svc, { offset: 0, limit: 500, status });
    for (const s of rows) {
      const serial = s.onuSerial?.toUpperCase();
      if (!serial || (await svc.db.inventoryItem.findFirst({ where: { serial } }))) continue;
      await receiveEquipment(svc, {
        locationId: warehouse.id,
        modelId: onu.id,
        items: [{ serial }],
        note: "Fitted before the inventory",
      });
      await assignEquipment(svc, { serial, subscriberId: s.id });
    }
  }
}
