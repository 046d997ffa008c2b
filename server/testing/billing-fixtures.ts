// Fixtures for billing, payments and dunning tests: a tenant with tax rates, plans, customers
// and subscribers written straight to the test database (these tests are about billing, not
// about those modules).
import { randomBytes } from "node:crypto";
import { tenantDb } from "@/server/db";
import type { PrismaClient } from "@/server/generated/prisma/client";
import { type ServiceContext, systemActor } from "@/server/service-context";
import { createTenant } from "@/server/testing/fixtures";

export async function billingTenant(
  prisma: PrismaClient,
  opts: { currency?: string; billingDay?: number; pricesIncludeTax?: boolean } = {},
) {
  const base = await createTenant(prisma);
  const tenant = await prisma.tenant.update({
    where: { id: base.id },
    data: {
      currency: opts.currency ?? "EUR",
      billingDay: opts.billingDay ?? 1,
      pricesIncludeTax: opts.pricesIncludeTax ?? false,
      invoicePrefix: "INV-",
    },
  });
  const vat = await prisma.taxRate.create({
    data: { tenantId: tenant.id, name: "VAT 20%", basisPoints: 2000, isDefault: true },
  });
  const reduced = await prisma.taxRate.create({ data: { tenantId: tenant.id, name: "VAT 5%", basisPoints: 500 } });
  const currency = tenant.currency;
  const basic = await prisma.plan.create({
    data: {
      tenantId: tenant.id,
      code: "FIBER-100",
      name: "Fiber 100",
      downloadKbps: 100_000,
      uploadKbps: 50_000,
      priceMinor: 3000,
      currency,
      setupFeeMinor: 5000,
      dataCapGb: 100,
      overagePerGbMinor: 200,
      taxRateId: vat.id,
    },
  });
  const fast = await prisma.plan.create({
    data: {
      tenantId: tenant.id,
      code: "FIBER-500",
      name: "Fiber 500",
      downloadKbps: 500_000,
      uploadKbps: 250_000,
      priceMinor: 6000,
      currency,
      taxRateId: vat.id,
    },
  });
  const svc: ServiceContext = { tenantId: tenant.id, db: tenantDb(tenant.id, prisma), actor: systemActor("test") };
  return { tenant, vat, reduced, basic, fast, svc };
}

export async function createBilledSubscriber(
  prisma: PrismaClient,
  tenantId: string,
  planId: string,
  opts: { email?: string; name?: string } = {},
) {
  const tag = randomBytes(4).toString("hex");
  const customer = await prisma.customer.create({
    data: {
      tenantId,
      number: `C-${tag}`,
      name: opts.name ?? `Customer ${tag}`,
      email: opts.email ?? `c-${tag}@example.test`,
      billingLine1: "1 Fibre Street",
      billingCity: "Lisbon",
      billingPostcode: "1000-001",
      billingCountry: "PT",
    },
  });
  const subscriber = await prisma.subscriber.create({
    data: { tenantId, customerId: customer.id, planId, username: `u-${tag}`, password: `pw-${tag}`, status: "ACTIVE" },
  });
  return { customer, subscriber };
}

export async function addUsage(
  prisma: PrismaClient,
  tenantId: string,
  subscriberId: string,
  day: string,
  bytes: bigint,
) {
  const id = randomBytes(8).toString("hex");
  await prisma.$executeRawUnsafe(
    `INSERT INTO radacct (acctsessionid, acctuniqueid, username, nasipaddress, acctstarttime, acctstoptime,
       acctinputoctets, acctoutputoctets, tenant_id, subscriber_id)
     VALUES ($1, $1, 'u', '10.0.0.1', $2::timestamptz, $2::timestamptz + interval '1 hour', $3, $4, $5::uuid, $6::uuid)`,
    id,
    `${day}T10:00:00Z`,
    (bytes / 10n).toString(),
    (bytes - bytes / 10n).toString(),
    tenantId,
    subscriberId,
  );
}

/**
 * Moves a tenant's billing clock `days` forward (billing, payments and dunning read "today"
 * from this offset), so a dunning sequence of 30 days runs without sleeping.
 */
export async function advanceBillingClock(svc: ServiceContext, days: number) {
  const current = await svc.db.billingClock.findFirst({});
  const offsetSeconds = (current?.offsetSeconds ?? 0) + days * 86_400;
  await svc.db.billingClock.upsert({
    where: { tenantId: svc.tenantId },
    create: { tenantId: svc.tenantId, offsetSeconds },
    update: { offsetSeconds },
  });
  return { offsetDays: offsetSeconds / 86_400, now: new Date(Date.now() + offsetSeconds * 1000) };
}
