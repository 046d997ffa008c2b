// Tenants for seeds: idempotent by slug (an existing tenant, with its edits, is kept).
import type { Prisma, PrismaClient, Tenant } from "@/server/generated/prisma/client";

/** The tenant with `data.slug`, created with its tax rates when missing. */
export async function seedTenant(
  db: PrismaClient,
  data: Prisma.TenantCreateInput & { slug: string },
  taxRates: Array<{ name: string; basisPoints: number; isDefault?: boolean }>,
): Promise<Tenant> {
  const existing = await db.tenant.findUnique({ where: { slug: data.slug } });
  if (existing) return existing;
  const tenant = await db.tenant.create({ data });
  for (const rate of taxRates) await db.taxRate.create({ data: { tenantId: tenant.id, ...rate } });
  return tenant;
}
