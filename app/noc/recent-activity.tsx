"use client";
// The latest audit entries of the tenant (sign-ins, changes), searchable and paged.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { DataTable, defineColumns, useListQuery } from "@/components/data-table";
import { useTRPC } from "@/components/trpc";
import { Badge, DateTime } from "@/components/ui";

type Entry = {
  id: string;
  createdAt: Date;
  actorLabel: string;
  action: string;
  targetType: string;
  targetId: string | null;
};

const columns = defineColumns<Entry>((c) => [
  c.accessor("createdAt", {
    header: "When",
    enableSorting: true,
    cell: (i) => <DateTime value={i.getValue()} />,
    meta: { className: "nowrap" },
  }),
  c.accessor("actorLabel", { header: "Who" }),
  c.accessor("action", {
    header: "What",
    cell: (i) => (
      <Badge tone={i.getValue().includes("fail") || i.getValue().includes("lock") ? "warning" : "neutral"}>
        {i.getValue()}
      </Badge>
    ),
  }),
  c.accessor("targetType", {
    header: "Target",
    cell: (i) => (
      <span>
        {i.getValue()} <span className="muted mono small">{i.row.original.targetId?.slice(0, 8)}</span>
      </span>
    ),
    meta: { hideOnMobile: true },
  }),
]);

const ACTION_FILTER = [
  {
    id: "action",
    label: "Action",
    options: [
      { value: "auth.", label: "Sign-ins" },
      { value: "subscriber.", label: "Subscribers" },
      { value: "user.", label: "Users" },
      { value: "tenant.", label: "Settings" },
    ],
  },
];

export function RecentActivity() {
  const trpc = useTRPC();
  const list = useListQuery({ pageSize: 10, sort: { id: "createdAt", desc: true } }, { prefix: "activity" });
  const q = useQuery(trpc.audit.search.queryOptions(list.query, { placeholderData: keepPreviousData }));
  return (
    <DataTable
      caption="Recent activity"
      columns={columns}
      rows={q.data?.rows}
      total={q.data?.total}
      loading={q.isFetching}
      error={q.error}
      query={list.query}
      onQueryChange={list.onQueryChange}
      filters={ACTION_FILTER}
      searchPlaceholder="Search who, what, target…"
      pageSizes={[10, 25, 50]}
    />
  );
}
