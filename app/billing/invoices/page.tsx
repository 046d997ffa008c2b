"use client";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Suspense, useMemo, useState } from "react";
import { DataTable, defineColumns, useListQuery } from "@/components/data-table";
import { useToast } from "@/components/toast";
import { useTRPC } from "@/components/trpc";
import { Button, Money, PageHeader, StatusBadge } from "@/components/ui";
import { day, INVOICE_KIND_OPTIONS, INVOICE_STATUS_OPTIONS } from "../format";

type Row = {
  id: string;
  number: string | null;
  status: string;
  kind: string;
  customerName: string;
  issueDate: Date | null;
  dueDate: Date | null;
  totalMinor: number;
  amountDueMinor: number;
  currency: string;
  emailedAt: Date | null;
};

function InvoicesPage() {
  const trpc = useTRPC();
  const toast = useToast();
  const qc = useQueryClient();
  const list = useListQuery({ sort: { id: "createdAt", desc: true } });
  const q = useQuery(trpc.billing.invoices.list.queryOptions(list.query, { placeholderData: keepPreviousData }));
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const rows = (q.data?.rows ?? []) as Row[];
  const done = () => {
    setSelected(new Set());
    void qc.invalidateQueries({ queryKey: trpc.billing.invoices.list.queryKey() });
  };
  const issue = useMutation(
    trpc.billing.invoices.issue.mutationOptions({
      onSuccess: (r) => {
        toast.success(`${r.issued.length} invoice(s) issued and emailed`);
        done();
      },
      onError: (e) => toast.error(e),
    }),
  );
  const email = useMutation(
    trpc.billing.invoices.email.mutationOptions({
      onSuccess: (r) => {
        toast.success(`${r.emailed} invoice(s) emailed`);
        done();
      },
      onError: (e) => toast.error(e),
    }),
  );
  const selectedRows = rows.filter((r) => selected.has(r.id));
  const drafts = selectedRows.filter((r) => r.status === "DRAFT").map((r) => r.id);
  const issued = selectedRows.filter((r) => r.status !== "DRAFT" && r.status !== "VOID").map((r) => r.id);

  const columns = useMemo(
    () =>
      defineColumns<Row>((c) => [
        c.display({
          id: "select",
          header: () => (
            <input
              type="checkbox"
              aria-label="Select all on this page"
              checked={rows.length > 0 && rows.every((r) => selected.has(r.id))}
              onChange={(e) => setSelected(e.target.checked ? new Set(rows.map((r) => r.id)) : new Set())}
            />
          ),
          cell: (i) => (
            <input
              type="checkbox"
              aria-label={`Select ${i.row.original.number ?? "draft"}`}
              checked={selected.has(i.row.original.id)}
              onClick={(e) => e.stopPropagation()}
              onChange={() =>
                setSelected((s) => {
                  const n = new Set(s);
                  if (n.has(i.row.original.id)) n.delete(i.row.original.id);
                  else n.add(i.row.original.id);
                  return n;
                })
              }
            />
          ),
        }),
        c.accessor("number", {
          header: "Number",
          enableSorting: true,
          cell: (i) => <span className="mono">{i.getValue() ?? "Draft"}</span>,
        }),
        c.accessor("customerName", { header: "Customer" }),
        c.accessor("kind", { header: "Kind", meta: { hideOnMobile: true } }),
        c.accessor("issueDate", { header: "Issued", enableSorting: true, cell: (i) => day(i.getValue()) }),
        c.accessor("dueDate", { header: "Due", enableSorting: true, cell: (i) => day(i.getValue()) }),
        c.accessor("totalMinor", {
          header: "Total",
          enableSorting: true,
          meta: { align: "right" },
          cell: (i) => <Money amount={i.getValue()} currency={i.row.original.currency} />,
        }),
        c.accessor("amountDueMinor", {
          header: "Due amount",
          meta: { align: "right" },
          cell: (i) => <Money amount={i.getValue()} currency={i.row.original.currency} />,
        }),
        c.accessor("status", {
          header: "Status",
          enableSorting: true,
          cell: (i) => <StatusBadge status={i.getValue()} />,
        }),
      ]),
    [rows, selected],
  );

  return (
    <div className="stack">
      <PageHeader
        title="Invoices"
        description="Every invoice and its state. Issued invoices never change; correct them with a credit note."
      />
      <DataTable
        caption="Invoices"
        columns={columns}
        rows={q.data ? rows : undefined}
        total={q.data?.total}
        loading={q.isFetching}
        error={q.error}
        query={list.query}
        onQueryChange={list.onQueryChange}
        searchPlaceholder="Number, customer name, email…"
        rowHref={(r) => `/billing/invoices/${r.id}`}
        filters={[
          { id: "status", label: "Status", options: INVOICE_STATUS_OPTIONS },
          { id: "kind", label: "Kind", options: INVOICE_KIND_OPTIONS },
        ]}
        toolbar={
          <div className="row">
            <Button
              size="sm"
              variant="primary"
              disabled={drafts.length === 0}
              loading={issue.isPending}
              onClick={() => issue.mutate({ ids: drafts, email: true })}
            >
              Issue {drafts.length || ""} draft(s)
            </Button>
            <Button
              size="sm"
              disabled={issued.length === 0}
              loading={email.isPending}
              onClick={() => email.mutate({ ids: issued })}
            >
              Email {issued.length || ""} invoice(s)
            </Button>
          </div>
        }
      />
    </div>
  );
}

export default function Page() {
  return (
    <Suspense>
      <InvoicesPage />
    </Suspense>
  );
}
