"use client";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { DataTable, defineColumns, useListQuery } from "@/components/data-table";
import { useToast } from "@/components/toast";
import { useTRPC } from "@/components/trpc";
import { Badge, Button, DateTime, EmptyState, humanize, PageHeader, StatusBadge } from "@/components/ui";
import { ALARM_SEVERITIES, ALARM_STATES } from "@/server/modules/alarms/schemas";

type Row = {
  id: string;
  alarmedObjectType: string;
  alarmedObjectName: string;
  specificProblem: string;
  probableCause: string;
  perceivedSeverity: string;
  state: string;
  flapping: boolean;
  incidentId: string | null;
  raisedAt: Date;
  clearedAt: Date | null;
  acknowledgedAt: Date | null;
  acknowledgedBy: string | null;
};

function columnsFor(ack: ((id: string) => void) | null) {
  return defineColumns<Row>((c) => [
    c.accessor("alarmedObjectName", {
      header: "Object",
      enableSorting: true,
      cell: (i) => (
        <span>
          <span className="muted small">{humanize(i.row.original.alarmedObjectType)}</span>{" "}
          <span className="mono">{i.getValue()}</span>
        </span>
      ),
    }),
    c.accessor("specificProblem", {
      header: "Problem",
      cell: (i) => (
        <span className="row">
          {humanize(i.getValue())}
          {i.row.original.flapping ? <Badge tone="warning">Flapping</Badge> : null}
        </span>
      ),
    }),
    c.accessor("perceivedSeverity", {
      header: "Severity",
      enableSorting: true,
      cell: (i) => <StatusBadge status={i.getValue()} />,
    }),
    c.accessor("state", { header: "State", enableSorting: true, cell: (i) => <StatusBadge status={i.getValue()} /> }),
    c.accessor("incidentId", {
      header: "Incident",
      meta: { hideOnMobile: true },
      cell: (i) =>
        i.getValue() ? (
          <Link href={`/noc/incidents/${i.getValue()}`}>Open incident</Link>
        ) : (
          <span className="muted">—</span>
        ),
    }),
    c.accessor("raisedAt", {
      header: "Raised",
      enableSorting: true,
      cell: (i) => <DateTime value={i.getValue()} mode="relative" />,
    }),
    c.accessor("acknowledgedAt", {
      header: "Acknowledged",
      meta: { hideOnMobile: true },
      cell: (i) =>
        i.getValue() ? (
          <span className="small">
            <DateTime value={i.getValue()} mode="relative" /> by {i.row.original.acknowledgedBy}
          </span>
        ) : ack && i.row.original.state === "RAISED" ? (
          <Button size="sm" variant="ghost" onClick={() => ack(i.row.original.id)}>
            Acknowledge
          </Button>
        ) : (
          <span className="muted">—</span>
        ),
    }),
  ]);
}

const readOnlyColumns = columnsFor(null);

export function AlarmsPage({ canManage }: { canManage: boolean }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const toast = useToast();
  const list = useListQuery({ sort: { id: "raisedAt", desc: true }, filters: { state: "RAISED" } });
  const q = useQuery(
    trpc.alarms.list.queryOptions(list.query, { placeholderData: keepPreviousData, refetchInterval: 5000 }),
  );
  const acknowledge = useMutation(
    trpc.alarms.acknowledge.mutationOptions({
      onSuccess: () => {
        toast.success("Alarm acknowledged");
        qc.invalidateQueries({ queryKey: trpc.alarms.pathKey() });
      },
      onError: toast.error,
    }),
  );
  return (
    <div className="stack">
      <PageHeader
        title="Alarms"
        description="Raised and cleared alarms from the OLT system (loss of signal, dying gasp) and other sources. Alarms behind a common element become an incident; a flapping ONU is kept out of correlation."
      />
      <DataTable
        caption="Alarms"
        columns={canManage ? columnsFor((id) => acknowledge.mutate({ id })) : readOnlyColumns}
        rows={q.data?.rows as Row[] | undefined}
        total={q.data?.total}
        loading={q.isFetching}
        error={q.error}
        query={list.query}
        onQueryChange={list.onQueryChange}
        searchPlaceholder="Serial or problem…"
        filters={[
          { id: "state", label: "State", options: ALARM_STATES.map((s) => ({ value: s, label: humanize(s) })) },
          {
            id: "severity",
            label: "Severity",
            options: ALARM_SEVERITIES.map((s) => ({ value: s, label: humanize(s) })),
          },
        ]}
        empty={<EmptyState title="No alarms" description="Nothing in the network is raising an alarm right now." />}
      />
    </div>
  );
}
