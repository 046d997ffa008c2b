"use client";
// The delivery log: every message per channel with its status, provider id and error.
// Filters: channel, status, template, and a subscriber (?f.subscriberId=, linked from the
// subscriber page); search: recipient address, subject or provider id.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { DataTable, defineColumns, useListQuery } from "@/components/data-table";
import { useTRPC } from "@/components/trpc";
import { DateTime, EmptyState, PageHeader, StatusBadge } from "@/components/ui";
import { CHANNEL_LABEL, CHANNEL_OPTIONS, DELIVERY_STATUS_OPTIONS } from "../shared";

type Row = {
  id: string;
  createdAt: Date;
  channel: string;
  template: string;
  recipient: string;
  subscriberId: string | null;
  subject: string | null;
  status: string;
  notBefore: Date | null;
  provider: string | null;
  providerId: string | null;
  error: string | null;
};

const columns = defineColumns<Row>((c) => [
  c.accessor("createdAt", { header: "Created", enableSorting: true, cell: (i) => <DateTime value={i.getValue()} /> }),
  c.accessor("channel", { header: "Channel", enableSorting: true, cell: (i) => CHANNEL_LABEL[i.getValue()] }),
  c.accessor("template", {
    header: "Template",
    enableSorting: true,
    cell: (i) => <span className="mono small">{i.getValue()}</span>,
  }),
  c.accessor("recipient", {
    header: "Recipient",
    cell: (i) =>
      i.row.original.subscriberId ? (
        <Link href={`/noc/subscribers/${i.row.original.subscriberId}`} className="wrap-anywhere">
          {i.getValue()}
        </Link>
      ) : (
        <span className="wrap-anywhere">{i.getValue()}</span>
      ),
  }),
  c.accessor("subject", { header: "Subject", meta: { hideOnMobile: true }, cell: (i) => i.getValue() ?? "" }),
  c.accessor("status", {
    header: "Status",
    enableSorting: true,
    cell: (i) => (
      <span className="stack-sm">
        <StatusBadge status={i.getValue()} />
        {i.row.original.notBefore && i.getValue() === "QUEUED" ? (
          <span className="small muted">
            after quiet hours, <DateTime value={i.row.original.notBefore} mode="time" />
          </span>
        ) : null}
      </span>
    ),
  }),
  c.accessor((r) => r.error ?? (r.providerId ? `${r.provider}: ${r.providerId}` : (r.provider ?? "")), {
    id: "detail",
    header: "Provider / error",
    meta: { hideOnMobile: true },
    cell: (i) => (
      <span className={`small wrap-anywhere ${i.row.original.error ? "text-danger" : "muted"}`}>{i.getValue()}</span>
    ),
  }),
]);

export function DeliveriesPage() {
  const trpc = useTRPC();
  const list = useListQuery({ sort: { id: "createdAt", desc: true } });
  const templates = useQuery(trpc.notifications.templates.list.queryOptions());
  const f = list.query.filters ?? {};
  const q = useQuery(
    trpc.notifications.deliveries.queryOptions(
      {
        ...list.query,
        channel: CHANNEL_OPTIONS.some((o) => o.value === f.channel) ? (f.channel as "EMAIL") : undefined,
        status: DELIVERY_STATUS_OPTIONS.some((o) => o.value === f.status) ? (f.status as "SENT") : undefined,
        template: f.template || undefined,
        subscriberId: /^[0-9a-f-]{36}$/i.test(f.subscriberId ?? "") ? f.subscriberId : undefined,
        bulkJobId: /^[0-9a-f-]{36}$/i.test(f.bulkJobId ?? "") ? f.bulkJobId : undefined,
      },
      { placeholderData: keepPreviousData },
    ),
  );
  const clearHref = (key: string) => {
    const { [key]: _, ...rest } = f;
    const params = new URLSearchParams(Object.entries(rest).map(([k, v]) => [`f.${k}`, v]));
    return `/noc/notifications/deliveries${params.size ? `?${params}` : ""}`;
  };
  return (
    <div className="stack">
      <PageHeader
        title="Delivery log"
        description="Every notification, per channel: when it was sent, to which address, and what the provider answered."
      />
      {f.subscriberId || f.bulkJobId ? (
        <p className="row small">
          {f.subscriberId ? (
            <span>
              One subscriber only (<Link href={`/noc/subscribers/${f.subscriberId}`}>open</Link>) ·{" "}
              <Link href={clearHref("subscriberId")}>show everyone</Link>
            </span>
          ) : null}
          {f.bulkJobId ? (
            <span>
              One bulk send only (<Link href={`/noc/notifications/bulk/${f.bulkJobId}`}>open</Link>) ·{" "}
              <Link href={clearHref("bulkJobId")}>show all</Link>
            </span>
          ) : null}
        </p>
      ) : null}
      <DataTable
        caption="Deliveries"
        columns={columns}
        rows={q.data?.rows as Row[] | undefined}
        total={q.data?.total}
        loading={q.isFetching}
        error={q.error}
        query={list.query}
        onQueryChange={list.onQueryChange}
        searchPlaceholder="Recipient, subject, provider id…"
        filters={[
          { id: "channel", label: "Channel", options: CHANNEL_OPTIONS },
          { id: "status", label: "Status", options: DELIVERY_STATUS_OPTIONS },
          {
            id: "template",
            label: "Template",
            options: (templates.data ?? []).map((t) => ({ value: t.key, label: t.name })),
          },
        ]}
        empty={
          <EmptyState
            title="No deliveries"
            description="Messages appear here as soon as they are queued. Try another filter or search."
          />
        }
      />
    </div>
  );
}
