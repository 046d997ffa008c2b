"use client";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter, useSearchParams } from "next/navigation";
import { useState } from "react";
import { useConfirm } from "@/components/confirm";
import { DataTable, defineColumns, useListQuery } from "@/components/data-table";
import { useToast } from "@/components/toast";
import { errorMessage, useTRPC } from "@/components/trpc";
import {
  Alert,
  Badge,
  Button,
  Card,
  DateTime,
  DescriptionList,
  EmptyState,
  Field,
  PageHeader,
  Select,
  Spinner,
  StatusBadge,
} from "@/components/ui";
import { EndpointForm } from "../endpoint-form";

type Delivery = {
  id: string;
  status: "PENDING" | "SUCCEEDED" | "FAILED";
  attempts: number;
  replayOfId: string | null;
  lastStatusCode: number | null;
  lastError: string | null;
  nextAttemptAt: Date | null;
  deliveredAt: Date | null;
  createdAt: Date;
  event: { id: string; type: string; createdAt: Date };
};

const OVERLAPS = [
  { value: "0", label: "None: the old secret stops at once" },
  { value: "1", label: "1 hour" },
  { value: "24", label: "24 hours" },
  { value: "72", label: "3 days" },
  { value: "168", label: "7 days" },
];

export function EndpointPage({ id }: { id: string }) {
  const trpc = useTRPC();
  const toast = useToast();
  const confirm = useConfirm();
  const router = useRouter();
  const params = useSearchParams();
  const queryClient = useQueryClient();
  const endpoint = useQuery(trpc.webhooks.get.queryOptions({ id }));
  const types = useQuery(trpc.webhooks.eventTypes.queryOptions());
  const list = useListQuery({ sort: { id: "createdAt", desc: true } }, { prefix: "d" });
  const deliveries = useQuery(
    trpc.webhooks.deliveries.queryOptions({ ...list.query, endpointId: id }, { placeholderData: keepPreviousData }),
  );
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.webhooks.pathKey() });
  const [secret, setSecret] = useState<string | null>(null);
  const [overlap, setOverlap] = useState("24");

  const update = useMutation(
    trpc.webhooks.update.mutationOptions({
      onSuccess: (_, input) => {
        toast.success(
          input.enabled === true
            ? "Endpoint enabled"
            : input.enabled === false
              ? "Endpoint disabled"
              : "Endpoint saved",
        );
        refresh();
      },
    }),
  );
  const remove = useMutation(
    trpc.webhooks.delete.mutationOptions({
      onSuccess: () => {
        toast.success("Endpoint deleted");
        refresh();
        router.push("/settings/webhooks");
      },
      onError: toast.error,
    }),
  );
  const reveal = useMutation(
    trpc.webhooks.revealSecret.mutationOptions({ onSuccess: (r) => setSecret(r.secret), onError: toast.error }),
  );
  const rotate = useMutation(
    trpc.webhooks.rotateSecret.mutationOptions({
      onSuccess: (r) => {
        setSecret(r.secret);
        toast.success("Secret rotated");
        refresh();
      },
      onError: toast.error,
    }),
  );
  const replay = useMutation(
    trpc.webhooks.replay.mutationOptions({
      onSuccess: () => {
        toast.success("Delivery queued again");
        refresh();
      },
      onError: toast.error,
    }),
  );

  if (endpoint.isLoading) return <Spinner label="Loading endpoint" />;
  if (endpoint.error || !endpoint.data)
    return <Alert tone="danger">{errorMessage(endpoint.error) || "Endpoint not found"}</Alert>;
  const e = endpoint.data;

  const columns = defineColumns<Delivery>((c) => [
    c.accessor((d) => d.event.type, {
      id: "event",
      header: "Event",
      cell: (i) => <span className="mono">{i.getValue()}</span>,
    }),
    c.accessor("status", {
      header: "Status",
      enableSorting: true,
      cell: ({ row }) => (
        <>
          <StatusBadge status={row.original.status} />
          {row.original.replayOfId ? (
            <>
              {" "}
              <Badge tone="info">Replay</Badge>
            </>
          ) : null}
        </>
      ),
    }),
    c.accessor("attempts", { header: "Attempts", meta: { align: "right" } }),
    c.display({
      id: "last",
      header: "Last answer",
      cell: ({ row }) =>
        row.original.lastError ?? (row.original.lastStatusCode ? `HTTP ${row.original.lastStatusCode}` : "—"),
    }),
    c.accessor("nextAttemptAt", {
      header: "Next attempt",
      cell: (i) => <DateTime value={i.getValue()} mode="relative" />,
    }),
    c.accessor("createdAt", { header: "Created", enableSorting: true, cell: (i) => <DateTime value={i.getValue()} /> }),
    c.display({
      id: "actions",
      header: "",
      meta: { align: "right" },
      cell: ({ row }) =>
        row.original.status === "PENDING" ? null : (
          <Button
            size="sm"
            loading={replay.isPending && replay.variables?.id === row.original.id}
            disabled={!e.enabled}
            aria-label={`Send again: ${row.original.event.type}, ${new Date(row.original.createdAt).toLocaleString()}`}
            onClick={() => replay.mutate({ id: row.original.id })}
          >
            Send again
          </Button>
        ),
    }),
  ]);

  return (
    <div className="stack">
      <PageHeader
        title={<span className="mono wrap-anywhere">{e.url}</span>}
        breadcrumbs={[{ label: "Webhooks", href: "/settings/webhooks" }, { label: e.description || "Endpoint" }]}
        description={e.enabled ? <Badge tone="success">Enabled</Badge> : <Badge tone="danger">Disabled</Badge>}
        actions={
          <>
            {e.enabled ? (
              <Button
                onClick={async () => {
                  if (
                    await confirm({
                      title: "Disable this endpoint?",
                      body: "Events are no longer sent to it until you enable it again.",
                      confirmLabel: "Disable",
                      danger: true,
                    })
                  )
                    update.mutate({ id, enabled: false });
                }}
              >
                Disable
              </Button>
            ) : (
              <Button variant="primary" loading={update.isPending} onClick={() => update.mutate({ id, enabled: true })}>
                Enable
              </Button>
            )}
            <Button
              variant="danger"
              loading={remove.isPending}
              onClick={async () => {
                if (
                  await confirm({
                    title: "Delete this endpoint?",
                    body: "Its delivery log is deleted with it. Your receiver gets no more events.",
                    confirmLabel: "Delete",
                    danger: true,
                  })
                )
                  remove.mutate({ id });
              }}
            >
              Delete
            </Button>
          </>
        }
      />
      {params.get("created") ? (
        <Alert tone="success" title="Endpoint added">
          Reveal its signing secret below and configure your receiver to verify each delivery with it.
        </Alert>
      ) : null}
      {!e.enabled && e.disabledReason ? (
        <Alert tone="warning" title="Disabled">
          {e.disabledReason}
        </Alert>
      ) : null}

      <Card title="Signing secret">
        <div className="stack-sm">
          <p className="muted">
            Each delivery carries <code>FiberOps-Signature: t=…,v1=…</code>, an HMAC-SHA256 of{" "}
            <code>&lt;t&gt;.&lt;raw body&gt;</code> with this secret. After a rotation the old secret keeps signing
            beside the new one (a second <code>v1</code>) for the overlap you choose, so your receiver can switch
            without dropping deliveries.
          </p>
          <DescriptionList
            items={[
              {
                label: "Old secret also signs until",
                value:
                  e.previousSecretExpiresAt && new Date(e.previousSecretExpiresAt) > new Date() ? (
                    <DateTime value={e.previousSecretExpiresAt} />
                  ) : (
                    "No overlap in progress"
                  ),
              },
            ]}
          />
          {secret ? (
            <pre className="code-block wrap-anywhere" data-testid="webhook-secret">
              {secret}
            </pre>
          ) : null}
          <div className="row">
            <Button loading={reveal.isPending} onClick={() => (secret ? setSecret(null) : reveal.mutate({ id }))}>
              {secret ? "Hide secret" : "Reveal secret"}
            </Button>
            <Field label="Overlap">
              <Select value={overlap} onChange={(ev) => setOverlap(ev.target.value)} options={OVERLAPS} />
            </Field>
            <Button
              variant="danger"
              loading={rotate.isPending}
              onClick={async () => {
                const label = OVERLAPS.find((o) => o.value === overlap)?.label;
                if (
                  await confirm({
                    title: "Rotate the signing secret?",
                    body:
                      overlap === "0"
                        ? "Deliveries are signed with the new secret only, at once: update your receiver first."
                        : `Deliveries are signed with both secrets for ${label}; update your receiver within that time.`,
                    confirmLabel: "Rotate",
                    danger: true,
                  })
                )
                  rotate.mutate({ id, overlapHours: Number(overlap) });
              }}
            >
              Rotate secret
            </Button>
          </div>
        </div>
      </Card>

      <Card title="Endpoint">
        <EndpointForm
          initial={{ url: e.url, description: e.description, events: e.events }}
          types={types.data ?? []}
          error={update.error}
          pending={update.isPending}
          submitLabel="Save endpoint"
          // The checkboxes offer only the server's event types.
          onSubmit={(values) => update.mutate({ id, ...(values as Omit<Parameters<typeof update.mutate>[0], "id">) })}
        />
      </Card>

      <DataTable
        caption="Deliveries"
        columns={columns}
        rows={deliveries.data?.rows}
        total={deliveries.data?.total}
        loading={deliveries.isFetching}
        error={deliveries.error}
        query={list.query}
        onQueryChange={list.onQueryChange}
        searchPlaceholder="Search event type…"
        filters={[
          {
            id: "status",
            label: "Status",
            options: [
              { value: "PENDING", label: "Pending" },
              { value: "SUCCEEDED", label: "Succeeded" },
              { value: "FAILED", label: "Failed" },
            ],
          },
        ]}
        empty={<EmptyState title="No deliveries yet" description="Events this endpoint subscribes to appear here." />}
      />
    </div>
  );
}
