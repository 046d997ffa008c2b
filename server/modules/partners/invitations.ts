// Invitations to a partner's organisation: the tenant's admin invites a partner's first admin;
// a partner admin invites colleagues (admins or agents) of its own partner or sub-partners.
// The accepted account belongs to that partner (identity copies the invitation's partner).
import { type DbTx, db } from "@/server/db";
import { builtInRole, createInvitationRecord, sendInvitationEmail } from "@/server/modules/identity";
import type { ServiceContext } from "@/server/service-context";
import { getPartner } from "./partners";

export const PARTNER_ROLES = ["partner_admin", "partner_agent"] as const;

export async function invitePartnerUser(
  svc: ServiceContext,
  partnerId: string,
  input: { email: string; name?: string | null; role: (typeof PARTNER_ROLES)[number] },
) {
  const partner = await getPartner(svc, partnerId);
  const role = await builtInRole(db(), input.role);
  const { invitation, token } = await svc.db.$transaction((tx) =>
    createInvitationRecord(tx as unknown as DbTx, {
      tenantId: svc.tenantId,
      email: input.email,
      name: input.name,
      roleId: role.id,
      partnerId: partner.id,
      actor: svc.actor,
    }),
  );
  // Accepted on the partner's own host once it has one.
  const host = partner.domains.find((d) => d.verifiedAt)?.host;
  const email = await sendInvitationEmail(invitation.id, token, svc.actor.label, host);
  return { id: invitation.id, email: invitation.email, expiresAt: invitation.expiresAt, emailStatus: email.status };
}
