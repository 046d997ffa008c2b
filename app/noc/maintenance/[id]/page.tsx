import { Suspense } from "react";
import { requirePermission } from "@/server/page-guard";
import { MaintenanceDetail } from "./maintenance-detail";

export const metadata = { title: "Maintenance window" };

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePermission("maintenance.read");
  const { id } = await params;
  return (
    <Suspense>
      <MaintenanceDetail
        id={id}
        canManage={user.permissions.includes("maintenance.manage")}
        canReadTickets={user.permissions.includes("ticket.read")}
      />
    </Suspense>
  );
}
