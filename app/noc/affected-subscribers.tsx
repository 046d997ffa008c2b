"use client";
// The affected-subscribers card of an incident and of a planned maintenance window: who is
// behind the element, business customers first, each linked to its subscriber page.
import Link from "next/link";
import { DataTable, defineColumns, type useListQuery } from "@/components/data-table";
import { Badge, Card, EmptyState } from "@/components/ui";

export type AffectedRow = {
  id: string;
  subscriberId: string;
  customerName: string;
  username: string;
  business: boolean;
  planName?: string | null;
};

const baseColumns = defineColumns<AffectedRow>((c) => [
  c.accessor("customerName", {
    header: "Customer",
    cell: (i) => (
      <span className="row">
        {i.getValue()}
        {i.row.original.business ? <Badge tone="warning">Business</Badge> : null}
      </span>
    ),
  }),
  c.accessor("username", {
    header: "Subscriber",
    cell: (i) => (
      <Link href={`/noc/subscribers/${i.row.original.subscriberId}`} className="mono">
        {i.getValue()}
      </Link>
    ),
  }),
]);

const withPlanColumns = [
  ...baseColumns,
  ...defineColumns<AffectedRow>((c) => [c.accessor("planName", { header: "Plan", meta: { hideOnMobile: true } })]),
];

export function AffectedSubscribers({
  result,
  list,
  showPlan = false,
  emptyTitle,
}: {
  /** The page of rows from the list procedure (incidents.impact, maintenance.affected). */
  result: { data?: { rows: AffectedRow[]; total: number }; isFetching: boolean; error: unknown };
  list: ReturnType<typeof useListQuery>;
  showPlan?: boolean;
  emptyTitle: string;
}) {
  return (
    <Card title="Affected subscribers (business customers first)">
      <DataTable
        caption="Affected subscribers"
        columns={showPlan ? withPlanColumns : baseColumns}
        rows={result.data?.rows}
        total={result.data?.total}
        loading={result.isFetching}
        error={result.error}
        query={list.query}
        onQueryChange={list.onQueryChange}
        searchPlaceholder="Customer or username…"
        empty={<EmptyState title={emptyTitle} />}
      />
    </Card>
  );
}
