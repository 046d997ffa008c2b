import { requirePermission } from "@/server/page-guard";
import { NewTicketPage } from "./new-ticket-page";

export const metadata = { title: "New ticket" };

export default async function Page({ searchParams }: { searchParams: Promise<{ subscriber?: string }> }) {
  await requirePermission("ticket.write");
  const { subscriber } = await searchParams;
  return <NewTicketPage subscriberId={subscriber} />;
}
