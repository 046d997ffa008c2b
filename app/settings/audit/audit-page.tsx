"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { DataTable, defineColumns, useListQuery } from "@/components/data-table";
import { useTRPC } from "@/components/trpc";
import { Button, Card, DateTime, EmptyState, Field, FormActions, Input, PageHeader } from "@/components/ui";

type Row = {
  id: string;
  createdAt: Date;
  actorLabel: string;
  ip: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  before: unknown;
  after: unknown;
};

function Change({ row }: { row: Row }) {
  if (row.before == null && row.after == null) return <span className="muted">—</span>;
  return (
    <details>
      <summary className="small">Show change</summary>
      <div className="grid-2 small">
        <pre className="code-block">{row.before == null ? "—" : JSON.stringify(row.before, null, 2)}</pre>
        <pre className="code-block">{row.after == null ? "—" : JSON.stringify(row.after, null, 2)}</pre>
      </div>
    </details>
  );
}

const columns = defineColumns<Row>((c) => [
  c.accessor("createdAt", { header: "When", enableSorting: true, cell: (i) => <DateTime value={i.getValue()} /> }),
  c.accessor("actorLabel", { header: "Who" }),
  c.accessor("action", { header: "Action", cell: (i) => <span className="mono">{i.getValue()}</span> }),
  c.accessor((r) => `${r.targetType}${r.targetId ? ` ${r.targetId}` : ""}`, {
    id: "target",
    header: "Target",
    cell: (i) => <span className="small wrap-anywhere">{i.getValue()}</span>,
  }),
  c.accessor("ip", { header: "IP", meta: { hideOnMobile: true } }),
  c.display({ id: "change", header: "Before / after", cell: ({ row }) => <Change row={row.original} /> }),
]);

const FILTER_KEYS = ["actor", "action", "targetType", "targetId", "from", "to"] as const;

export function AuditPage() {
  const trpc = useTRPC();
  const list = useListQuery({ sort: { id: "createdAt", desc: true } });
  const applied = list.query.filters ?? {};
  const [form, setForm] = useState<Record<string, string>>(() =>
    Object.fromEntries(FILTER_KEYS.map((k) => [k, applied[k] ?? ""])),
  );
  const input = {
    ...list.query,
    ...Object.fromEntries(FILTER_KEYS.filter((k) => applied[k]).map((k) => [k, applied[k]])),
  };
  const q = useQuery(trpc.audit.search.queryOptions(input, { placeholderData: keepPreviousData }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const filters = Object.fromEntries(Object.entries(form).filter(([, v]) => v.trim()));
    list.onQueryChange({ ...list.query, page: 1, filters: Object.keys(filters).length ? filters : undefined });
  };
  const field = (key: (typeof FILTER_KEYS)[number]) => ({
    value: form[key] ?? "",
    onChange: (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value }),
  });
  return (
    <div className="stack">
      <PageHeader title="Audit log" description="Every change in your organisation: who, what, when, from where." />
      <Card>
        <form onSubmit={submit} className="stack-sm">
          <div className="form-grid">
            <Field label="Actor">
              <Input placeholder="email or system:job" {...field("actor")} />
            </Field>
            <Field label="Action" hint="Starts with, e.g. invitation. or user.disable">
              <Input {...field("action")} />
            </Field>
            <Field label="Target type">
              <Input placeholder="User, Invitation, Subscriber…" {...field("targetType")} />
            </Field>
            <Field label="Target id">
              <Input {...field("targetId")} />
            </Field>
            <Field label="From">
              <Input type="date" {...field("from")} />
            </Field>
            <Field label="To">
              <Input type="date" {...field("to")} />
            </Field>
          </div>
          <FormActions>
            <Button
              onClick={() => {
                setForm(Object.fromEntries(FILTER_KEYS.map((k) => [k, ""])));
                list.onQueryChange({ ...list.query, page: 1, filters: undefined });
              }}
            >
              Clear
            </Button>
            <Button type="submit" variant="primary">
              Filter
            </Button>
          </FormActions>
        </form>
      </Card>
      <DataTable
        caption="Audit log"
        columns={columns}
        rows={q.data?.rows}
        total={q.data?.total}
        loading={q.isFetching}
        error={q.error}
        query={list.query}
        onQueryChange={list.onQueryChange}
        searchPlaceholder="Search actor, action, target…"
        empty={
          <EmptyState title="Nothing in the audit log matches" description="Clear the filters to see everything." />
        }
      />
    </div>
  );
}
