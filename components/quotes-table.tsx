"use client";
// A lead's quotes in the shared DataTable, for the sales team's lead page and the partner
// portal's: number, status, monthly and one-off totals, validity, and the actions the page
// allows on each (they differ: approve, withdraw, retry on one side; send on both).
import { type ReactNode, useMemo, useRef } from "react";
import { QuoteStatusBadge } from "@/components/crm-format";
import { DataTable, defineColumns } from "@/components/data-table";
import { useLocalList } from "@/components/local-list";
import { Badge, DateTime, EmptyState, Money } from "@/components/ui";

export type QuoteRow = {
  id: string;
  number: string;
  status: string;
  currency: string;
  monthlyGrossMinor: number;
  oneOffGrossMinor: number;
  expiresAt: Date | null;
  conversionError?: string | null;
};

function quoteColumns<T extends QuoteRow>(actions: (quote: T) => ReactNode) {
  return defineColumns<T>((c) => [
    c.accessor((r) => r.number, {
      id: "number",
      header: "Quote",
      enableSorting: true,
      cell: (i) => <span className="mono">{i.getValue()}</span>,
    }),
    c.accessor((r) => r.status, {
      id: "status",
      header: "Status",
      cell: (i) => (
        <>
          <QuoteStatusBadge status={i.getValue()} />
          {i.row.original.conversionError ? (
            <>
              {" "}
              <Badge tone="danger">Conversion stopped</Badge>
            </>
          ) : null}
        </>
      ),
    }),
    c.accessor((r) => r.monthlyGrossMinor, {
      id: "monthlyGrossMinor",
      header: "Monthly",
      meta: { align: "right" },
      cell: (i) => <Money amount={i.getValue()} currency={i.row.original.currency} />,
    }),
    c.accessor((r) => r.oneOffGrossMinor, {
      id: "oneOffGrossMinor",
      header: "Once",
      meta: { align: "right", hideOnMobile: true },
      cell: (i) => <Money amount={i.getValue()} currency={i.row.original.currency} />,
    }),
    c.accessor((r) => r.expiresAt, {
      id: "expiresAt",
      header: "Valid until",
      meta: { hideOnMobile: true },
      cell: (i) => {
        const at = i.getValue();
        return at ? <DateTime value={at} mode="date" /> : "—";
      },
    }),
    c.display({ id: "actions", header: "Actions", cell: (i) => <div className="row">{actions(i.row.original)}</div> }),
  ]);
}

export function QuotesTable<T extends QuoteRow>({
  quotes,
  actions,
  loading,
  error,
}: {
  /** The lead's quotes, newest first; undefined while they load. */
  quotes: T[] | undefined;
  actions: (quote: T) => ReactNode;
  loading?: boolean;
  error?: unknown;
}) {
  // Columns stay the same object; the latest actions are read when cells render.
  const latest = useRef(actions);
  latest.current = actions;
  const columns = useMemo(() => quoteColumns<T>((q) => latest.current(q)), []);
  const list = useLocalList(quotes, (q) => q.number, 10);
  return (
    <DataTable
      caption="Quotes for this lead"
      columns={columns}
      rows={list.rows}
      total={list.total}
      loading={loading}
      error={error}
      query={list.query}
      onQueryChange={list.onQueryChange}
      searchable={false}
      getRowId={(q) => q.id}
      empty={<EmptyState title="No quotes yet" description="A quote made below appears here." />}
    />
  );
}
