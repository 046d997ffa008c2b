import { requirePermission } from "@/server/page-guard";
import { LeadPage } from "./lead-page";

export const metadata = { title: "Lead" };

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePermission("lead.read");
  const { id } = await params;
  return (
    <LeadPage
      id={id}
      canWrite={user.permissions.includes("lead.write")}
      canApprove={user.permissions.includes("quote.approve")}
    />
  );
}
