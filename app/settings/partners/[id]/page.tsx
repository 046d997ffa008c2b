import { requirePermission } from "@/server/page-guard";
import { PartnerPage } from "./partner-page";

export const metadata = { title: "Partner" };

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  await requirePermission("partner.manage");
  const { id } = await params;
  return <PartnerPage partnerId={id} />;
}
