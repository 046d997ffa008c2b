// Roles a tenant can use: the built-in staff roles (read-only) and its own custom roles,
// whose permissions are limited to what tenant staff may hold.

import { db } from "@/server/db";
import { conflict, forbidden, invalid, isUniqueViolation, notFound } from "@/server/errors";
import { recordAudit } from "@/server/modules/audit";
import type { ServiceContext } from "@/server/service-context";
import { type Permission, permissionsAllowedFor } from "./permissions";

/** The acting person's role (null for system work, which runs code, not a person's choice). */
async function granterRole(svc: ServiceContext) {
  if (!svc.actor.userId) return null;
  const user = await db().user.findUnique({ where: { id: svc.actor.userId }, include: { role: true } });
  if (!user) throw forbidden();
  return user.role;
}

/**
 * Refuses a grant above the granter (issue #11.5): whoever gives a role, a token or a role's
 * permissions must hold every permission given, or holding `user.invite` alone would make
 * tenant admins.
 */
export async function assertWithinGranter(svc: ServiceContext, permissions: readonly string[]) {
  const role = await granterRole(svc);
  if (!role) return;
  const mine = new Set(role.permissions);
  const above = permissions.filter((p) => !mine.has(p));
  if (above.length) throw forbidden(`You cannot give permissions you do not hold yourself: ${above.join(", ")}`);
}

/**
 * A role the tenant may give to staff (built-in staff role or one of its own; NOT_FOUND
 * otherwise) and that holds nothing the granter lacks (FORBIDDEN otherwise).
 */
export async function assignableRole(svc: ServiceContext, roleId: string) {
  const role = await db().role.findFirst({
    where: { id: roleId, audience: "STAFF", OR: [{ tenantId: null }, { tenantId: svc.tenantId }] },
  });
  if (!role) throw notFound("The role");
  await assertWithinGranter(svc, role.permissions);
  return role;
}

export async function listRoles(svc: ServiceContext) {
  const roles = await db().role.findMany({
    where: { audience: "STAFF", OR: [{ tenantId: null }, { tenantId: svc.tenantId }] },
    orderBy: [{ builtIn: "desc" }, { name: "asc" }],
    include: { _count: { select: { users: { where: { tenantId: svc.tenantId } } } } },
  });
  return roles.map((r) => ({
    id: r.id,
    key: r.key,
    name: r.name,
    builtIn: r.builtIn,
    permissions: r.permissions,
    userCount: r._count.users,
  }));
}

function checkPermissions(permissions: string[]): Permission[] {
  const allowed = new Set<string>(permissionsAllowedFor("STAFF"));
  const bad = permissions.filter((p) => !allowed.has(p));
  if (bad.length) throw invalid(`Staff roles cannot hold: ${bad.join(", ")}`, { field: "permissions" });
  if (permissions.length === 0) throw invalid("Choose at least one permission", { field: "permissions" });
  return [...new Set(permissions)] as Permission[];
}

function roleKey(name: string) {
  return `custom_${name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_|_$/g, "")
    .slice(0, 40)}`;
}

/** A custom role of this tenant that the actor may change: not their own, nothing above them. */
async function ownCustomRole(svc: ServiceContext, id: string) {
  const role = await db().role.findFirst({ where: { id, OR: [{ tenantId: null }, { tenantId: svc.tenantId }] } });
  if (!role) throw notFound("The role");
  if (role.builtIn || role.tenantId === null)
    throw forbidden("Built-in roles cannot be changed. Create a custom role with the permissions you need.");
  if ((await granterRole(svc))?.id === role.id)
    throw forbidden("Nobody can change the role they hold themselves; ask another admin.");
  await assertWithinGranter(svc, role.permissions);
  return role;
}

export async function createRole(svc: ServiceContext, input: { name: string; permissions: string[] }) {
  const permissions = checkPermissions(input.permissions);
  await assertWithinGranter(svc, permissions);
  const name = input.name.trim();
  const builtInClash = await db().role.findFirst({
    where: { tenantId: null, name: { equals: name, mode: "insensitive" } },
  });
  if (builtInClash) throw conflict(`"${name}" is a built-in role; choose another name`, { field: "name" });
  try {
    return await db().$transaction(async (tx) => {
      const role = await tx.role.create({
        data: { tenantId: svc.tenantId, key: roleKey(name), name, audience: "STAFF", permissions, builtIn: false },
      });
      await recordAudit(tx, {
        tenantId: svc.tenantId,
        actor: svc.actor,
        action: "role.create",
        targetType: "Role",
        targetId: role.id,
        after: { name, permissions },
      });
      return role;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(`A role named "${name}" already exists`, { field: "name" });
    throw error;
  }
}

export async function updateRole(svc: ServiceContext, input: { id: string; name: string; permissions: string[] }) {
  const role = await ownCustomRole(svc, input.id);
  const permissions = checkPermissions(input.permissions);
  await assertWithinGranter(svc, permissions);
  const name = input.name.trim();
  try {
    return await db().$transaction(async (tx) => {
      const updated = await tx.role.update({
        where: { id: role.id },
        data: { name, key: roleKey(name), permissions },
      });
      await recordAudit(tx, {
        tenantId: svc.tenantId,
        actor: svc.actor,
        action: "role.update",
        targetType: "Role",
        targetId: role.id,
        before: { name: role.name, permissions: role.permissions },
        after: { name, permissions },
      });
      return updated;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(`A role named "${name}" already exists`, { field: "name" });
    throw error;
  }
}

export async function deleteRole(svc: ServiceContext, id: string) {
  const role = await ownCustomRole(svc, id);
  const [users, invitations, tokens] = await Promise.all([
    db().user.count({ where: { roleId: role.id } }),
    svc.db.invitation.count({ where: { roleId: role.id, acceptedAt: null, revokedAt: null } }),
    svc.db.apiToken.count({ where: { roleId: role.id, revokedAt: null } }),
  ]);
  if (users + invitations + tokens > 0)
    throw conflict(
      `"${role.name}" is still used by ${users} user(s), ${invitations} pending invitation(s) and ${tokens} API token(s). Give them another role first.`,
    );
  await db().$transaction(async (tx) => {
    await tx.invitation.deleteMany({ where: { roleId: role.id, tenantId: svc.tenantId } });
    await tx.role.delete({ where: { id: role.id } });
    await recordAudit(tx, {
      tenantId: svc.tenantId,
      actor: svc.actor,
      action: "role.delete",
      targetType: "Role",
      targetId: role.id,
      before: { name: role.name, permissions: role.permissions },
    });
  });
  return { id: role.id };
}
