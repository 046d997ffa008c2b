// Who is signed in, as the server sees it on each request.
import { db } from "@/server/db";
import { env } from "@/server/env";
import type { PrismaClient } from "@/server/generated/prisma/client";
import type { Audience } from "@/server/generated/prisma/enums";
import { tenantById } from "@/server/tenant-directory";
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
    include: { role: true },
  });
  if (!user || user.status !== "ACTIVE" || user.sessionVersion !== sessionVersion) return null;
  if (user.tenantId && (await tenantById(user.tenantId))?.status !== "ACTIVE") return null;
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

/** Starts a server-side session after a successful sign-in; the cookie carries its id. */
export async function startSession(userId: string, ip: string | null): Promise<string> {
  const session = await db().userSession.create({
    data: { userId, ip, expiresAt: new Date(Date.now() + env().SESSION_MAX_AGE_SECONDS * 1000) },
  });
  return session.id;
}

/** Ends a session (sign-out): its cookie no longer opens anything. */
export async function endSession(sessionId: string) {
  if (!/^[0-9a-f-]{36}$/i.test(sessionId)) return;
  await db().userSession.updateMany({ where: { id: sessionId, endedAt: null }, data: { endedAt: new Date() } });
}

export type SessionClaims = { id?: string; sv?: number; sid?: string };

/** The user behind a session cookie's claims, if that session is still open. */
export async function userOfSession(claims: SessionClaims | undefined): Promise<SessionUser | null> {
  if (!claims?.id || !claims.sid || !/^[0-9a-f-]{36}$/i.test(claims.sid)) return null;
  const open = await db().userSession.findFirst({
    where: { id: claims.sid, userId: claims.id, endedAt: null, expiresAt: { gt: new Date() } },
    select: { id: true },
  });
  if (!open) return null;
  return loadSessionUser(db(), claims.id, claims.sv ?? 0);
}
