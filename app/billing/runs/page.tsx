"use client";
import { keepPreviousData, useMutation, useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { Suspense, useState } from "react";
import { DataTable, defineColumns, useListQuery } from "@/components/data-table";
import { useToast } from "@/components/toast";
import { useTRPC } from "@/components/trpc";
import { Button, Card, DateTime, Field, FormActions, Input, Money, PageHeader, StatusBadge } from "@/components/ui";
import { day, lastDay } from "../format";

type Row = {
  id: string;
  periodStart: Date;
  periodEnd: Date;
  status: string;
  dueSubscriptions: number;
  processed: number;
  invoicesCreated: number;
  totalMinor: bigint;
  startedAt: Date;
};

const columns = defineColumns<Row>((c) => [
  c.accessor((r) => `${day(r.periodStart)} – ${lastDay(r.periodEnd)}`, { id: "period", header: "Cycle" }),
  c.accessor("status", { header: "Status", cell: (i) => <StatusBadge status={i.getValue()} /> }),
  c.accessor((r) => `${r.invoicesCreated} / ${r.dueSubscriptions}`, { id: "progress", header: "Invoices / due" }),
  c.accessor("totalMinor", { header: "Total", meta: { align: "right" }, cell: (i) => <Money amount={i.getValue()} /> }),
  c.accessor("startedAt", { header: "Started", cell: (i) => <DateTime value={i.getValue()} /> }),
]);

function RunsPage() {
  const trpc = useTRPC();
  const toast = useToast();
  const router = useRouter();
  const list = useListQuery();
  const q = useQuery(trpc.billing.runs.list.queryOptions(list.query, { placeholderData: keepPreviousData }));
  const [date, setDate] = useState("");
  const start = useMutation(
    trpc.billing.runs.start.mutationOptions({
      onSuccess: (run) => router.push(`/billing/runs/${run.id}`),
      onError: (e) => toast.error(e),
    }),
  );
  return (
    <div className="stack">
      <PageHeader
        title="Billing runs"
        description="One invoice per due subscription for a cycle. Runs start by themselves on the billing day; running a cycle again bills nothing twice."
      />
      <Card title="Run a cycle now">
        <form
          className="row"
          onSubmit={(e) => {
            e.preventDefault();
            start.mutate({ date: date || undefined });
          }}
        >
          <Field label="Cycle containing" hint="Empty = today">
            <Input type="date" value={date} onChange={(e) => setDate(e.target.value)} />
          </Field>
          <FormActions>
            <Button type="submit" variant="primary" loading={start.isPending}>
              Start billing run
            </Button>
          </FormActions>
        </form>
      </Card>
      <DataTable
        caption="Billing runs"
        columns={columns}
        rows={q.data?.rows as Row[] | undefined}
        total={q.data?.total}
        loading={q.isFetching}
        error={q.error}
        query={list.query}
        onQueryChange={list.onQueryChange}
        searchable={false}
        rowHref={(r) => `/billing/runs/${r.id}`}
      />
    </div>
  );
}

export default function Page() {
  return (
    <Suspense>
      <RunsPage />
    </Suspense>
  );
}
