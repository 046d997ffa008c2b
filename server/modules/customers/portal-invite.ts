// Portal accounts for subscribers: staff invite a customer to the self-service portal. The
// invitation (subscriber role, tied to the customer) goes to the email on file unless another
// address is given; accepting it creates the customer's portal account.
import { type DbTx, db } from "@/server/db";
import { builtInRole, createInvitationRecord, sendInvitationEmail } from "@/server/modules/identity";
import type { ServiceContext } from "@/server/service-context";
import { getCustomer } from "./service";

export async function inviteToPortal(svc: ServiceContext, input: { customerId: string; email?: string | null }) {
  const customer = await getCustomer(svc, input.customerId);
  const role = await builtInRole(db(), "subscriber");
  const { invitation, token } = await svc.db.$transaction((tx) =>
    createInvitationRecord(tx as unknown as DbTx, {
      tenantId: svc.tenantId,
      email: input.email || customer.email,
      name: customer.companyName || customer.name,
      roleId: role.id,
      customerId: customer.id,
      actor: svc.actor,
    }),
  );
  const email = await sendInvitationEmail(invitation.id, token, svc.actor.label);
  return { id: invitation.id, email: invitation.email, expiresAt: invitation.expiresAt, emailStatus: email.status };
}
