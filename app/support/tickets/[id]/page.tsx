import { requirePermission } from "@/server/page-guard";
import { TicketPage } from "./ticket-page";

export const metadata = { title: "Ticket" };

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePermission("ticket.read");
  const { id } = await params;
  return <TicketPage id={id} canWrite={user.permissions.includes("ticket.write")} permissions={user.permissions} />;
}
