import { NewPartnerLead } from "./new-partner-lead";

export const metadata = { title: "New lead" };

export default function Page() {
  return <NewPartnerLead />;
}
