import { Suspense } from "react";
import { requirePermission } from "@/server/page-guard";
import { BillingOverview } from "./overview";

export const metadata = { title: "Billing" };

export default async function Page() {
  const user = await requirePermission("invoice.read");
  return (
    <Suspense>
      <BillingOverview permissions={user.permissions} />
    </Suspense>
  );
}
