import { PartnerTickets } from "./partner-tickets";

export const metadata = { title: "Tickets" };

export default function Page() {
  return <PartnerTickets />;
}
