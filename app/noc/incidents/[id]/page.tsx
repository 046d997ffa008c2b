import { Suspense } from "react";
import { requirePermission } from "@/server/page-guard";
import { IncidentDetail } from "./incident-detail";

export const metadata = { title: "Incident" };

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePermission("incident.read");
  const { id } = await params;
  return (
    <Suspense>
      <IncidentDetail id={id} canManage={user.permissions.includes("incident.manage")} />
    </Suspense>
  );
}
