// Magic-link sign-in for subscribers, where their tenant allows it (settings portal.magicLink):
// an emailed link that works once and expires. A request answers the same, at the same speed,
// whether or not the address may sign in this way: the lookup and the email happen in a job.
import { emailBrand } from "@/emails/layout";
import { SignInLinkEmail, signInLinkSubject } from "@/emails/sign-in-link";
import { sendEmail } from "@/server/adapters/email";
import { db } from "@/server/db";
import { env } from "@/server/env";
import { DomainError, invalid } from "@/server/errors";
import { enqueueJob } from "@/server/jobs";
import { recordAudit } from "@/server/modules/audit";
import { enforceRateLimits, LIMITS, takeRateLimit } from "@/server/rate-limit";
import { tenantById } from "@/server/tenant-directory";
import { customerBrand } from "@/server/white-label";
import type { SignInResult } from "./sign-in";
import { newToken, sha256 } from "./tokens";

export const SIGN_IN_LINK_TTL_MINUTES = 15;
export const SIGN_IN_LINK_EVENT = "identity/sign-in-link.requested";

/** Whether a tenant's subscribers may sign in by an emailed link (read from its settings JSON). */
export function magicLinkAllowed(settings: unknown) {
  return (settings as { portal?: { magicLink?: unknown } } | null)?.portal?.magicLink === true;
}

export function signInLinkUrl(token: string) {
  return `${env().APP_URL.replace(/\/$/, "")}/sign-in/link/${token}`;
}

/** Accepts a request for a link; the answer never says whether one is sent. */
export async function requestSignInLink(emailInput: string, ip: string | null) {
  const email = emailInput.trim().toLowerCase();
  if (!/^[^\s@]+@[^\s@]+$/.test(email)) throw invalid("Enter your email address", { field: "email" });
  if (ip) await enforceRateLimits([[`sign-in-link:ip:${ip}`, LIMITS.emailLinkPerIp]]);
  await enqueueJob(db(), SIGN_IN_LINK_EVENT, { email, ip });
  return { ok: true };
}

/** The job's work: a link for an active subscriber whose tenant allows it, a few per hour at most. */
export async function sendSignInLink(email: string, ip: string | null) {
  const user = await db().user.findUnique({ where: { email } });
  if (user?.audience !== "SUBSCRIBER" || user.status !== "ACTIVE") return "no account";
  const userTenant = await tenantById(user.tenantId);
  if (userTenant?.status !== "ACTIVE" || !magicLinkAllowed(userTenant.settings)) return "not allowed";
  if (!(await takeRateLimit(`sign-in-link:account:${user.id}`, LIMITS.emailLinkPerAccount)).allowed)
    return "limit reached";
  const { token, hash } = newToken();
  await db().$transaction(async (tx) => {
    await tx.signInLink.create({
      data: { userId: user.id, tokenHash: hash, expiresAt: new Date(Date.now() + SIGN_IN_LINK_TTL_MINUTES * 60_000) },
    });
    await recordAudit(tx, {
      tenantId: user.tenantId,
      actor: { userId: null, label: email, ip },
      action: "auth.sign_in_link_requested",
      targetType: "User",
      targetId: user.id,
    });
  });
  // A reseller's customer gets it under the reseller's white label.
  const tenant = await customerBrand(userTenant, user.customerId);
  const brand = emailBrand(tenant);
  await sendEmail({
    tenant,
    to: user.email,
    subject: signInLinkSubject(brand),
    template: "sign-in-link",
    react: SignInLinkEmail({
      brand,
      name: user.name,
      signInUrl: signInLinkUrl(token),
      expiresInMinutes: SIGN_IN_LINK_TTL_MINUTES,
    }),
    secretLink: signInLinkUrl(token),
  });
  return "sent";
}

async function usableLink(token: string) {
  const link = await db().signInLink.findUnique({
    where: { tokenHash: sha256(token) },
    include: { user: true },
  });
  if (!link)
    throw new DomainError("NOT_FOUND", "This sign-in link is not valid. Ask for a new one on the sign-in page.");
  if (link.usedAt)
    throw invalid("This sign-in link was already used. Ask for a new one on the sign-in page.", { reason: "used" });
  if (link.expiresAt <= new Date())
    throw invalid("This sign-in link has expired. Ask for a new one on the sign-in page.", { reason: "expired" });
  const { user } = link;
  const tenant = await tenantById(user.tenantId);
  if (user.status !== "ACTIVE" || tenant?.status !== "ACTIVE")
    throw invalid("This account is disabled. Contact your provider.", { reason: "disabled" });
  if (!magicLinkAllowed(tenant.settings))
    throw invalid("Sign-in links are switched off. Sign in with your password.", { reason: "disabled" });
  return link;
}

/** Who a link signs in (shown before it is used: mail scanners that open links use nothing). */
export async function describeSignInLink(token: string) {
  const link = await usableLink(token);
  return { email: link.user.email, expiresAt: link.expiresAt };
}

/** Uses the link (once: a claim on usedAt) and answers like a password sign-in. */
export async function signInWithLink(token: string, ip: string | null): Promise<SignInResult> {
  let link: Awaited<ReturnType<typeof usableLink>>;
  try {
    link = await usableLink(token);
  } catch {
    return { ok: false, reason: "invalid" };
  }
  const claimed = await db().signInLink.updateMany({
    where: { id: link.id, usedAt: null, expiresAt: { gt: new Date() } },
    data: { usedAt: new Date() },
  });
  if (claimed.count !== 1) return { ok: false, reason: "invalid" };
  const { user } = link;
  await db().user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
  await recordAudit(db(), {
    tenantId: user.tenantId,
    actor: { userId: user.id, label: user.email, ip },
    action: "auth.sign_in",
    targetType: "User",
    targetId: user.id,
    after: { method: "link" },
  });
  return { ok: true, user: { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion } };
}
