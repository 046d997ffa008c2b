import { Suspense } from "react";
import { requirePermission } from "@/server/page-guard";
import { AlarmsPage } from "./alarms-page";

export const metadata = { title: "Alarms" };

export default async function Page() {
  const user = await requirePermission("incident.read");
  return (
    <Suspense>
      <AlarmsPage canManage={user.permissions.includes("incident.manage")} />
    </Suspense>
  );
}
