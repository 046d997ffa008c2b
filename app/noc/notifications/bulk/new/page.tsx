import { requirePermission } from "@/server/page-guard";
import { NewBulkPage } from "./new-bulk-page";

export const metadata = { title: "New bulk send" };

export default async function Page() {
  const user = await requirePermission("notification.bulk");
  return (
    <NewBulkPage
      canSeePlans={user.permissions.includes("plan.read")}
      canSeeNetwork={user.permissions.includes("network.read")}
    />
  );
}
