// Password reset: a request never reveals whether the email exists (same answer, same time); the link is single-use
// and expires; setting a new password ends every open session (session version bump).
import { emailBrand } from "@/emails/layout";
import { PasswordResetEmail, passwordResetSubject } from "@/emails/password-reset";
import { sendEmail } from "@/server/adapters/email";
import { db } from "@/server/db";
import { env } from "@/server/env";
import { DomainError, invalid } from "@/server/errors";
import { enqueueJob } from "@/server/jobs";
import { recordAudit } from "@/server/modules/audit";
import { enforceRateLimits, LIMITS, takeRateLimit } from "@/server/rate-limit";
import { tenantById } from "@/server/tenant-directory";
import { customerBrand } from "@/server/white-label";
import { hashPassword, passwordProblem } from "./password";
import { PORTAL_HOME } from "./permissions";
import { newToken, sha256 } from "./tokens";

export const RESET_TTL_MINUTES = 60;
export const PASSWORD_RESET_EVENT = "identity/password-reset.requested";

export function resetUrl(token: string) {
  return `${env().APP_URL.replace(/\/$/, "")}/reset-password/${token}`;
}

/**
 * Accepts a reset request. The answer and its timing are the same whether or not the email
 * has an account: the lookup and the email happen in a job (sendPasswordReset).
 */
export async function requestPasswordReset(emailInput: string, ip: string | null) {
  const email = emailInput.trim().toLowerCase();
  if (ip) await enforceRateLimits([[`reset:ip:${ip}`, LIMITS.resetPerIp]]);
  await enqueueJob(db(), PASSWORD_RESET_EVENT, { email, ip });
  return { ok: true };
}

/** The job's work: at most LIMITS.resetPerAccount emails per account and hour, counted atomically. */
export async function sendPasswordReset(email: string, ip: string | null) {
  const user = await db().user.findUnique({ where: { email } });
  if (!user || user.status !== "ACTIVE") return "no account";
  const userTenant = await tenantById(user.tenantId);
  if (user.tenantId && userTenant?.status !== "ACTIVE") return "no account";
  if (!(await takeRateLimit(`reset:account:${user.id}`, LIMITS.resetPerAccount)).allowed) return "limit reached";
  const { token, hash } = newToken();
  await db().$transaction(async (tx) => {
    await tx.passwordReset.create({
      data: { userId: user.id, tokenHash: hash, expiresAt: new Date(Date.now() + RESET_TTL_MINUTES * 60_000) },
    });
    await recordAudit(tx, {
      tenantId: user.tenantId,
      actor: { userId: null, label: email, ip },
      action: "auth.password_reset_requested",
      targetType: "User",
      targetId: user.id,
    });
  });
  // A reseller's customer gets it under the reseller's white label.
  const tenant = userTenant && (await customerBrand(userTenant, user.customerId));
  const brand = emailBrand(tenant);
  const link = resetUrl(token);
  await sendEmail({
    tenant,
    to: user.email,
    subject: passwordResetSubject(brand),
    template: "password-reset",
    react: PasswordResetEmail({
      brand,
      name: user.name,
      resetUrl: link,
      expiresInMinutes: RESET_TTL_MINUTES,
    }),
    secretLink: link,
  });
  return "sent";
}

async function usableReset(token: string) {
  const reset = await db().passwordReset.findUnique({ where: { tokenHash: sha256(token) }, include: { user: true } });
  if (!reset)
    throw new DomainError("NOT_FOUND", "This reset link is not valid. Ask for a new one on the sign-in page.");
  if (reset.usedAt)
    throw invalid("This reset link was already used. Ask for a new one if you still need it.", { reason: "used" });
  if (reset.expiresAt <= new Date())
    throw invalid("This reset link has expired. Ask for a new one on the sign-in page.", { reason: "expired" });
  if (reset.user.status !== "ACTIVE") throw invalid("This account is disabled. Contact your administrator.");
  return reset;
}

export async function describePasswordReset(token: string) {
  const reset = await usableReset(token);
  return { email: reset.user.email, expiresAt: reset.expiresAt };
}

export async function completePasswordReset(token: string, password: string, ip: string | null) {
  const reset = await usableReset(token);
  const problem = passwordProblem(password);
  if (problem) throw invalid(problem, { field: "password" });
  const passwordHash = await hashPassword(password);
  await db().$transaction(async (tx) => {
    const claimed = await tx.passwordReset.updateMany({
      where: { id: reset.id, usedAt: null },
      data: { usedAt: new Date() },
    });
    if (claimed.count !== 1) throw invalid("This reset link was already used.", { reason: "used" });
    // Other outstanding links for the account stop working too.
    await tx.passwordReset.updateMany({ where: { userId: reset.userId, usedAt: null }, data: { usedAt: new Date() } });
    await tx.user.update({
      where: { id: reset.userId },
      data: { passwordHash, sessionVersion: { increment: 1 }, failedLogins: 0, lockedUntil: null },
    });
    await recordAudit(tx, {
      tenantId: reset.user.tenantId,
      actor: { userId: reset.userId, label: reset.user.email, ip },
      action: "auth.password_reset",
      targetType: "User",
      targetId: reset.userId,
    });
  });
  return { email: reset.user.email, home: PORTAL_HOME[reset.user.audience] };
}
