// Demo partners: the reseller "Northwind Connect" (15% of recurring revenue, its own branding)
// with an agent sub-partner; the demo partner admin belongs to the reseller and the demo agent
// to the sub-partner. Jonas Weber and Lea Fischer are the reseller's customers, the Kiez Café
// the agent's. Idempotent: nothing happens when the reseller exists.
import { DEMO_ACCOUNTS } from "@/prisma/demo-accounts";
import type { PrismaClient, Tenant } from "@/server/generated/prisma/client";
import { findCustomerByEmail, updateCustomer } from "@/server/modules/customers";
import { linkPartnerUser } from "@/server/modules/identity";
import { systemContext } from "@/server/service-context";
import { createCommissionPlan, recomputeCommissions } from "./commissions";
import { createPartner } from "./partners";

const DEMO_RESELLER = "Northwind Connect";
const DEMO_AGENT_PARTNER = "Northwind Street Team";

export async function seedPartners(db: PrismaClient, tenant: Tenant) {
  const svc = systemContext(tenant.id, "seed", db);
  if (await svc.db.partner.findFirst({ where: { name: DEMO_RESELLER } })) return;
  const plan = await createCommissionPlan(svc, {
    name: "Reseller 15%",
    kind: "PERCENT_RECURRING",
    basisPoints: 1500,
    clawbackDays: 90,
  });
  const reseller = await createPartner(svc, {
    name: DEMO_RESELLER,
    type: "RESELLER",
    commissionPlanId: plan.id,
    branding: {
      brandName: DEMO_RESELLER,
      primaryColor: "#6b21a8",
      accentColor: "#0e7490",
      supportEmail: "help@northwind.example",
      supportPhone: "+49 30 9876 5432",
    },
  });
  const agent = await createPartner(svc, { name: DEMO_AGENT_PARTNER, type: "AGENT", parentId: reseller.id });
  await linkPartnerUser(db, { tenantId: tenant.id, email: DEMO_ACCOUNTS.partnerAdmin.email, partnerId: reseller.id });
  await linkPartnerUser(db, { tenantId: tenant.id, email: DEMO_ACCOUNTS.partnerAgent.email, partnerId: agent.id });
  const owners: Array<[email: string, partnerId: string]> = [
    ["jonas.weber@example.com", reseller.id],
    ["lea.fischer@example.com", reseller.id],
    ["kiez-cafe@example.com", agent.id],
  ];
  for (const [email, partnerId] of owners) {
    const customer = await findCustomerByEmail(svc, email);
    if (customer) await updateCustomer(svc, customer.id, { partnerId });
  }
  await recomputeCommissions(svc, reseller.id);
}
