import { requirePermission } from "@/server/page-guard";
import { NewLeadPage } from "./new-lead-page";

export const metadata = { title: "New lead" };

export default async function Page() {
  await requirePermission("lead.write");
  return <NewLeadPage />;
}
