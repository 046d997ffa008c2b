// Demo leads for the demo tenant's pipeline: from the web form, a partner, the phone and an
// import, at the simulated geocoder's homes (one needs a build, one is outside). Idempotent.
import type { PrismaClient, Tenant } from "@/server/generated/prisma/client";
import { systemContext } from "@/server/service-context";
import { createLead } from "./create-lead";
import type { LeadInput } from "./inputs";

const berlin = { city: "Berlin", country: "DE" };

const DEMO_LEADS: LeadInput[] = [
  {
    name: "Mia Schneider",
    email: "mia.schneider@example.net",
    phone: "+49 30 5550 1001",
    source: "WEB_FORM",
    address: { streetName: "Oranienstraße", streetNr: "47", postcode: "10999", ...berlin },
  },
  {
    name: "Jonas Weber",
    email: "jonas.weber@example.net",
    source: "PHONE",
    address: { streetName: "Reichenberger Straße", streetNr: "23", postcode: "10999", ...berlin },
  },
  {
    name: "Lea Fischer",
    phone: "+49 30 5550 1003",
    source: "PARTNER",
    address: { streetName: "Görlitzer Straße", streetNr: "70", postcode: "10997", ...berlin },
  },
  {
    name: "Paul Wagner",
    email: "paul.wagner@example.net",
    source: "CSV_IMPORT",
    address: { streetName: "Carl-Schurz-Straße", streetNr: "2", postcode: "13597", ...berlin },
  },
];

export async function seedCrm(db: PrismaClient, tenant: Tenant) {
  const svc = systemContext(tenant.id, "seed", db);
  if (await svc.db.lead.count()) return;
  for (const lead of DEMO_LEADS) await createLead(svc, lead);
}
