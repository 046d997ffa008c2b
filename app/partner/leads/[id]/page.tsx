import { PartnerLeadPage } from "./partner-lead";

export const metadata = { title: "Lead" };

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <PartnerLeadPage leadId={id} />;
}
