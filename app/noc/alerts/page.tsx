import { Suspense } from "react";
import { requirePermission } from "@/server/page-guard";
import { AlertsPage } from "./alerts-page";

export const metadata = { title: "Alerts" };

export default async function Page() {
  const user = await requirePermission("metrics.read");
  return (
    <Suspense>
      <AlertsPage canManage={user.permissions.includes("alert.manage")} />
    </Suspense>
  );
}
