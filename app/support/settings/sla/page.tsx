import { requirePermission } from "@/server/page-guard";
import { SlaSettingsPage } from "./sla-settings-page";

export const metadata = { title: "SLA policy" };

export default async function Page() {
  const user = await requirePermission("ticket.read");
  return <SlaSettingsPage canEdit={user.permissions.includes("tenant.manage")} />;
}
