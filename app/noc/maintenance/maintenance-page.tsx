"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { DataTable, defineColumns, useListQuery } from "@/components/data-table";
import { useTRPC } from "@/components/trpc";
import { ButtonLink, DateTime, EmptyState, humanize, PageHeader, StatusBadge } from "@/components/ui";
import { MAINTENANCE_STATUSES } from "@/server/modules/maintenance/schemas";

type Row = {
  id: string;
  title: string;
  status: string;
  area: string;
  startsAt: Date;
  endsAt: Date;
  affectedCount: number;
};

const columns = defineColumns<Row>((c) => [
  c.accessor("title", { header: "Window", enableSorting: true }),
  c.accessor("status", { header: "Status", enableSorting: true, cell: (i) => <StatusBadge status={i.getValue()} /> }),
  c.accessor("area", { header: "Area", meta: { hideOnMobile: true } }),
  c.accessor("startsAt", { header: "Starts", enableSorting: true, cell: (i) => <DateTime value={i.getValue()} /> }),
  c.accessor("endsAt", {
    header: "Ends",
    meta: { hideOnMobile: true },
    cell: (i) => <DateTime value={i.getValue()} />,
  }),
  c.accessor("affectedCount", { header: "Affected", enableSorting: true, meta: { align: "right" } }),
]);

export function MaintenancePage({ canManage }: { canManage: boolean }) {
  const trpc = useTRPC();
  const list = useListQuery({ sort: { id: "startsAt", desc: true } });
  const q = useQuery(trpc.maintenance.list.queryOptions(list.query, { placeholderData: keepPreviousData }));
  return (
    <div className="stack">
      <PageHeader
        title="Planned maintenance"
        description="Windows of planned work on OLTs and PON ports: the subscribers behind them are told ahead of time, see a banner in their portal, and alarms inside a window open no incident."
        actions={canManage ? <ButtonLink href="/noc/maintenance/new">Schedule a window</ButtonLink> : null}
      />
      <DataTable
        caption="Maintenance windows"
        columns={columns}
        rows={q.data?.rows as Row[] | undefined}
        total={q.data?.total}
        loading={q.isFetching}
        error={q.error}
        query={list.query}
        onQueryChange={list.onQueryChange}
        searchPlaceholder="Title or area…"
        rowHref={(r) => `/noc/maintenance/${r.id}`}
        filters={[
          {
            id: "status",
            label: "Status",
            options: MAINTENANCE_STATUSES.map((s) => ({ value: s, label: humanize(s) })),
          },
        ]}
        empty={
          <EmptyState
            title="No maintenance windows"
            description="Schedule one before planned work so the subscribers behind it hear about it in time."
          />
        }
      />
    </div>
  );
}
