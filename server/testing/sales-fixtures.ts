// Fixtures for the sales tests: a tenant selling in EUR with 19% VAT (prices without tax), a
// plan, the simulated geocoder's Kreuzberg built (one OLT port, a 1:2 splitter by Oranienstraße
// 45 and a 1:8 one by Wiener Straße 5, a €450 build beyond 250 m), Neukölln planned; users of
// the roles the tests act as, and another tenant.
import { randomBytes } from "node:crypto";
import { tenantDb } from "@/server/db";
import type { PrismaClient } from "@/server/generated/prisma/client";
import type { ServiceContext } from "@/server/service-context";
import { createTenant, createUser } from "@/server/testing/fixtures";

export const KREUZBERG: Array<[number, number]> = [
  [13.39, 52.492],
  [13.44, 52.492],
  [13.44, 52.507],
  [13.39, 52.507],
  [13.39, 52.492],
];
export const NEUKOELLN: Array<[number, number]> = [
  [13.43, 52.475],
  [13.46, 52.475],
  [13.46, 52.49],
  [13.43, 52.49],
  [13.43, 52.475],
];

export const ORANIEN_45 = {
  streetName: "Oranienstraße",
  streetNr: "45",
  postcode: "10999",
  city: "Berlin",
  country: "DE",
};
export const ORANIEN_47 = { ...ORANIEN_45, streetNr: "47" };
export const LINDEN_14 = {
  streetName: "Lindenstraße",
  streetNr: "14",
  postcode: "10969",
  city: "Berlin",
  country: "DE",
};
export const WIENER_5 = {
  streetName: "Wiener Straße",
  streetNr: "5",
  postcode: "10999",
  city: "Berlin",
  country: "DE",
};
export const SONNENALLEE_120 = {
  streetName: "Sonnenallee",
  streetNr: "120",
  postcode: "12045",
  city: "Berlin",
  country: "DE",
};
export const SPANDAU = {
  streetName: "Carl-Schurz-Straße",
  streetNr: "2",
  postcode: "13597",
  city: "Berlin",
  country: "DE",
};
export const NOWHERE = { streetName: "Nirgendwo", streetNr: "1", postcode: "10999", city: "Berlin", country: "DE" };

export type SalesWorld = Awaited<ReturnType<typeof salesWorld>>;

const context = (tenantId: string, prisma: PrismaClient, user: { id: string; email: string }): ServiceContext => ({
  tenantId,
  db: tenantDb(tenantId, prisma),
  actor: { userId: user.id, label: user.email, ip: null },
});

export async function salesWorld(prisma: PrismaClient, opts: { pricesIncludeTax?: boolean } = {}) {
  const tenant = await createTenant(prisma);
  await prisma.tenant.update({ where: { id: tenant.id }, data: { pricesIncludeTax: opts.pricesIncludeTax ?? false } });
  await prisma.taxRate.create({ data: { tenantId: tenant.id, name: "VAT 19%", basisPoints: 1900, isDefault: true } });
  const tag = randomBytes(3).toString("hex");
  const plan = await prisma.plan.create({
    data: {
      tenantId: tenant.id,
      code: `F500-${tag}`,
      name: "Fibre 500",
      downloadKbps: 500_000,
      uploadKbps: 100_000,
      priceMinor: 3999,
      setupFeeMinor: 9900,
      currency: "EUR",
    },
  });
  const olt = await prisma.olt.create({ data: { tenantId: tenant.id, name: `OLT-${tag}` } });
  const port = await prisma.ponPort.create({
    data: { tenantId: tenant.id, oltId: olt.id, portNo: 1, label: "0/1", splitRatio: 64 },
  });
  const oranien = await prisma.splitter.create({
    data: {
      tenantId: tenant.id,
      ponPortId: port.id,
      name: "SPL-ORANIEN",
      ratio: 2,
      latitude: 52.501,
      longitude: 13.418,
    },
  });
  const wiener = await prisma.splitter.create({
    data: {
      tenantId: tenant.id,
      ponPortId: port.id,
      name: "SPL-WIENER",
      ratio: 8,
      latitude: 52.4987,
      longitude: 13.4305,
    },
  });
  const kreuzberg = await prisma.coverageArea.create({
    data: {
      tenantId: tenant.id,
      name: "Kreuzberg",
      polygon: KREUZBERG,
      homesPassed: 1800,
      maxDropM: 250,
      buildCostMinor: 45_000,
    },
  });
  await prisma.coverageArea.create({
    data: { tenantId: tenant.id, name: "Neukölln", status: "PLANNED", polygon: NEUKOELLN },
  });
  const sales = await createUser(prisma, { roleKey: "sales_rep", tenantId: tenant.id });
  const admin = await createUser(prisma, { roleKey: "tenant_admin", tenantId: tenant.id });
  const technician = await createUser(prisma, { roleKey: "field_technician", tenantId: tenant.id });
  const other = await createTenant(prisma);
  const otherSales = await createUser(prisma, { roleKey: "sales_rep", tenantId: other.id });
  return {
    tenant,
    plan,
    port,
    splitters: { oranien, wiener },
    kreuzberg,
    users: { sales, admin, technician, otherSales },
    svc: context(tenant.id, prisma, sales),
    adminSvc: context(tenant.id, prisma, admin),
    otherSvc: context(other.id, prisma, otherSales),
  };
}
