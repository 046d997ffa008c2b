import { PartnerLeads } from "./partner-leads";

export const metadata = { title: "Leads and quotes" };

export default function Page() {
  return <PartnerLeads />;
}
