// Test fixtures: a tenant with a user of a given built-in role, and a tRPC caller as that user.
import { randomBytes } from "node:crypto";
import type { PrismaClient } from "@/server/generated/prisma/client";
import { builtInRole, hashPassword, loadSessionUser } from "@/server/modules/identity";
import { appRouter } from "@/server/trpc/root";

export async function createTenant(prisma: PrismaClient, slug = `isp-${randomBytes(3).toString("hex")}`) {
  return prisma.tenant.create({
    data: { slug, name: slug.toUpperCase(), legalName: `${slug} Ltd`, currency: "EUR", timezone: "Europe/Berlin" },
  });
}

let cachedHash: string | undefined;
export const TEST_PASSWORD = "correct-horse-42";

export async function createUser(
  prisma: PrismaClient,
  opts: { roleKey: string; tenantId?: string | null; email?: string; partnerId?: string; customerId?: string },
) {
  const role = await builtInRole(prisma, opts.roleKey);
  cachedHash ??= await hashPassword(TEST_PASSWORD);
  return prisma.user.create({
    data: {
      email: opts.email ?? `${opts.roleKey}-${randomBytes(4).toString("hex")}@test.example`,
      name: opts.roleKey,
      audience: role.audience,
      tenantId: role.audience === "PLATFORM" ? null : (opts.tenantId ?? null),
      roleId: role.id,
      partnerId: opts.partnerId,
      customerId: opts.customerId,
      passwordHash: cachedHash,
    },
  });
}

/** A tRPC caller acting as the given user, exactly as a signed-in request would. */
export async function callerAs(prisma: PrismaClient, userId: string, ip = "203.0.113.7") {
  const user = await loadSessionUser(prisma, userId, 0);
  if (!user) throw new Error(`user ${userId} cannot sign in`);
  return appRouter.createCaller({ user, ip });
}

export function anonymousCaller() {
  return appRouter.createCaller({ user: null, ip: null });
}
