"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { DataTable, defineColumns, useListQuery } from "@/components/data-table";
import { useTRPC } from "@/components/trpc";
import { Button, DateTime, EmptyState, humanize, PageHeader, Stat } from "@/components/ui";
import { IN_FLIGHT, JOB_STATUSES, JOB_TYPES, JobStatusBadge, progressOf } from "./format";

type Row = {
  id: string;
  title: string;
  status: string;
  subscriberId: string | null;
  subscriberUsername: string | null;
  attempt: number;
  failedStep: string | null;
  error: string | null;
  alert: boolean;
  createdAt: Date;
  finishedAt: Date | null;
  steps: Array<{ name: string; title: string; status: string }>;
};

const columns = defineColumns<Row>((c) => [
  c.accessor("title", {
    header: "Workflow",
    cell: (i) => (
      <span>
        {i.getValue()} <span className="muted mono small">{i.row.original.id.slice(-8)}</span>
      </span>
    ),
  }),
  c.accessor("subscriberUsername", {
    header: "Subscriber",
    cell: (i) =>
      i.row.original.subscriberId ? (
        <Link href={`/noc/subscribers/${i.row.original.subscriberId}`} className="mono">
          {i.getValue() ?? i.row.original.subscriberId.slice(0, 8)}
        </Link>
      ) : (
        <span className="muted">—</span>
      ),
  }),
  c.accessor("status", {
    header: "Status",
    enableSorting: true,
    cell: (i) => (
      <span className="row">
        <JobStatusBadge status={i.getValue()} />
        {i.row.original.alert ? <span className="text-danger small">needs attention</span> : null}
      </span>
    ),
  }),
  c.accessor((r) => r, {
    id: "progress",
    header: "Progress",
    cell: (i) => {
      const r = i.row.original;
      const { done, total } = progressOf(r.steps);
      const failed = r.failedStep ? r.steps.find((s) => s.name === r.failedStep) : null;
      return (
        <span className="small">
          {done} of {total} steps
          {failed ? <span className="text-danger"> · failed at {failed.title}</span> : null}
        </span>
      );
    },
  }),
  c.accessor("attempt", { header: "Attempt", meta: { align: "right", hideOnMobile: true } }),
  c.accessor("createdAt", {
    header: "Started",
    enableSorting: true,
    cell: (i) => <DateTime value={i.getValue()} mode="relative" />,
  }),
  c.accessor("finishedAt", {
    header: "Finished",
    enableSorting: true,
    meta: { hideOnMobile: true },
    cell: (i) => (i.getValue() ? <DateTime value={i.getValue()} mode="relative" /> : <span className="muted">—</span>),
  }),
]);

const STAT_STATUSES = ["COMPLETED", "ROLLED_BACK", "ROLLBACK_FAILED", "CANCELLED"] as const;

export function JobsPage() {
  const trpc = useTRPC();
  const list = useListQuery({ sort: { id: "createdAt", desc: true } });
  const subscriberId = list.query.filters?.subscriberId;
  const q = useQuery(
    trpc.orchestration.jobs.list.queryOptions(list.query, {
      placeholderData: keepPreviousData,
      refetchInterval: (query) => ((query.state.data?.rows ?? []).some((r) => IN_FLIGHT.has(r.status)) ? 2000 : false),
    }),
  );
  const stats = useQuery({ ...trpc.orchestration.jobs.stats.queryOptions(), refetchInterval: 5000 });
  const subscriber = useQuery({
    ...trpc.subscribers.get.queryOptions({ id: subscriberId ?? "" }),
    enabled: Boolean(subscriberId),
  });
  const byStatus = stats.data?.byStatus ?? {};
  const withoutSubscriber = () => {
    const { subscriberId: _drop, ...rest } = list.query.filters ?? {};
    list.onQueryChange({ ...list.query, page: 1, filters: Object.keys(rest).length ? rest : undefined });
  };
  return (
    <div className="stack">
      <PageHeader
        title="Provisioning jobs"
        description="Every multi-system workflow (provisioning, suspension, plan change, teardown) with each step's progress. A failed job has been rolled back and can be retried."
      />
      <div className="grid-4">
        <Stat
          label="In flight"
          value={(byStatus.PENDING ?? 0) + (byStatus.RUNNING ?? 0) + (byStatus.ROLLING_BACK ?? 0)}
        />
        {STAT_STATUSES.map((s) => (
          <Stat
            key={s}
            label={humanize(s)}
            value={byStatus[s] ?? 0}
            tone={s === "ROLLBACK_FAILED" && byStatus[s] ? "danger" : undefined}
            href={`/noc/jobs?f.status=${s}`}
          />
        ))}
      </div>
      {subscriberId ? (
        <p className="row">
          <span>
            Workflows of subscriber{" "}
            <Link href={`/noc/subscribers/${subscriberId}`} className="mono">
              {subscriber.data?.username ?? subscriberId}
            </Link>
          </span>
          <Button size="sm" variant="ghost" onClick={withoutSubscriber}>
            Show all subscribers
          </Button>
        </p>
      ) : null}
      <DataTable
        caption="Provisioning jobs"
        columns={columns}
        rows={q.data?.rows as Row[] | undefined}
        total={q.data?.total}
        loading={q.isFetching}
        error={q.error}
        query={list.query}
        onQueryChange={list.onQueryChange}
        searchPlaceholder="Subscriber, workflow or error…"
        rowHref={(r) => `/noc/jobs/${r.id}`}
        filters={[
          { id: "status", label: "Status", options: JOB_STATUSES.map((s) => ({ value: s, label: humanize(s) })) },
          { id: "type", label: "Workflow", options: JOB_TYPES },
        ]}
        empty={
          <EmptyState
            title="No workflows yet"
            description="Provisioning a subscriber (from its page, or from a completed install) starts one."
          />
        }
      />
    </div>
  );
}
