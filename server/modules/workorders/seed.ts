// Demo field work: the demo technician's skills, zone and base (every skill, Kreuzberg), the stock
// (ONU, router and drop-cable models; a main warehouse; the technician's van holding two of the
// network's free ONUs) and today's install for a new, pending subscriber, assigned to the demo
// technician. Idempotent: each part is skipped once it exists.

import { DEMO_ACCOUNTS } from "@/prisma/demo-accounts";
import type { PrismaClient, Tenant } from "@/server/generated/prisma/client";
import { listPlans } from "@/server/modules/catalog";
import { createCustomer } from "@/server/modules/customers";
import { staffWithPermission } from "@/server/modules/identity";
import { createModel, listModels, receiveEquipment, standingLocation, vanOf } from "@/server/modules/inventory";
import { listOnus, listOnusInput } from "@/server/modules/network";
import { listCoverageAreas } from "@/server/modules/serviceability";
import { createSubscriber } from "@/server/modules/subscribers";
import { systemContext } from "@/server/service-context";
import { createWorkOrder } from "./create-work-order";
import { TECHNICIAN_SKILLS } from "./schemas";
import { saveTechnicianProfile } from "./technicians";

export const DEMO_INSTALL = {
  title: "Install fibre for Emma Hoffmann",
  username: "emma.hoffmann",
  password: "demo-emma.hoffmann",
};

export async function seedFieldWork(db: PrismaClient, tenant: Tenant) {
  const svc = systemContext(tenant.id, "seed", db);
  const tech = (await staffWithPermission(svc, "workorder.write")).find(
    (u) => u.email === DEMO_ACCOUNTS.technician.email,
  );
  if (!tech) return;
  if (!(await svc.db.technicianProfile.findFirst({ where: { userId: tech.id } }))) {
    const kreuzberg = (await listCoverageAreas(svc)).find((a) => a.name === "Kreuzberg");
    await saveTechnicianProfile(svc, {
      userId: tech.id,
      skills: [...TECHNICIAN_SKILLS],
      zoneIds: kreuzberg ? [kreuzberg.id] : [],
      base: { label: "Depot, Tempelhofer Damm 1", latitude: 52.485, longitude: 13.386 },
    });
  }
  if (await svc.db.workOrder.findFirst({ where: { title: DEMO_INSTALL.title } })) return;

  const models = new Map((await listModels(svc)).map((m) => [m.code, m]));
  const model = async (code: string, input: Omit<Parameters<typeof createModel>[1], "code">) =>
    models.get(code) ?? (await createModel(svc, { code, ...input }));
  const onuModel = await model("ONU-GPON", { name: "GPON ONU", kind: "ONU", serialised: true, priceMinor: 8900 });
  await model("CPE-AX", { name: "WiFi 6 router", kind: "CPE", serialised: true, priceMinor: 12900 });
  const cable = await model("DROP-2F", { name: "Drop cable, 2 fibres", kind: "CABLE", serialised: false, unit: "m" });
  const warehouse = await standingLocation(svc, "WAREHOUSE");
  await receiveEquipment(svc, { locationId: warehouse.id, modelId: cable.id, quantity: 2000, note: "Opening stock" });

  // Two ONUs the network has discovered and nobody uses go in the van (the last by serial: the
  // NOC's new-subscriber form offers the first ones).
  const onus = await listOnus(svc, listOnusInput.parse({ pageSize: 200, sort: { id: "serialNumber", desc: true } }));
  const free = onus.rows.filter((o) => !o.subscriberId && !o.serialNumber.startsWith("ACME")).slice(0, 2);
  const van = await vanOf(svc, tech.id);
  if (free.length)
    await receiveEquipment(svc, {
      locationId: van.id,
      modelId: onuModel.id,
      items: free.map((o) => ({ serial: o.serialNumber })),
      note: "Van stock",
    });

  const plan = (await listPlans(svc, { page: 1, pageSize: 50, search: "FIBER-300" })).rows[0];
  if (!plan) return;
  const customer = await createCustomer(svc, {
    kind: "PERSON",
    name: "Emma Hoffmann",
    email: "emma.hoffmann@example.com",
    phone: "+49 30 5550 2001",
    billingLine1: "Oranienstraße 183",
    billingCity: "Berlin",
    billingPostcode: "10999",
    billingCountry: "DE",
    serviceAddresses: [
      {
        line1: "Oranienstraße 183",
        city: "Berlin",
        postcode: "10999",
        country: "DE",
        latitude: 52.5005,
        longitude: 13.4232,
      },
    ],
  });
  const sub = await createSubscriber(svc, {
    customerId: customer.id,
    planId: plan.id,
    username: `${DEMO_INSTALL.username}@${tenant.slug}`,
    password: DEMO_INSTALL.password,
  });
  const today = new Date();
  const at = (h: number) => new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate(), h));
  await createWorkOrder(svc, {
    type: "INSTALL",
    title: DEMO_INSTALL.title,
    description: "Ground floor flat; the building's fibre box is in the basement.",
    subscriberId: sub.id,
    assigneeId: tech.id,
    windowStart: at(8),
    windowEnd: at(12),
  });
}
