import { Suspense } from "react";
import { requirePermission } from "@/server/page-guard";
import { MaintenancePage } from "./maintenance-page";

export const metadata = { title: "Planned maintenance" };

export default async function Page() {
  const user = await requirePermission("maintenance.read");
  return (
    <Suspense>
      <MaintenancePage canManage={user.permissions.includes("maintenance.manage")} />
    </Suspense>
  );
}
