"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { DataTable, defineColumns, useListQuery } from "@/components/data-table";
import { useTRPC } from "@/components/trpc";
import { ButtonLink, DateTime, EmptyState, PageHeader, StatusBadge } from "@/components/ui";
import { BULK_STATUS_OPTIONS, ChannelBadges } from "../shared";

type Row = {
  id: string;
  name: string;
  template: string;
  channels: string[];
  status: string;
  scheduleAt: Date;
  total: number;
  sent: number;
  failed: number;
  suppressed: number;
  createdAt: Date;
};

const columns = defineColumns<Row>((c) => [
  c.accessor("name", { header: "Name", enableSorting: true }),
  c.accessor("template", {
    header: "Template",
    meta: { hideOnMobile: true },
    cell: (i) => <span className="mono small">{i.getValue()}</span>,
  }),
  c.accessor("channels", {
    header: "Channels",
    meta: { hideOnMobile: true },
    cell: (i) => <ChannelBadges channels={i.getValue()} />,
  }),
  c.accessor("scheduleAt", {
    header: "Scheduled for",
    enableSorting: true,
    cell: (i) => <DateTime value={i.getValue()} />,
  }),
  c.accessor("status", { header: "Status", enableSorting: true, cell: (i) => <StatusBadge status={i.getValue()} /> }),
  c.accessor((r) => (r.total ? `${r.sent} sent · ${r.suppressed} skipped · ${r.failed} failed of ${r.total}` : "—"), {
    id: "progress",
    header: "Progress",
    cell: (i) => <span className="small">{i.getValue()}</span>,
  }),
  c.accessor("createdAt", {
    header: "Created",
    enableSorting: true,
    meta: { hideOnMobile: true },
    cell: (i) => <DateTime value={i.getValue()} mode="date" />,
  }),
]);

export function BulkListPage({ canCreate }: { canCreate: boolean }) {
  const trpc = useTRPC();
  const list = useListQuery({ sort: { id: "createdAt", desc: true } });
  const q = useQuery(
    trpc.notifications.bulk.list.queryOptions(list.query, { placeholderData: keepPreviousData, refetchInterval: 5000 }),
  );
  return (
    <div className="stack">
      <PageHeader
        title="Bulk sends"
        description="One message to many subscribers, at a time you choose, within each channel's sending rate. Opt-outs and quiet hours apply."
        actions={
          canCreate ? (
            <ButtonLink href="/noc/notifications/bulk/new" variant="primary">
              New bulk send
            </ButtonLink>
          ) : null
        }
      />
      <DataTable
        caption="Bulk sends"
        columns={columns}
        rows={q.data?.rows as Row[] | undefined}
        total={q.data?.total}
        loading={q.isFetching}
        error={q.error}
        query={list.query}
        onQueryChange={list.onQueryChange}
        searchPlaceholder="Search by name…"
        rowHref={(r) => `/noc/notifications/bulk/${r.id}`}
        filters={[{ id: "status", label: "Status", options: BULK_STATUS_OPTIONS }]}
        empty={
          <EmptyState
            title="No bulk sends yet"
            description="Notify everyone on a plan, behind an OLT or PON port, or in a postcode area."
          />
        }
      />
    </div>
  );
}
