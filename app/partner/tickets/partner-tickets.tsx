"use client";
// The support tickets of the partner's customers (and its sub-partners'), one page at a time,
// searchable; tickets are opened from a customer's page.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { DataTable, defineColumns, useListQuery } from "@/components/data-table";
import { TicketStatusBadge } from "@/components/support-format";
import { useTRPC } from "@/components/trpc";
import { DateTime, EmptyState, PageHeader } from "@/components/ui";

type Row = {
  id: string;
  reference: string;
  subject: string;
  status: string;
  requesterName: string | null;
  updatedAt: Date;
};

const columns = defineColumns<Row>((c) => [
  c.accessor("reference", { header: "Ticket" }),
  c.accessor("subject", { header: "Subject" }),
  c.accessor("requesterName", { header: "Requester", meta: { hideOnMobile: true }, cell: (i) => i.getValue() ?? "—" }),
  c.accessor("status", { header: "Status", cell: (i) => <TicketStatusBadge status={i.getValue()} /> }),
  c.accessor("updatedAt", {
    header: "Last update",
    meta: { hideOnMobile: true },
    cell: (i) => <DateTime value={i.getValue()} mode="relative" />,
  }),
]);

export function PartnerTickets() {
  const trpc = useTRPC();
  const list = useListQuery();
  const tickets = useQuery(
    trpc.partners.portal.tickets.queryOptions(list.query, { placeholderData: keepPreviousData }),
  );
  return (
    <div className="stack">
      <PageHeader
        title="Tickets"
        description="Your customers' support tickets with the ISP's desk. Open a new one from the customer's page."
      />
      <DataTable
        caption="Your customers' tickets"
        columns={columns}
        rows={tickets.data?.rows}
        total={tickets.data?.total}
        loading={tickets.isFetching}
        error={tickets.error}
        query={list.query}
        onQueryChange={list.onQueryChange}
        searchPlaceholder="Search subject, messages or T-number…"
        rowHref={(r) => `/partner/tickets/${r.id}`}
        empty={<EmptyState title="No tickets" description="None of your customers has a ticket with the desk." />}
      />
    </div>
  );
}
