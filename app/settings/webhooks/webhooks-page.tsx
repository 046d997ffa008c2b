"use client";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { DataTable, defineColumns, useListQuery } from "@/components/data-table";
import { errorMessage, useTRPC } from "@/components/trpc";
import {
  Alert,
  Badge,
  Button,
  Card,
  DateTime,
  EmptyState,
  Field,
  FormActions,
  Input,
  PageHeader,
} from "@/components/ui";
import { formErrors } from "../../admin/_components/form-errors";
import { EventChoice } from "./event-choice";

type Row = {
  id: string;
  url: string;
  description: string;
  events: string[];
  enabled: boolean;
  consecutiveFailures: number;
  disabledReason: string | null;
  createdAt: Date;
};

const columns = defineColumns<Row>((c) => [
  c.accessor("url", {
    header: "Endpoint",
    enableSorting: true,
    cell: (i) => <span className="mono wrap-anywhere">{i.getValue()}</span>,
  }),
  c.accessor("description", { header: "Description" }),
  c.accessor("events", { header: "Events", cell: (i) => i.getValue().join(", ") }),
  c.display({
    id: "status",
    header: "Status",
    cell: ({ row }) =>
      row.original.enabled ? (
        row.original.consecutiveFailures ? (
          <Badge tone="warning">Failing ({row.original.consecutiveFailures})</Badge>
        ) : (
          <Badge tone="success">Enabled</Badge>
        )
      ) : (
        <Badge tone="danger">Disabled</Badge>
      ),
  }),
  c.accessor("createdAt", {
    header: "Created",
    enableSorting: true,
    cell: (i) => <DateTime value={i.getValue()} mode="date" />,
  }),
]);

const EMPTY_FORM = { url: "", description: "", events: [] as string[] };

export function WebhooksPage() {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const list = useListQuery({ sort: { id: "createdAt", desc: true } });
  const q = useQuery(trpc.webhooks.list.queryOptions(list.query, { placeholderData: keepPreviousData }));
  const types = useQuery(trpc.webhooks.eventTypes.queryOptions());
  const [form, setForm] = useState(EMPTY_FORM);
  const create = useMutation(
    trpc.webhooks.create.mutationOptions({
      onSuccess: (endpoint) => {
        queryClient.invalidateQueries({ queryKey: trpc.webhooks.pathKey() });
        setForm(EMPTY_FORM);
        // The endpoint's page shows its signing secret and, later, its deliveries.
        router.push(`/settings/webhooks/${endpoint.id}?created=1`);
      },
    }),
  );
  const errors = formErrors(create.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    // The checkboxes offer only the server's event types.
    create.mutate({ ...form, events: form.events as Parameters<typeof create.mutate>[0]["events"] });
  };
  return (
    <div className="stack">
      <PageHeader
        title="Webhooks"
        description={
          <>
            FiberOps POSTs events to your systems as they happen, signed with each endpoint&apos;s secret (header{" "}
            <code>FiberOps-Signature</code>; see the <a href="/api/docs">API reference</a>). Failed deliveries are
            retried for about a day; an endpoint that keeps failing is disabled.
          </>
        }
      />
      <Card title="New endpoint">
        <form className="stack" onSubmit={submit} noValidate>
          {create.error && !Object.values(errors).some(Boolean) ? (
            <Alert tone="danger">{errorMessage(create.error)}</Alert>
          ) : null}
          <div className="form-grid">
            <Field label="URL" required error={errors.url} hint="https address of your receiver">
              <Input
                name="url"
                type="url"
                placeholder="https://crm.example.net/hooks/fiberops"
                value={form.url}
                onChange={(e) => setForm({ ...form, url: e.target.value })}
              />
            </Field>
            <Field label="Description" error={errors.description} hint="What receives it, e.g. Accounting">
              <Input
                name="description"
                value={form.description}
                onChange={(e) => setForm({ ...form, description: e.target.value })}
              />
            </Field>
          </div>
          <EventChoice
            types={types.data ?? []}
            value={form.events}
            onChange={(events) => setForm({ ...form, events })}
            error={errors.events}
          />
          <FormActions>
            <Button type="submit" variant="primary" loading={create.isPending}>
              Add endpoint
            </Button>
          </FormActions>
        </form>
      </Card>
      <DataTable
        caption="Webhook endpoints"
        columns={columns}
        rows={q.data?.rows}
        total={q.data?.total}
        loading={q.isFetching}
        error={q.error}
        query={list.query}
        onQueryChange={list.onQueryChange}
        searchPlaceholder="Search URL or description…"
        rowHref={(r) => `/settings/webhooks/${r.id}`}
        filters={[
          {
            id: "enabled",
            label: "Status",
            options: [
              { value: "true", label: "Enabled" },
              { value: "false", label: "Disabled" },
            ],
          },
        ]}
        empty={
          <EmptyState
            title="No webhook endpoints"
            description="Add one to have invoices, payments, suspensions and tickets pushed to your systems."
          />
        }
      />
    </div>
  );
}
