// The tenant's staff: list, change role, disable and enable. Disabling bumps the session
// version, so the person's open sessions stop working at once.
import { db } from "@/server/db";
import { conflict, invalid, notFound } from "@/server/errors";
import type { Prisma } from "@/server/generated/prisma/client";
import { type ListInput, orderBy, pageArgs } from "@/server/list";
import { recordAudit } from "@/server/modules/audit";
import type { ServiceContext } from "@/server/service-context";
import { assertWithinGranter, assignableRole } from "./roles-service";

const USER_COLUMNS = {
  id: true,
  email: true,
  name: true,
  status: true,
  lastLoginAt: true,
  createdAt: true,
  role: { select: { id: true, name: true, key: true } },
} as const;

export async function listUsers(svc: ServiceContext, input: ListInput) {
  const status = input.filters?.status;
  const roleId = input.filters?.roleId;
  const where: Prisma.UserWhereInput = {
    tenantId: svc.tenantId,
    audience: "STAFF",
    ...(status === "ACTIVE" || status === "DISABLED" ? { status } : {}),
    ...(roleId && /^[0-9a-f-]{36}$/i.test(roleId) ? { roleId } : {}),
    ...(input.search
      ? {
          OR: [
            { email: { contains: input.search, mode: "insensitive" } },
            { name: { contains: input.search, mode: "insensitive" } },
          ],
        }
      : {}),
  };
  const [rows, total] = await Promise.all([
    db().user.findMany({
      where,
      select: USER_COLUMNS,
      orderBy: orderBy(input, ["name", "email", "createdAt", "lastLoginAt"], { name: "asc" }),
      ...pageArgs(input),
    }),
    db().user.count({ where }),
  ]);
  return { rows, total };
}

async function ownUser(svc: ServiceContext, id: string) {
  const user = await db().user.findFirst({
    where: { id, tenantId: svc.tenantId, audience: "STAFF" },
    include: { role: true },
  });
  if (!user) throw notFound("The user");
  return user;
}

export async function getUser(svc: ServiceContext, id: string) {
  await ownUser(svc, id);
  return db().user.findUniqueOrThrow({ where: { id }, select: USER_COLUMNS });
}

/** Refuses changes that would leave the tenant without an active admin. */
async function keepsAnAdmin(svc: ServiceContext, userId: string) {
  const admins = await db().user.count({
    where: {
      tenantId: svc.tenantId,
      status: "ACTIVE",
      role: { key: "tenant_admin", tenantId: null },
      id: { not: userId },
    },
  });
  if (admins === 0) throw conflict("This is the last active tenant admin. Make someone else an admin first.");
}

export async function changeUserRole(svc: ServiceContext, input: { id: string; roleId: string }) {
  const user = await ownUser(svc, input.id);
  const role = await assignableRole(svc, input.roleId);
  if (user.roleId === role.id) return getUser(svc, user.id);
  if (user.id === svc.actor.userId) throw invalid("You cannot change your own role; ask another admin.");
  // Nor demote someone who holds more than oneself.
  await assertWithinGranter(svc, user.role.permissions);
  if (user.role.key === "tenant_admin" && user.role.tenantId === null) await keepsAnAdmin(svc, user.id);
  await db().$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { roleId: role.id } });
    await recordAudit(tx, {
      tenantId: svc.tenantId,
      actor: svc.actor,
      action: "user.change_role",
      targetType: "User",
      targetId: user.id,
      before: { role: user.role.name },
      after: { role: role.name },
    });
  });
  return getUser(svc, user.id);
}

export async function setUserStatus(svc: ServiceContext, input: { id: string; status: "ACTIVE" | "DISABLED" }) {
  const user = await ownUser(svc, input.id);
  if (user.status === input.status) return getUser(svc, user.id);
  if (input.status === "DISABLED") {
    if (user.id === svc.actor.userId) throw invalid("You cannot disable your own account.");
    if (user.role.key === "tenant_admin" && user.role.tenantId === null) await keepsAnAdmin(svc, user.id);
  }
  await db().$transaction(async (tx) => {
    await tx.user.update({
      where: { id: user.id },
      data: {
        status: input.status,
        sessionVersion: { increment: 1 },
        ...(input.status === "ACTIVE" ? { failedLogins: 0, lockedUntil: null } : {}),
      },
    });
    await recordAudit(tx, {
      tenantId: svc.tenantId,
      actor: svc.actor,
      action: input.status === "DISABLED" ? "user.disable" : "user.enable",
      targetType: "User",
      targetId: user.id,
      before: { status: user.status },
      after: { status: input.status },
    });
  });
  return getUser(svc, user.id);
}

/** The tenant's active staff holding a permission (assignee pickers, whom to warn). */
export async function staffWithPermission(svc: ServiceContext, permission: string) {
  const users = await db().user.findMany({
    where: { tenantId: svc.tenantId, audience: "STAFF", status: "ACTIVE", role: { permissions: { has: permission } } },
    select: { id: true, name: true, email: true },
    orderBy: { name: "asc" },
  });
  return users;
}

/** Which of `userIds` are active-or-not staff of the tenant (others are dropped). */
export async function staffUserIds(svc: ServiceContext, userIds: string[]): Promise<string[]> {
  const users = await db().user.findMany({
    where: { id: { in: userIds }, tenantId: svc.tenantId, audience: "STAFF" },
    select: { id: true },
  });
  return users.map((u) => u.id);
}

/** A tenant's administrators (platform view of a tenant). */
export async function tenantAdmins(tenantId: string) {
  return db().user.findMany({
    where: { tenantId, role: { key: "tenant_admin", tenantId: null } },
    select: { id: true, email: true, name: true, status: true, lastLoginAt: true },
    orderBy: { createdAt: "asc" },
  });
}

/** Where a user who just signed in belongs: their audience and role. */
export async function audienceOf(email: string) {
  const user = await db().user.findUnique({
    where: { email },
    select: { audience: true, role: { select: { key: true } } },
  });
  return user && { audience: user.audience, roleKey: user.role.key };
}

/** The display name of a role (built-in, or the tenant's own). */
export async function roleName(roleKey: string, tenantId: string | null): Promise<string | null> {
  const role = await db().role.findFirst({
    where: { key: roleKey, OR: [{ tenantId: null }, { tenantId }] },
    select: { name: true },
  });
  return role?.name ?? null;
}

/** Links a partner user of the tenant to their partner organisation (demo seed, partner onboarding). */
export async function linkPartnerUser(
  client: { user: Prisma.UserDelegate },
  input: { tenantId: string; email: string; partnerId: string },
) {
  await client.user.updateMany({
    where: { tenantId: input.tenantId, email: input.email.trim().toLowerCase(), audience: "PARTNER" },
    data: { partnerId: input.partnerId },
  });
}
