import { requirePermission } from "@/server/page-guard";
import { CoveragePage } from "./coverage-page";

export const metadata = { title: "Coverage map" };

export default async function Page() {
  const user = await requirePermission("lead.read");
  return <CoveragePage canEdit={user.permissions.includes("network.write")} />;
}
