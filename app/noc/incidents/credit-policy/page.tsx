import { requirePermission } from "@/server/page-guard";
import { CreditPolicyPage } from "./credit-policy-page";

export const metadata = { title: "Outage credit policy" };

export default async function Page() {
  const user = await requirePermission("incident.read");
  return <CreditPolicyPage canManage={user.permissions.includes("incident.manage")} />;
}
