import { Suspense } from "react";
import { requirePermission } from "@/server/page-guard";
import { BulkListPage } from "./bulk-list-page";

export const metadata = { title: "Bulk sends" };

export default async function Page() {
  const user = await requirePermission("notification.read");
  return (
    <Suspense>
      <BulkListPage canCreate={user.permissions.includes("notification.bulk")} />
    </Suspense>
  );
}
