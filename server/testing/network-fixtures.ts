// Fixtures for the network and IPAM tests: a tenant service context and a subscriber
// with a plan (rows written directly: these tests are about the network, not the CRM).
import { randomBytes } from "node:crypto";
import { tenantDb } from "@/server/db";
import type { PrismaClient } from "@/server/generated/prisma/client";
import { type ServiceContext, systemActor } from "@/server/service-context";
import { createTenant } from "@/server/testing/fixtures";

export async function tenantContext(prisma: PrismaClient): Promise<ServiceContext> {
  const tenant = await createTenant(prisma);
  return { tenantId: tenant.id, db: tenantDb(tenant.id, prisma), actor: systemActor("test") };
}

export async function createTestSubscriber(
  prisma: PrismaClient,
  svc: ServiceContext,
  opts: { onuSerial?: string | null; downloadKbps?: number; uploadKbps?: number; staticIpv4?: string } = {},
) {
  const tag = randomBytes(4).toString("hex");
  const plan = await prisma.plan.create({
    data: {
      tenantId: svc.tenantId,
      code: `P${tag}`,
      name: `Fibre ${tag}`,
      downloadKbps: opts.downloadKbps ?? 300_000,
      uploadKbps: opts.uploadKbps ?? 100_000,
      priceMinor: 3900,
      currency: "EUR",
    },
  });
  const customer = await prisma.customer.create({
    data: {
      tenantId: svc.tenantId,
      number: `C-${tag}`,
      name: `Customer ${tag}`,
      email: `${tag}@example.test`,
      billingLine1: "1 Fibre Street",
      billingCity: "Berlin",
      billingPostcode: "10115",
      billingCountry: "DE",
    },
  });
  return prisma.subscriber.create({
    data: {
      tenantId: svc.tenantId,
      customerId: customer.id,
      planId: plan.id,
      username: `sub-${tag}`,
      password: `pw-${tag}-secret`,
      onuSerial: opts.onuSerial ?? null,
      staticIpv4: opts.staticIpv4 ?? null,
    },
  });
}
