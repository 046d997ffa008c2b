"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { Suspense } from "react";
import { DataTable, defineColumns, useListQuery } from "@/components/data-table";
import { useTRPC } from "@/components/trpc";
import { DateTime, Money, PageHeader } from "@/components/ui";

type Row = {
  id: string;
  number: string;
  invoiceId: string;
  reason: string;
  totalMinor: number;
  appliedMinor: number;
  currency: string;
  createdAt: Date;
  invoice: { number: string | null; billTo: unknown };
};

const columns = defineColumns<Row>((c) => [
  c.accessor("number", {
    header: "Number",
    enableSorting: true,
    cell: (i) => <span className="mono">{i.getValue()}</span>,
  }),
  c.accessor((r) => (r.invoice.billTo as { name?: string }).name ?? "", { id: "customer", header: "Customer" }),
  c.accessor((r) => r.invoice.number ?? "", {
    id: "invoice",
    header: "Invoice",
    cell: (i) => <Link href={`/billing/invoices/${i.row.original.invoiceId}`}>{i.getValue()}</Link>,
  }),
  c.accessor("reason", { header: "Reason" }),
  c.accessor("createdAt", {
    header: "Date",
    enableSorting: true,
    cell: (i) => <DateTime value={i.getValue()} mode="date" />,
  }),
  c.accessor("totalMinor", {
    header: "Total",
    enableSorting: true,
    meta: { align: "right" },
    cell: (i) => <Money amount={i.getValue()} currency={i.row.original.currency} />,
  }),
  c.accessor((r) => r.totalMinor - r.appliedMinor, {
    id: "toBalance",
    header: "To credit balance",
    meta: { align: "right" },
    cell: (i) => <Money amount={i.getValue()} currency={i.row.original.currency} />,
  }),
]);

function CreditNotesPage() {
  const trpc = useTRPC();
  const list = useListQuery({ sort: { id: "createdAt", desc: true } });
  const q = useQuery(trpc.billing.creditNotes.list.queryOptions(list.query, { placeholderData: keepPreviousData }));
  return (
    <div className="stack">
      <PageHeader title="Credit notes" description="Corrections of issued invoices. Issue one from the invoice page." />
      <DataTable
        caption="Credit notes"
        columns={columns}
        rows={q.data?.rows as Row[] | undefined}
        total={q.data?.total}
        loading={q.isFetching}
        error={q.error}
        query={list.query}
        onQueryChange={list.onQueryChange}
        searchPlaceholder="Number, invoice, reason…"
      />
    </div>
  );
}

export default function Page() {
  return (
    <Suspense>
      <CreditNotesPage />
    </Suspense>
  );
}
