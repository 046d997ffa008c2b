// Self-registration to the subscriber portal: a customer gives their account number and the
// email on file; when both match, an invitation (the identity module's expiring, single-use
// link) goes to that email, and accepting it creates the portal account. The answer is the same,
// at the same speed, whether or not they match: the lookup and the email happen in a job.
import { type DbTx, db } from "@/server/db";
import { DomainError, invalid } from "@/server/errors";
import { enqueueJob } from "@/server/jobs";
import { builtInRole, createInvitationRecord, sendInvitationEmail } from "@/server/modules/identity";
import { enforceRateLimits, LIMITS, takeRateLimit } from "@/server/rate-limit";
import { systemContext } from "@/server/service-context";

export const PORTAL_REGISTRATION_EVENT = "customers/portal-registration.requested";

export type PortalRegistration = { tenantId: string; accountNumber: string; email: string; ip: string | null };

/** Accepts a registration; the answer never says whether the account exists or the email matches. */
export async function requestPortalRegistration(input: PortalRegistration) {
  const accountNumber = input.accountNumber.trim();
  const email = input.email.trim().toLowerCase();
  if (!accountNumber) throw invalid("Enter your account number (it is on your invoices)", { field: "accountNumber" });
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
    throw invalid("Enter the email address we have on file for you", { field: "email" });
  if (input.ip) await enforceRateLimits([[`portal-registration:ip:${input.ip}`, LIMITS.emailLinkPerIp]]);
  await enqueueJob(db(), PORTAL_REGISTRATION_EVENT, { ...input, accountNumber, email });
  return { ok: true };
}

/** The job's work: the invitation when number and email match a customer, a few per hour at most. */
export async function sendPortalRegistration(input: PortalRegistration) {
  const svc = systemContext(input.tenantId, "portal-registration");
  const customer = await svc.db.customer.findFirst({ where: { number: input.accountNumber } });
  if (!customer || customer.email?.trim().toLowerCase() !== input.email) return "no match";
  if (!(await takeRateLimit(`portal-registration:account:${customer.id}`, LIMITS.emailLinkPerAccount)).allowed)
    return "limit reached";
  const role = await builtInRole(db(), "subscriber");
  let created: Awaited<ReturnType<typeof createInvitationRecord>>;
  try {
    created = await svc.db.$transaction((tx) =>
      createInvitationRecord(tx as unknown as DbTx, {
        tenantId: input.tenantId,
        email: input.email,
        name: customer.companyName || customer.name,
        roleId: role.id,
        customerId: customer.id,
        actor: { userId: null, label: input.email, ip: input.ip },
      }),
    );
  } catch (error) {
    // Already a user, or a link already on its way: nothing new to send.
    if (error instanceof DomainError && error.code === "CONFLICT") return "already registered";
    throw error;
  }
  await sendInvitationEmail(created.invitation.id, created.token);
  return "sent";
}
