// Invitations: a single-use, expiring link by email; accepting it creates the user with the
// invited role. Only the token's SHA-256 is stored.
import { InvitationEmail, invitationSubject } from "@/emails/invitation";
import { emailBrand } from "@/emails/layout";
import { sendEmail } from "@/server/adapters/email";
import { type DbTx, db } from "@/server/db";
import { env } from "@/server/env";
import { conflict, DomainError, invalid, isUniqueViolation, notFound } from "@/server/errors";
import type { Prisma } from "@/server/generated/prisma/client";
import { type ListInput, orderBy, pageArgs } from "@/server/list";
import { recordAudit } from "@/server/modules/audit";
import type { Actor, ServiceContext } from "@/server/service-context";
import { tenantById } from "@/server/tenant-directory";
import { customerBrand } from "@/server/white-label";
import { hashPassword, passwordProblem } from "./password";
import { PORTAL_HOME } from "./permissions";
import { assignableRole } from "./roles-service";
import { newToken, sha256 } from "./tokens";

export const INVITATION_TTL_DAYS = 7;

export type InvitationStatus = "PENDING" | "ACCEPTED" | "REVOKED" | "EXPIRED";

export function invitationStatus(
  inv: { acceptedAt: Date | null; revokedAt: Date | null; expiresAt: Date },
  now = new Date(),
): InvitationStatus {
  if (inv.acceptedAt) return "ACCEPTED";
  if (inv.revokedAt) return "REVOKED";
  if (inv.expiresAt <= now) return "EXPIRED";
  return "PENDING";
}

/** A tenant's latest invitations (for the platform's tenant page), newest first. */
export async function recentInvitations(tenantId: string, take = 20) {
  const rows = await db().invitation.findMany({
    where: { tenantId },
    include: { role: { select: { name: true } } },
    orderBy: { createdAt: "desc" },
    take,
  });
  return rows.map((i) => ({
    id: i.id,
    email: i.email,
    name: i.name,
    role: i.role.name,
    status: invitationStatus(i),
    expiresAt: i.expiresAt,
    createdAt: i.createdAt,
  }));
}

/** The link to accept: on the app's address, or on `host` (a partner's verified domain) with the app's scheme and port. */
export function invitationUrl(token: string, host?: string | null) {
  const site = new URL(env().APP_URL);
  if (host) site.hostname = host;
  return `${site.href.replace(/\/$/, "")}/invitation/${token}`;
}

type NewInvitation = {
  tenantId: string | null;
  email: string;
  name?: string | null;
  roleId: string;
  partnerId?: string | null;
  customerId?: string | null;
  actor: Actor;
};

/** Writes the invitation (and its audit row) inside the caller's transaction; send the email after commit. */
export async function createInvitationRecord(tx: DbTx, input: NewInvitation) {
  const email = input.email.trim().toLowerCase();
  // Only the inviter's own organisation learns that an address is taken: for another
  // tenant's user the invitation is made and sent like any other, and only the mailbox's
  // owner, on accepting, is told the address already has an account (issue #11.8).
  const existing = await tx.user.findUnique({ where: { email }, select: { tenantId: true } });
  if (existing && existing.tenantId === input.tenantId)
    throw conflict(`${email} is already a user here. They can sign in, or use "Forgot password".`, { field: "email" });
  const pending = await tx.invitation.findFirst({
    where: { tenantId: input.tenantId, email, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
  });
  if (pending)
    throw conflict(`${email} already has a pending invitation. Resend it from the invitations list instead.`, {
      field: "email",
    });
  const { token, hash } = newToken();
  const invitation = await tx.invitation.create({
    data: {
      tenantId: input.tenantId,
      email,
      name: input.name || null,
      roleId: input.roleId,
      partnerId: input.partnerId ?? null,
      customerId: input.customerId ?? null,
      tokenHash: hash,
      expiresAt: new Date(Date.now() + INVITATION_TTL_DAYS * 86_400_000),
      invitedById: input.actor.userId,
    },
    include: { role: { select: { name: true } } },
  });
  await recordAudit(tx, {
    tenantId: input.tenantId,
    actor: input.actor,
    action: "invitation.create",
    targetType: "Invitation",
    targetId: invitation.id,
    after: { email, name: invitation.name, role: invitation.role.name, expiresAt: invitation.expiresAt },
  });
  return { invitation, token };
}

/**
 * Renders and sends (or stores, without a resend key) the invitation email; the link is not kept
 * in the outbox. `host`: the site it opens on, when not the app's own (a partner's domain).
 */
export async function sendInvitationEmail(
  invitationId: string,
  token: string,
  inviterName?: string | null,
  host?: string | null,
) {
  const inv = await db().invitation.findUniqueOrThrow({
    where: { id: invitationId },
    include: { role: true },
  });
  // A reseller's customer is invited under the reseller's white label.
  const invitingTenant = await tenantById(inv.tenantId);
  const tenant = invitingTenant && (await customerBrand(invitingTenant, inv.customerId));
  const brand = emailBrand(tenant);
  const organisationName = tenant ? brand.name : "FiberOps";
  const acceptUrl = invitationUrl(token, host);
  return sendEmail({
    tenant,
    to: inv.email,
    subject: invitationSubject({ organisationName }),
    template: "invitation",
    react: InvitationEmail({
      brand,
      inviteeName: inv.name,
      inviterName,
      organisationName,
      roleName: inv.role.name,
      acceptUrl,
      expiresAt: inv.expiresAt,
    }),
    secretLink: acceptUrl,
  });
}

// ---------------------------------------------------------------------------------------
// Tenant staff invitations

export async function inviteUser(svc: ServiceContext, input: { email: string; name?: string | null; roleId: string }) {
  const role = await assignableRole(svc, input.roleId);
  const { invitation, token } = await db().$transaction((tx) =>
    createInvitationRecord(tx, {
      tenantId: svc.tenantId,
      email: input.email,
      name: input.name,
      roleId: role.id,
      actor: svc.actor,
    }),
  );
  const email = await sendInvitationEmail(invitation.id, token, svc.actor.label);
  return { id: invitation.id, email: invitation.email, expiresAt: invitation.expiresAt, emailStatus: email.status };
}

export async function listInvitations(svc: ServiceContext, input: ListInput & { status?: InvitationStatus }) {
  const now = new Date();
  const statusWhere: Record<InvitationStatus, Prisma.InvitationWhereInput> = {
    PENDING: { acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
    ACCEPTED: { acceptedAt: { not: null } },
    REVOKED: { acceptedAt: null, revokedAt: { not: null } },
    EXPIRED: { acceptedAt: null, revokedAt: null, expiresAt: { lte: now } },
  };
  const status = input.status ?? (input.filters?.status as InvitationStatus | undefined);
  const where: Prisma.InvitationWhereInput = {
    ...(status && statusWhere[status] ? statusWhere[status] : {}),
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
    svc.db.invitation.findMany({
      where,
      include: { role: { select: { id: true, name: true } } },
      orderBy: orderBy(input, ["createdAt", "email", "expiresAt"], { createdAt: "desc" }),
      ...pageArgs(input),
    }),
    svc.db.invitation.count({ where }),
  ]);
  return {
    rows: rows.map((r) => ({
      id: r.id,
      email: r.email,
      name: r.name,
      role: r.role,
      status: invitationStatus(r, now),
      expiresAt: r.expiresAt,
      acceptedAt: r.acceptedAt,
      createdAt: r.createdAt,
    })),
    total,
  };
}

async function ownInvitation(svc: ServiceContext, id: string) {
  const inv = await svc.db.invitation.findFirst({ where: { id } });
  if (!inv) throw notFound("The invitation");
  return inv;
}

/** A new link (the old one stops working) with a fresh expiry, sent again. */
export async function resendInvitation(svc: ServiceContext, id: string) {
  const inv = await ownInvitation(svc, id);
  if (inv.acceptedAt) throw conflict("This invitation was already accepted; the person can sign in.");
  const { token, hash } = newToken();
  const expiresAt = new Date(Date.now() + INVITATION_TTL_DAYS * 86_400_000);
  await svc.db.$transaction(async (tx) => {
    await tx.invitation.update({ where: { id: inv.id }, data: { tokenHash: hash, expiresAt, revokedAt: null } });
    await recordAudit(tx, {
      tenantId: svc.tenantId,
      actor: svc.actor,
      action: "invitation.resend",
      targetType: "Invitation",
      targetId: inv.id,
      before: { expiresAt: inv.expiresAt, revokedAt: inv.revokedAt },
      after: { expiresAt },
    });
  });
  const email = await sendInvitationEmail(inv.id, token, svc.actor.label);
  return { id: inv.id, expiresAt, emailStatus: email.status };
}

export async function revokeInvitation(svc: ServiceContext, id: string) {
  const inv = await ownInvitation(svc, id);
  if (inv.acceptedAt) throw conflict("This invitation was already accepted; disable the user instead.");
  if (inv.revokedAt) return { id: inv.id, revokedAt: inv.revokedAt };
  const revokedAt = new Date();
  await svc.db.$transaction(async (tx) => {
    await tx.invitation.update({ where: { id: inv.id }, data: { revokedAt } });
    await recordAudit(tx, {
      tenantId: svc.tenantId,
      actor: svc.actor,
      action: "invitation.revoke",
      targetType: "Invitation",
      targetId: inv.id,
      before: { revokedAt: null },
      after: { revokedAt },
    });
  });
  return { id: inv.id, revokedAt };
}

// ---------------------------------------------------------------------------------------
// Accepting (public: the token is the credential)

async function usableInvitation(token: string) {
  const inv = await db().invitation.findUnique({
    where: { tokenHash: sha256(token) },
    include: { role: true },
  });
  if (!inv)
    throw new DomainError(
      "NOT_FOUND",
      "This invitation link is not valid. Check that you opened the whole link, or ask for a new invitation.",
    );
  const status = invitationStatus(inv);
  if (status === "ACCEPTED")
    throw invalid("This invitation was already used. Sign in with your password, or use “Forgot password”.", {
      reason: "used",
    });
  if (status === "REVOKED")
    throw invalid("This invitation was withdrawn. Ask your administrator for a new one.", { reason: "revoked" });
  if (status === "EXPIRED")
    throw invalid(
      `This invitation expired on ${inv.expiresAt.toISOString().slice(0, 10)}. Ask your administrator to send a new one.`,
      { reason: "expired" },
    );
  const tenant = await tenantById(inv.tenantId);
  if (tenant && tenant.status !== "ACTIVE")
    throw invalid("This organisation's account is suspended. Contact the platform operator.", { reason: "suspended" });
  return { ...inv, tenant };
}

/** What the acceptance page shows before the person sets a password. */
export async function describeInvitation(token: string) {
  const inv = await usableInvitation(token);
  return {
    email: inv.email,
    name: inv.name,
    organisation: inv.tenant ? emailBrand(inv.tenant).name : "FiberOps",
    roleName: inv.role.name,
    expiresAt: inv.expiresAt,
  };
}

export async function acceptInvitation(token: string, input: { name: string; password: string }, ip: string | null) {
  const inv = await usableInvitation(token);
  const problem = passwordProblem(input.password);
  if (problem) throw invalid(problem, { field: "password" });
  const name = input.name.trim();
  if (name.length < 2) throw invalid("Enter your name", { field: "name" });
  const passwordHash = await hashPassword(input.password);
  try {
    const user = await db().$transaction(async (tx) => {
      // Single use even under a race: only one transaction flips acceptedAt.
      const claimed = await tx.invitation.updateMany({
        where: { id: inv.id, acceptedAt: null, revokedAt: null },
        data: { acceptedAt: new Date() },
      });
      if (claimed.count !== 1) throw invalid("This invitation was already used.", { reason: "used" });
      const created = await tx.user.create({
        data: {
          email: inv.email,
          name,
          audience: inv.role.audience,
          tenantId: inv.tenantId,
          roleId: inv.roleId,
          partnerId: inv.partnerId,
          customerId: inv.customerId,
          passwordHash,
        },
      });
      const actor = { userId: created.id, label: created.email, ip };
      await recordAudit(tx, {
        tenantId: inv.tenantId,
        actor,
        action: "invitation.accept",
        targetType: "Invitation",
        targetId: inv.id,
      });
      await recordAudit(tx, {
        tenantId: inv.tenantId,
        actor,
        action: "user.create",
        targetType: "User",
        targetId: created.id,
        after: { email: created.email, name: created.name, role: inv.role.name },
      });
      return created;
    });
    return { email: user.email, home: PORTAL_HOME[user.audience] };
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(`${inv.email} already has an account. Sign in instead.`);
    throw error;
  }
}
