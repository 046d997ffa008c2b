// Users for seeds and first starts: idempotent by email (an existing user — and any password
// changed in the app — is kept).
import type { PrismaClient } from "@/server/generated/prisma/client";
import { builtInRole } from "./roles";

/** Creates a user with a built-in role unless one with that email exists. True when created. */
export async function seedUser(
  db: PrismaClient,
  user: { email: string; name: string; roleKey: string; tenantId: string | null; passwordHash: string },
): Promise<boolean> {
  if (await db.user.findUnique({ where: { email: user.email } })) return false;
  const role = await builtInRole(db, user.roleKey);
  await db.user.create({
    data: {
      email: user.email,
      name: user.name,
      audience: role.audience,
      tenantId: user.tenantId,
      roleId: role.id,
      passwordHash: user.passwordHash,
    },
  });
  return true;
}

/** How many platform staff can sign in (a fresh production install has none until configured). */
export async function platformUserCount(db: PrismaClient): Promise<number> {
  return db.user.count({ where: { audience: "PLATFORM" } });
}

/** How many users each of these tenants has (the platform's tenant list). */
export async function userCountsByTenant(db: PrismaClient, tenantIds: string[]) {
  if (tenantIds.length === 0) return new Map<string, number>();
  const groups = await db.user.groupBy({
    by: ["tenantId"],
    where: { tenantId: { in: tenantIds } },
    _count: { _all: true },
  });
  return new Map(groups.map((g) => [g.tenantId as string, g._count._all]));
}

/** The subscriber-portal account with this email in the tenant (its id and linked customer), or null. */
export async function portalAccount(db: PrismaClient, tenantId: string, email: string) {
  return db.user.findFirst({ where: { email, tenantId }, select: { id: true, customerId: true } });
}

/** Links the tenant's portal account with this email to a customer, unless it is linked already. */
export async function linkPortalAccount(db: PrismaClient, tenantId: string, email: string, customerId: string) {
  await db.user.updateMany({ where: { email, tenantId, customerId: null }, data: { customerId } });
}
