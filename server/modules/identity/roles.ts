// Keeps the built-in role rows equal to the catalogue in permissions.ts.
import type { PrismaClient } from "@/server/generated/prisma/client";
import { BUILT_IN_ROLES } from "./permissions";

export async function syncBuiltInRoles(db: PrismaClient) {
  for (const role of BUILT_IN_ROLES) {
    const existing = await db.role.findFirst({ where: { tenantId: null, key: role.key } });
    const data = { name: role.name, audience: role.audience, permissions: role.permissions, builtIn: true };
    if (existing) await db.role.update({ where: { id: existing.id }, data });
    else await db.role.create({ data: { ...data, key: role.key, tenantId: null } });
  }
}

export async function builtInRole(db: PrismaClient, key: string) {
  return db.role.findFirstOrThrow({ where: { tenantId: null, key } });
}
