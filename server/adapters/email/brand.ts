// The brand an email is rendered with: the tenant's (name, logo, colours, support contacts)
// or the platform's for messages outside any tenant.
import { type EmailBrand, emailBrand } from "@/emails/layout";
import { db } from "@/server/db";

export async function loadEmailBrand(tenantId: string | null | undefined): Promise<EmailBrand> {
  if (!tenantId) return emailBrand(null);
  const tenant = await db().tenant.findUnique({ where: { id: tenantId } });
  return emailBrand(tenant);
}
