"use client";
// The subscriber's invoices: status, amounts, PDF download and "Pay" for open ones.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { DataTable, defineColumns, useListQuery } from "@/components/data-table";
import { useTRPC } from "@/components/trpc";
import { DateTime, EmptyState, Money, PageHeader } from "@/components/ui";
import { InvoiceStatus, isOverdue, PayButton, PdfLink } from "../portal-ui";

type Row = {
  id: string;
  number: string | null;
  status: string;
  currency: string;
  issueDate: Date | null;
  dueDate: Date | null;
  totalMinor: number;
  amountDueMinor: number;
};

const columns = defineColumns<Row>((c) => [
  c.accessor("number", {
    header: "Invoice",
    enableSorting: true,
    cell: (i) => <span className="mono">{i.getValue()}</span>,
  }),
  c.accessor("issueDate", {
    header: "Date",
    enableSorting: true,
    cell: (i) => <DateTime value={i.getValue()} mode="date" timeZone="UTC" />,
  }),
  c.accessor("dueDate", {
    header: "Due",
    enableSorting: true,
    meta: { hideOnMobile: true },
    cell: (i) => <DateTime value={i.getValue()} mode="date" timeZone="UTC" />,
  }),
  c.accessor("totalMinor", {
    header: "Total",
    enableSorting: true,
    meta: { align: "right" },
    cell: ({ row }) => <Money amount={row.original.totalMinor} currency={row.original.currency} />,
  }),
  c.accessor("status", {
    header: "Status",
    cell: ({ row }) => <InvoiceStatus status={row.original.status} overdue={isOverdue(row.original)} />,
  }),
  c.display({
    id: "actions",
    header: () => <span className="sr-only">Actions</span>,
    meta: { align: "right" },
    cell: ({ row }) => (
      <div className="row nowrap" style={{ justifyContent: "flex-end" }}>
        <PdfLink invoiceId={row.original.id} number={row.original.number} />
        {row.original.amountDueMinor > 0 && row.original.status !== "VOID" ? (
          <PayButton
            invoiceId={row.original.id}
            amountMinor={row.original.amountDueMinor}
            currency={row.original.currency}
            label="Pay"
            size="sm"
          />
        ) : null}
      </div>
    ),
  }),
]);

export function InvoicesPage() {
  const trpc = useTRPC();
  const list = useListQuery({ sort: { id: "issueDate", desc: true } });
  const q = useQuery(trpc.billing.portal.invoices.queryOptions(list.query, { placeholderData: keepPreviousData }));
  return (
    <div className="stack">
      <PageHeader title="Invoices" description="Every bill we sent you. Download any as PDF; pay open ones by card." />
      <DataTable
        caption="Invoices"
        columns={columns}
        rows={q.data?.rows as Row[] | undefined}
        total={q.data?.total}
        loading={q.isFetching}
        error={q.error}
        query={list.query}
        onQueryChange={list.onQueryChange}
        searchPlaceholder="Invoice number…"
        rowHref={(r) => `/portal/invoices/${r.id}`}
        filters={[
          {
            id: "status",
            label: "Status",
            options: [
              { value: "OPEN", label: "Open" },
              { value: "OVERDUE", label: "Overdue" },
              { value: "PAID", label: "Paid" },
              { value: "VOID", label: "Void" },
            ],
          },
        ]}
        empty={<EmptyState title="No invoices yet" description="Your first invoice appears here once it is issued." />}
      />
    </div>
  );
}
