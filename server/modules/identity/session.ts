// Who is signed in, as the server sees it on each request.
import type { PrismaClient } from "@/server/generated/prisma/client";
import type { Audience } from "@/server/generated/prisma/enums";
import { type Permission, permissionsAllowedFor } from "./permissions";

export type SessionUser = {
  id: string;
  email: string;
  name: string;
  audience: Audience;
  tenantId: string | null;
  partnerId: string | null;
  customerId: string | null;
  roleKey: string;
  permissions: Set<Permission>;
};

export async function loadSessionUser(
  db: PrismaClient,
  userId: string,
  sessionVersion: number,
): Promise<SessionUser | null> {
  const user = await db.user.findUnique({
    where: { id: userId },
    include: { role: true, tenant: { select: { status: true } } },
  });
  if (!user || user.status !== "ACTIVE" || user.sessionVersion !== sessionVersion) return null;
  if (user.tenant && user.tenant.status !== "ACTIVE") return null;
  // A custom role can never grant what the user's audience may not hold.
  const allowed = new Set(permissionsAllowedFor(user.audience));
  const permissions = new Set(user.role.permissions.filter((p): p is Permission => allowed.has(p as Permission)));
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    audience: user.audience,
    tenantId: user.tenantId,
    partnerId: user.partnerId,
    customerId: user.customerId,
    roleKey: user.role.key,
    permissions,
  };
}
