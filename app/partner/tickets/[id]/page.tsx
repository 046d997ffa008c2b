import { PartnerTicketPage } from "./partner-ticket";

export const metadata = { title: "Ticket" };

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <PartnerTicketPage ticketId={id} />;
}
