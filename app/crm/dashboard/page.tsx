import { requirePermission } from "@/server/page-guard";
import { DashboardPage } from "./dashboard-page";

export const metadata = { title: "Sales dashboard" };

export default async function Page() {
  await requirePermission("lead.read");
  return <DashboardPage />;
}
