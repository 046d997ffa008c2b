"use client";
// The dunning queue (overdue subscriptions, the step each has reached and what comes next, the
// history of a case), today's pass on demand, and the policy.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { useConfirm } from "@/components/confirm";
import { DataTable, defineColumns, useListQuery } from "@/components/data-table";
import { useToast } from "@/components/toast";
import { useTRPC } from "@/components/trpc";
import { Badge, Button, Card, DateTime, Money, PageHeader, Stat, StatusBadge } from "@/components/ui";
import { day } from "../format";
import { ACTION_LABELS, PolicyEditor } from "./policy-editor";

type Action = { id: string; day: number; action: string; outcome: string; detail: string | null; executedAt: Date };
type Row = {
  id: string;
  status: string;
  subscriberId: string;
  customerId: string;
  customerName: string;
  customerNumber: string;
  username: string;
  subscriberStatus: string | null;
  overdueSince: Date;
  overdueMinor: number;
  daysOverdue: number | null;
  suspended: boolean;
  disconnected: boolean;
  openedAt: Date;
  resolvedAt: Date | null;
  stage: { day: number; action: string; outcome: string } | null;
  nextStep: { day: number; action: string; on: Date } | null;
  actions: Action[];
};

const OUTCOME_TONE: Record<string, "success" | "warning" | "danger" | "neutral" | "info"> = {
  sent: "info",
  suspended: "warning",
  disconnected: "danger",
  restored: "success",
  skipped: "neutral",
  failed: "danger",
};

const columns = defineColumns<Row>((c) => [
  c.accessor("customerName", {
    header: "Customer",
    cell: (i) => (
      <span>
        {i.getValue()} <span className="small muted mono">{i.row.original.customerNumber}</span>
      </span>
    ),
  }),
  c.accessor("username", {
    header: "Subscriber",
    cell: (i) => (
      <span className="row">
        <Link href={`/noc/subscribers/${i.row.original.subscriberId}`} onClick={(e) => e.stopPropagation()}>
          {i.getValue()}
        </Link>
        {i.row.original.subscriberStatus ? <StatusBadge status={i.row.original.subscriberStatus} /> : null}
      </span>
    ),
  }),
  c.accessor("overdueMinor", {
    header: "Overdue",
    enableSorting: true,
    meta: { align: "right" },
    cell: (i) => <Money amount={i.getValue()} />,
  }),
  c.accessor("overdueSince", { header: "Due since", enableSorting: true, cell: (i) => day(i.getValue()) }),
  c.accessor("daysOverdue", {
    header: "Days overdue",
    meta: { align: "right" },
    cell: (i) => (i.getValue() === null ? "—" : i.getValue()),
  }),
  c.accessor("stage", {
    header: "Stage",
    cell: (i) => {
      const s = i.getValue();
      return s ? `${ACTION_LABELS[s.action] ?? s.action} (day ${s.day})` : <span className="muted">None yet</span>;
    },
  }),
  c.accessor("nextStep", {
    header: "Next action",
    cell: (i) => {
      const n = i.getValue();
      return n ? (
        <span>
          {ACTION_LABELS[n.action] ?? n.action}{" "}
          <span className="small muted">
            day {n.day}, {day(n.on)}
          </span>
        </span>
      ) : (
        <span className="muted">—</span>
      );
    },
  }),
  c.accessor("status", { header: "Case", cell: (i) => <StatusBadge status={i.getValue()} /> }),
]);

function CaseHistory({ row, onClose }: { row: Row; onClose: () => void }) {
  const history = [...row.actions].sort((a, b) => new Date(a.executedAt).getTime() - new Date(b.executedAt).getTime());
  return (
    <Card
      title={`History: ${row.customerName} (${row.username})`}
      actions={
        <Button size="sm" variant="ghost" onClick={onClose}>
          Close
        </Button>
      }
      data-testid="case-history"
    >
      <p className="small muted">
        Opened <DateTime value={row.openedAt} />, overdue since {day(row.overdueSince)}
        {row.resolvedAt ? (
          <>
            , resolved <DateTime value={row.resolvedAt} />
          </>
        ) : null}
        .
      </p>
      {history.length === 0 ? (
        <p className="muted">No step has run yet.</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th>When</th>
              <th>Step</th>
              <th>Action</th>
              <th>Outcome</th>
              <th>Detail</th>
            </tr>
          </thead>
          <tbody>
            {history.map((a) => (
              <tr key={a.id}>
                <td>
                  <DateTime value={a.executedAt} />
                </td>
                <td>{a.day >= 0 ? `Day ${a.day}` : "Payment"}</td>
                <td>{ACTION_LABELS[a.action] ?? a.action}</td>
                <td>
                  <Badge tone={OUTCOME_TONE[a.outcome] ?? "neutral"}>{a.outcome}</Badge>
                </td>
                <td className="small muted">{a.detail}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Card>
  );
}

export function DunningPage({ canManage }: { canManage: boolean }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const toast = useToast();
  const confirm = useConfirm();
  const list = useListQuery();
  const cases = useQuery(trpc.dunning.cases.queryOptions(list.query, { placeholderData: keepPreviousData }));
  const summary = useQuery(trpc.dunning.summary.queryOptions());
  const [openId, setOpenId] = useState<string | null>(null);
  const runNow = useMutation(
    trpc.dunning.runNow.mutationOptions({
      onSuccess: (s) => {
        toast.success(
          `Dunning ran for ${s.today}: ${s.overdue} overdue, ${s.opened} new case(s), ${s.actions} action(s)${s.failed ? `, ${s.failed} failed` : ""}, ${s.resolved} resolved`,
        );
        void qc.invalidateQueries({ queryKey: trpc.dunning.pathKey() });
      },
      onError: (e) => toast.error(e),
    }),
  );
  const rows = cases.data?.rows as Row[] | undefined;
  const open = rows?.find((r) => r.id === openId);
  return (
    <div className="stack">
      <PageHeader
        title="Dunning"
        description="Overdue accounts and the steps of the policy they have reached. The pass runs by itself every morning."
        breadcrumbs={[{ label: "Billing", href: "/billing" }, { label: "Dunning" }]}
        actions={
          canManage ? (
            <Button
              variant="primary"
              loading={runNow.isPending}
              onClick={async () => {
                if (
                  await confirm({
                    title: "Run today's dunning pass now?",
                    body: "Every step that is due runs now: reminders are sent, and services may be suspended or disconnected.",
                    confirmLabel: "Run dunning",
                  })
                )
                  runNow.mutate();
              }}
            >
              Run dunning now
            </Button>
          ) : null
        }
      />
      {summary.data ? (
        <div className="grid-4">
          <Stat label="Open cases" value={<span data-testid="open-cases">{summary.data.openCases}</span>} />
          <Stat label="Overdue" value={<Money amount={summary.data.overdueMinor} />} />
          <Stat
            label="Suspended"
            value={summary.data.suspended}
            tone={summary.data.suspended ? "warning" : undefined}
          />
          <Stat
            label="Disconnected"
            value={summary.data.disconnected}
            tone={summary.data.disconnected ? "danger" : undefined}
          />
        </div>
      ) : null}
      <DataTable
        caption="Dunning queue"
        columns={columns}
        rows={rows}
        total={cases.data?.total}
        loading={cases.isFetching}
        error={cases.error}
        query={list.query}
        onQueryChange={list.onQueryChange}
        searchPlaceholder="Customer, number, email or username…"
        onRowClick={(r) => setOpenId(r.id === openId ? null : r.id)}
        filters={[
          {
            id: "status",
            label: "Cases",
            allLabel: "Open",
            options: [
              { value: "RESOLVED", label: "Resolved" },
              { value: "ALL", label: "All" },
            ],
          },
        ]}
        empty={list.query.search ? undefined : "No overdue accounts: nothing to chase."}
      />
      {open ? <CaseHistory row={open} onClose={() => setOpenId(null)} /> : null}
      <PolicyEditor canManage={canManage} />
    </div>
  );
}
