"use client";
// Every quote of the tenant: status, totals, validity, and whether an accepted one converted.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useMemo } from "react";
import { QuoteStatusBadge } from "@/components/crm-format";
import { DataTable, defineColumns, useListQuery } from "@/components/data-table";
import { useTRPC } from "@/components/trpc";
import { Badge, DateTime, Money, PageHeader } from "@/components/ui";

type Row = {
  id: string;
  number: string;
  leadId: string;
  status: string;
  currency: string;
  monthlyGrossMinor: number;
  oneOffGrossMinor: number;
  expiresAt: Date | null;
  acceptedAt: Date | null;
  conversionError: string | null;
  createdAt: Date;
};

const STATUSES = ["DRAFT", "PENDING_APPROVAL", "SENT", "ACCEPTED", "SUPERSEDED", "CANCELLED"];

export function QuotesPage() {
  const trpc = useTRPC();
  const router = useRouter();
  const list = useListQuery({ sort: { id: "createdAt", desc: true } });
  const q = useQuery(trpc.quotes.list.queryOptions(list.query, { placeholderData: keepPreviousData }));
  const columns = useMemo(
    () =>
      defineColumns<Row>((c) => [
        c.accessor("number", {
          header: "Quote",
          enableSorting: true,
          cell: (i) => (
            <Link href={`/crm/leads/${i.row.original.leadId}`} className="mono">
              {i.getValue()}
            </Link>
          ),
        }),
        c.accessor("status", {
          header: "Status",
          enableSorting: true,
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
        c.accessor("monthlyGrossMinor", {
          header: "Monthly",
          enableSorting: true,
          cell: (i) => <Money amount={i.getValue()} currency={i.row.original.currency} />,
        }),
        c.accessor("oneOffGrossMinor", {
          header: "Once",
          meta: { hideOnMobile: true },
          cell: (i) => <Money amount={i.getValue()} currency={i.row.original.currency} />,
        }),
        c.accessor("expiresAt", {
          header: "Valid until",
          enableSorting: true,
          meta: { hideOnMobile: true },
          cell: (i) => (i.getValue() ? <DateTime value={i.getValue()!} mode="date" /> : "—"),
        }),
        c.accessor("createdAt", {
          header: "Created",
          enableSorting: true,
          meta: { hideOnMobile: true },
          cell: (i) => <DateTime value={i.getValue()} mode="relative" />,
        }),
      ]),
    [],
  );
  return (
    <div className="stack">
      <PageHeader title="Quotes" breadcrumbs={[{ label: "Sales pipeline", href: "/crm" }, { label: "Quotes" }]} />
      <DataTable
        caption="Quotes"
        columns={columns}
        rows={q.data?.rows as Row[] | undefined}
        total={q.data?.total}
        loading={q.isFetching}
        error={q.error}
        query={list.query}
        onQueryChange={list.onQueryChange}
        searchPlaceholder="Search Q-number…"
        onRowClick={(r) => router.push(`/crm/leads/${r.leadId}`)}
        filters={[
          {
            id: "status",
            label: "Status",
            options: STATUSES.map((s) => ({
              value: s,
              label: s === "PENDING_APPROVAL" ? "Needs approval" : s[0] + s.slice(1).toLowerCase(),
            })),
          },
        ]}
        empty={
          <div className="empty-state">
            <p className="empty-state-title">No quotes yet</p>
            <p className="muted">Quote a lead from its page.</p>
          </div>
        }
      />
    </div>
  );
}
