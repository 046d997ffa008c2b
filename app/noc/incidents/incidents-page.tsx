"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { DataTable, defineColumns, useListQuery } from "@/components/data-table";
import { useTRPC } from "@/components/trpc";
import { ButtonLink, DateTime, EmptyState, humanize, PageHeader, StatusBadge } from "@/components/ui";
import { INCIDENT_STATUSES } from "@/server/modules/incidents/schemas";

type Row = {
  id: string;
  number: number;
  title: string;
  status: string;
  severity: string;
  rootName: string;
  alarmCount: number;
  affectedCount: number;
  businessCount: number;
  openedAt: Date;
  resolvedAt: Date | null;
};

const columns = defineColumns<Row>((c) => [
  c.accessor("number", {
    header: "Incident",
    enableSorting: true,
    cell: (i) => <span className="mono">INC-{i.getValue()}</span>,
  }),
  c.accessor("title", { header: "What" }),
  c.accessor("status", { header: "Status", enableSorting: true, cell: (i) => <StatusBadge status={i.getValue()} /> }),
  c.accessor("severity", {
    header: "Severity",
    meta: { hideOnMobile: true },
    cell: (i) => <StatusBadge status={i.getValue()} />,
  }),
  c.accessor("affectedCount", {
    header: "Affected",
    enableSorting: true,
    meta: { align: "right" },
    cell: (i) => (
      <span>
        {i.getValue()}
        {i.row.original.businessCount ? (
          <span className="muted small"> ({i.row.original.businessCount} business)</span>
        ) : null}
      </span>
    ),
  }),
  c.accessor("alarmCount", { header: "Alarms", meta: { align: "right", hideOnMobile: true } }),
  c.accessor("openedAt", {
    header: "Opened",
    enableSorting: true,
    cell: (i) => <DateTime value={i.getValue()} mode="relative" />,
  }),
  c.accessor("resolvedAt", {
    header: "Resolved",
    meta: { hideOnMobile: true },
    cell: (i) => (i.getValue() ? <DateTime value={i.getValue()} mode="relative" /> : <span className="muted">—</span>),
  }),
]);

export function IncidentsPage() {
  const trpc = useTRPC();
  const list = useListQuery({ sort: { id: "openedAt", desc: true } });
  const q = useQuery(
    trpc.incidents.list.queryOptions(list.query, { placeholderData: keepPreviousData, refetchInterval: 5000 }),
  );
  return (
    <div className="stack">
      <PageHeader
        title="Incidents"
        description="Alarms behind a common upstream element (a PON port, an OLT) within minutes of each other become one incident with its probable root and the subscribers it affects. It resolves when its alarms clear."
        actions={<ButtonLink href="/noc/incidents/credit-policy">Outage credit policy</ButtonLink>}
      />
      <DataTable
        caption="Incidents"
        columns={columns}
        rows={q.data?.rows as Row[] | undefined}
        total={q.data?.total}
        loading={q.isFetching}
        error={q.error}
        query={list.query}
        onQueryChange={list.onQueryChange}
        searchPlaceholder="INC number, title or element…"
        rowHref={(r) => `/noc/incidents/${r.id}`}
        filters={[
          {
            id: "status",
            label: "Status",
            options: [
              { value: "active", label: "Open or acknowledged" },
              ...INCIDENT_STATUSES.map((s) => ({ value: s, label: humanize(s) })),
            ],
          },
        ]}
        empty={
          <EmptyState
            title="No incidents"
            description="When several ONUs behind one PON port or OLT lose signal together, the incident appears here."
          />
        }
      />
    </div>
  );
}
