import { Suspense } from "react";
import { requirePermission } from "@/server/page-guard";
import { NewMaintenancePage } from "./new-maintenance-page";

export const metadata = { title: "Schedule maintenance" };

export default async function Page() {
  await requirePermission("maintenance.manage");
  return (
    <Suspense>
      <NewMaintenancePage />
    </Suspense>
  );
}
