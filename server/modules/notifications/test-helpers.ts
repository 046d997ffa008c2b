// Test data for the notification tests: subscribers with a customer and a plan.
import { randomBytes } from "node:crypto";
import { tenantDb } from "@/server/db";
import type { PrismaClient } from "@/server/generated/prisma/client";
import type { ServiceContext } from "@/server/service-context";

export function svcFor(tenantId: string, label = "test"): ServiceContext {
  return { tenantId, db: tenantDb(tenantId), actor: { userId: null, label, ip: null } };
}

export async function createPlan(prisma: PrismaClient, tenantId: string) {
  return prisma.plan.create({
    data: {
      tenantId,
      code: `P${randomBytes(3).toString("hex")}`,
      name: "Fiber 500",
      downloadKbps: 500_000,
      uploadKbps: 100_000,
      priceMinor: 3999,
      currency: "EUR",
    },
  });
}

export async function createSubscribers(
  prisma: PrismaClient,
  tenantId: string,
  count: number,
  opts: { planId: string; phone?: (i: number) => string | null; email?: (i: number) => string; timezone?: string },
) {
  const tag = randomBytes(3).toString("hex");
  const all = Array.from({ length: count }, (_, i) => i);
  const customers: Array<{ id: string; number: string }> = [];
  for (let start = 0; start < count; start += 2000) {
    const part = await prisma.customer.createManyAndReturn({
      data: all.slice(start, start + 2000).map((i) => ({
        tenantId,
        number: `C-${tag}-${i}`,
        name: `Customer ${i}`,
        email: opts.email ? opts.email(i) : `c${i}-${tag}@example.com`,
        phone: opts.phone ? opts.phone(i) : `+3519100${String(i).padStart(5, "0")}`,
        billingLine1: "1 Main St",
        billingCity: "Lisbon",
        billingPostcode: "1000-001",
        billingCountry: "PT",
        timezone: opts.timezone,
      })),
      select: { id: true, number: true },
    });
    customers.push(...part);
  }
  customers.sort((a, b) => Number(a.number.split("-")[2]) - Number(b.number.split("-")[2]));
  const subs: Array<{ id: string; customerId: string; username: string }> = [];
  for (let start = 0; start < count; start += 2000) {
    const part = await prisma.subscriber.createManyAndReturn({
      data: customers.slice(start, start + 2000).map((c, j) => ({
        tenantId,
        customerId: c.id,
        planId: opts.planId,
        username: `u-${tag}-${start + j}`,
        password: "s3cret-pass",
        status: "ACTIVE" as const,
      })),
      select: { id: true, customerId: true, username: true },
    });
    subs.push(...part);
  }
  return subs;
}
