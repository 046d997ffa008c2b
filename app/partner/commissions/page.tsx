import { PartnerCommissions } from "./partner-commissions";

export const metadata = { title: "Commissions" };

export default function Page() {
  return <PartnerCommissions />;
}
