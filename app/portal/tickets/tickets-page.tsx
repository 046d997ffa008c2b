"use client";
// The subscriber's support requests: each with its status; open a new one.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { DataTable, defineColumns, useListQuery } from "@/components/data-table";
import { TicketStatusBadge } from "@/components/support-format";
import { useTRPC } from "@/components/trpc";
import { ButtonLink, DateTime, EmptyState, PageHeader } from "@/components/ui";
import { TICKET_TYPE_LABELS } from "@/server/modules/tickets/schemas";

type Row = { id: string; reference: string; subject: string; type: string; status: string; updatedAt: Date };

const columns = defineColumns<Row>((c) => [
  c.accessor("reference", {
    header: "Request",
    cell: (i) => (
      <Link href={`/portal/tickets/${i.row.original.id}`} className="mono">
        {i.getValue()}
      </Link>
    ),
  }),
  c.accessor("subject", { header: "Subject" }),
  c.accessor("type", {
    header: "Category",
    meta: { hideOnMobile: true },
    cell: (i) => TICKET_TYPE_LABELS[i.getValue() as keyof typeof TICKET_TYPE_LABELS] ?? i.getValue(),
  }),
  c.accessor("status", { header: "Status", cell: (i) => <TicketStatusBadge status={i.getValue()} /> }),
  c.accessor("updatedAt", {
    header: "Last update",
    meta: { hideOnMobile: true },
    cell: (i) => <DateTime value={i.getValue()} mode="relative" />,
  }),
]);

export function TicketsPage() {
  const trpc = useTRPC();
  const list = useListQuery();
  const q = useQuery(
    trpc.tickets.portal.list.queryOptions(
      { page: list.query.page, pageSize: list.query.pageSize },
      { placeholderData: keepPreviousData },
    ),
  );
  return (
    <div className="stack">
      <PageHeader
        title="Support"
        description="Your requests to our support team. We answer here and by email."
        actions={
          <ButtonLink href="/portal/tickets/new" variant="primary">
            New request
          </ButtonLink>
        }
      />
      <DataTable
        caption="Support requests"
        columns={columns}
        rows={q.data?.rows as Row[] | undefined}
        total={q.data?.total}
        loading={q.isFetching}
        error={q.error}
        query={list.query}
        onQueryChange={list.onQueryChange}
        searchable={false}
        rowHref={(r) => `/portal/tickets/${r.id}`}
        empty={
          <EmptyState
            title="No requests yet"
            description="Something not working, or a question about your bill? Ask us."
            action={<ButtonLink href="/portal/tickets/new">New request</ButtonLink>}
          />
        }
      />
    </div>
  );
}
