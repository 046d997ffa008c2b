"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Suspense, use, useEffect } from "react";
import { DataTable, defineColumns, useListQuery } from "@/components/data-table";
import { useTRPC } from "@/components/trpc";
import { Alert, Card, DateTime, Money, PageHeader, Spinner, Stat, StatusBadge } from "@/components/ui";
import { day, lastDay } from "../../format";

type Row = {
  id: string;
  number: string | null;
  customerName: string;
  totalMinor: number;
  status: string;
  emailedAt: Date | null;
};

const columns = defineColumns<Row>((c) => [
  c.accessor("number", {
    header: "Number",
    enableSorting: true,
    cell: (i) => <span className="mono">{i.getValue()}</span>,
  }),
  c.accessor("customerName", { header: "Customer" }),
  c.accessor("totalMinor", { header: "Total", meta: { align: "right" }, cell: (i) => <Money amount={i.getValue()} /> }),
  c.accessor("status", { header: "Status", cell: (i) => <StatusBadge status={i.getValue()} /> }),
  c.accessor("emailedAt", { header: "Emailed", cell: (i) => <DateTime value={i.getValue()} /> }),
]);

function RunPage({ id }: { id: string }) {
  const trpc = useTRPC();
  const run = useQuery(
    trpc.billing.runs.get.queryOptions(
      { id },
      {
        refetchInterval: (q) =>
          q.state.data?.status === "RUNNING" || (q.state.data && q.state.data.emailed < q.state.data.invoicesCreated)
            ? 1500
            : false,
      },
    ),
  );
  const list = useListQuery({ sort: { id: "number", desc: false } }, { prefix: "inv" });
  const invoices = useQuery(
    trpc.billing.invoices.list.queryOptions(
      { ...list.query, filters: { ...(list.query.filters ?? {}), billingRunId: id } },
      { placeholderData: keepPreviousData, refetchInterval: run.data?.status === "RUNNING" ? 3000 : false },
    ),
  );
  // The list follows the run: a batch or an email that landed since the last fetch (also the
  // last ones, after which the run stops polling) shows without a reload.
  const { refetch } = invoices;
  const progress = run.data ? `${run.data.status}:${run.data.invoicesCreated}:${run.data.emailed}` : null;
  useEffect(() => {
    if (progress) void refetch();
  }, [progress, refetch]);
  if (run.isLoading) return <Spinner label="Loading run" />;
  if (!run.data) return <Alert tone="danger">{run.error?.message ?? "Run not found"}</Alert>;
  const r = run.data;
  const pct = r.dueSubscriptions ? Math.round((100 * r.processed) / r.dueSubscriptions) : 100;
  return (
    <div className="stack">
      <PageHeader
        title={`Billing run ${day(r.periodStart)} – ${lastDay(r.periodEnd)}`}
        breadcrumbs={[{ label: "Billing runs", href: "/billing/runs" }, { label: day(r.periodStart) }]}
        actions={<StatusBadge status={r.status} />}
      />
      {r.error ? (
        <Alert tone="danger" title="The run failed">
          {r.error}
        </Alert>
      ) : null}
      <Card title="Progress">
        <progress max={100} value={pct} aria-label="Billing run progress" style={{ width: "100%" }} />
        <p className="small muted" data-testid="run-progress">
          {r.processed} of {r.dueSubscriptions} subscriptions processed ({pct}%), {r.emailed} invoice(s) emailed
        </p>
      </Card>
      <div className="grid-4">
        <Stat label="Invoices" value={<span data-testid="run-invoices">{r.invoicesCreated}</span>} />
        <Stat label="Subtotal" value={<Money amount={r.subtotalMinor} />} />
        <Stat label="Tax" value={<Money amount={r.taxMinor} />} />
        <Stat label="Total" value={<Money amount={r.totalMinor} />} />
      </div>
      <DataTable
        caption="Invoices of this run"
        columns={columns}
        rows={invoices.data?.rows as Row[] | undefined}
        total={invoices.data?.total}
        loading={invoices.isFetching}
        error={invoices.error}
        query={list.query}
        onQueryChange={list.onQueryChange}
        searchPlaceholder="Number or customer…"
        rowHref={(row) => `/billing/invoices/${row.id}`}
      />
    </div>
  );
}

export default function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = use(params);
  return (
    <Suspense>
      <RunPage id={id} />
    </Suspense>
  );
}
