"use client";
// Accounts-receivable ageing: per customer, what is open and how long past due, by bucket.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { DataTable, defineColumns, useListQuery } from "@/components/data-table";
import { useTRPC } from "@/components/trpc";
import { Money, PageHeader, Stat } from "@/components/ui";

type Buckets = { current: number; d1_30: number; d31_60: number; d61_90: number; d90_plus: number };
type Row = { customerId: string; name: string; number: string; invoices: number; buckets: Buckets; total: number };

const BUCKETS: Array<{ key: keyof Buckets; label: string }> = [
  { key: "current", label: "Not yet due" },
  { key: "d1_30", label: "1–30 days" },
  { key: "d31_60", label: "31–60 days" },
  { key: "d61_90", label: "61–90 days" },
  { key: "d90_plus", label: "Over 90 days" },
];

const columns = defineColumns<Row>((c) => [
  c.accessor("name", {
    header: "Customer",
    cell: (i) => (
      <span>
        {i.getValue()} <span className="small muted mono">{i.row.original.number}</span>
      </span>
    ),
  }),
  c.accessor("invoices", { header: "Open invoices", meta: { align: "right" } }),
  ...BUCKETS.map((b) =>
    c.accessor((r) => r.buckets[b.key], {
      id: b.key,
      header: b.label,
      meta: { align: "right" as const },
      cell: (i) => (i.getValue() ? <Money amount={i.getValue()} /> : <span className="muted">—</span>),
    }),
  ),
  c.accessor("total", {
    header: "Total",
    meta: { align: "right" },
    cell: (i) => (
      <strong>
        <Money amount={i.getValue()} />
      </strong>
    ),
  }),
]);

export function AgeingPage() {
  const trpc = useTRPC();
  const list = useListQuery({ pageSize: 50 });
  const q = useQuery(trpc.billing.reports.ageing.queryOptions(list.query, { placeholderData: keepPreviousData }));
  const d = q.data;
  return (
    <div className="stack">
      <PageHeader
        title="Accounts-receivable ageing"
        description={`Open amounts by days past the due date${d ? `, as of ${d.asOf} (billing date)` : ""}.`}
        breadcrumbs={[{ label: "Billing", href: "/billing" }, { label: "AR ageing" }]}
      />
      {d ? (
        <div className="grid-3" data-testid="ageing-totals">
          {BUCKETS.map((b) => (
            <Stat
              key={b.key}
              label={b.label}
              tone={b.key !== "current" && d.totals[b.key] > 0 ? "warning" : undefined}
              value={<Money amount={d.totals[b.key]} currency={d.currency} />}
            />
          ))}
          <Stat label="Total open" value={<Money amount={d.total} currency={d.currency} />} />
        </div>
      ) : null}
      <DataTable
        caption="Ageing by customer"
        columns={columns}
        rows={d?.rows as Row[] | undefined}
        total={d?.customers}
        loading={q.isFetching}
        error={q.error}
        query={list.query}
        onQueryChange={list.onQueryChange}
        searchPlaceholder="Customer name, number, email or invoice number…"
        getRowId={(r) => r.customerId}
        rowHref={(r) => `/noc/customers/${r.customerId}`}
        empty={list.query.search ? undefined : "Nobody owes anything: no open invoices."}
      />
    </div>
  );
}
