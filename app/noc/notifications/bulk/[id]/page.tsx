import { requirePermission } from "@/server/page-guard";
import { BulkDetailPage } from "./bulk-detail-page";

export const metadata = { title: "Bulk send" };

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePermission("notification.read");
  const { id } = await params;
  return <BulkDetailPage id={id} canCancel={user.permissions.includes("notification.bulk")} />;
}
