import { PartnerDashboard } from "./partner-dashboard";

export const metadata = { title: "Partner dashboard" };

export default function Page() {
  return <PartnerDashboard />;
}
