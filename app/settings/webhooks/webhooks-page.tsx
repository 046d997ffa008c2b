"use client";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { DataTable, defineColumns, useListQuery } from "@/components/data-table";
import { useTRPC } from "@/components/trpc";
import { Badge, Card, DateTime, EmptyState, PageHeader } from "@/components/ui";
import { EndpointForm } from "./endpoint-form";

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

export function WebhooksPage() {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const list = useListQuery({ sort: { id: "createdAt", desc: true } });
  const q = useQuery(trpc.webhooks.list.queryOptions(list.query, { placeholderData: keepPreviousData }));
  const types = useQuery(trpc.webhooks.eventTypes.queryOptions());
  const create = useMutation(
    trpc.webhooks.create.mutationOptions({
      onSuccess: (endpoint) => {
        queryClient.invalidateQueries({ queryKey: trpc.webhooks.pathKey() });
        // The endpoint's page shows its signing secret and, later, its deliveries.
        router.push(`/settings/webhooks/${endpoint.id}?created=1`);
      },
    }),
  );
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
        <EndpointForm
          types={types.data ?? []}
          error={create.error}
          pending={create.isPending}
          submitLabel="Add endpoint"
          // The checkboxes offer only the server's event types.
          onSubmit={(values) => create.mutate(values as Parameters<typeof create.mutate>[0])}
        />
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
