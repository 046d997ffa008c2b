"use client";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { useConfirm } from "@/components/confirm";
import { DataTable, defineColumns, useListQuery } from "@/components/data-table";
import { useToast } from "@/components/toast";
import { errorMessage, fieldErrors, useTRPC } from "@/components/trpc";
import {
  Alert,
  Button,
  Card,
  DateTime,
  DescriptionList,
  EmptyState,
  Field,
  FormActions,
  humanize,
  PageHeader,
  Spinner,
  StatusBadge,
  Textarea,
} from "@/components/ui";
import { AffectedSubscribers } from "../../affected-subscribers";

type AlarmRow = {
  id: string;
  alarmedObjectName: string;
  specificProblem: string;
  perceivedSeverity: string;
  state: string;
  raisedAt: Date;
  clearedAt: Date | null;
};

const alarmColumns = defineColumns<AlarmRow>((c) => [
  c.accessor("alarmedObjectName", { header: "ONU", cell: (i) => <span className="mono">{i.getValue()}</span> }),
  c.accessor("specificProblem", { header: "Problem", cell: (i) => humanize(i.getValue()) }),
  c.accessor("state", { header: "State", cell: (i) => <StatusBadge status={i.getValue()} /> }),
  c.accessor("raisedAt", { header: "Raised", cell: (i) => <DateTime value={i.getValue()} mode="relative" /> }),
  c.accessor("clearedAt", {
    header: "Cleared",
    meta: { hideOnMobile: true },
    cell: (i) => (i.getValue() ? <DateTime value={i.getValue()} mode="relative" /> : <span className="muted">—</span>),
  }),
]);

function NoticeLink({ jobId }: { jobId: string | null }) {
  return jobId ? (
    <Link href={`/noc/notifications/bulk/${jobId}`}>Sent: see its deliveries</Link>
  ) : (
    <span className="muted">Not sent</span>
  );
}

export function IncidentDetail({ id, canManage }: { id: string; canManage: boolean }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const toast = useToast();
  const confirm = useConfirm();
  const [note, setNote] = useState("");
  const [resolving, setResolving] = useState(false);
  const incident = useQuery({
    ...trpc.incidents.get.queryOptions({ id }),
    refetchInterval: (q) => (q.state.data?.status === "RESOLVED" ? false : 5000),
  });
  const impactList = useListQuery({}, { prefix: "impact" });
  const impact = useQuery(
    trpc.incidents.impact.queryOptions({ ...impactList.query, incidentId: id }, { placeholderData: keepPreviousData }),
  );
  const alarmList = useListQuery({ sort: { id: "raisedAt", desc: true } }, { prefix: "alarms" });
  const alarmQuery = { ...alarmList.query, filters: { ...(alarmList.query.filters ?? {}), incidentId: id } };
  const alarms = useQuery(trpc.alarms.list.queryOptions(alarmQuery, { placeholderData: keepPreviousData }));
  const refresh = () => {
    qc.invalidateQueries({ queryKey: trpc.incidents.pathKey() });
    qc.invalidateQueries({ queryKey: trpc.alarms.pathKey() });
  };
  const acknowledge = useMutation(
    trpc.incidents.acknowledge.mutationOptions({
      onSuccess: () => {
        toast.success("Acknowledged: the team sees someone is on it");
        refresh();
      },
      onError: toast.error,
    }),
  );
  const resolve = useMutation(
    trpc.incidents.resolve.mutationOptions({
      onSuccess: () => {
        toast.success("Resolved; the restoration notice goes to the affected subscribers");
        setResolving(false);
        refresh();
      },
      onError: (e) => {
        if (!fieldErrors(e).note) toast.error(e);
      },
    }),
  );

  if (incident.isLoading) return <Spinner label="Loading incident" />;
  if (incident.error || !incident.data)
    return <Alert tone="danger">{errorMessage(incident.error) || "Incident not found"}</Alert>;
  const i = incident.data;
  const open = i.status !== "RESOLVED";

  return (
    <div className="stack">
      <PageHeader
        title={`INC-${i.number}: ${i.title}`}
        breadcrumbs={[{ label: "Incidents", href: "/noc/incidents" }, { label: `INC-${i.number}` }]}
        description={
          <span className="row">
            <span data-testid="incident-status">
              <StatusBadge status={i.status} />
            </span>
            <StatusBadge status={i.severity} />
            <span>
              opened <DateTime value={i.openedAt} mode="relative" />
            </span>
          </span>
        }
        actions={
          canManage && open ? (
            <div className="row">
              {i.status === "OPEN" ? (
                <Button variant="primary" loading={acknowledge.isPending} onClick={() => acknowledge.mutate({ id })}>
                  Acknowledge
                </Button>
              ) : null}
              <Button variant="ghost" onClick={() => setResolving(true)}>
                Resolve…
              </Button>
            </div>
          ) : null
        }
      />
      {i.mergedIntoId ? (
        <Alert tone="info">
          Merged into <Link href={`/noc/incidents/${i.mergedIntoId}`}>the incident on a higher element</Link>.
        </Alert>
      ) : null}
      {resolving ? (
        <Card title="Resolve by hand">
          <form
            className="stack"
            onSubmit={async (e) => {
              e.preventDefault();
              if (
                await confirm({
                  title: `Resolve INC-${i.number}?`,
                  body: "Alarms that are still raised stay raised; the affected subscribers get the restoration notice.",
                  confirmLabel: "Resolve",
                })
              )
                resolve.mutate({ id, note });
            }}
          >
            <Field label="Why is it resolved?" required error={fieldErrors(resolve.error).note}>
              <Textarea value={note} onChange={(e) => setNote(e.target.value)} rows={3} />
            </Field>
            <FormActions>
              <Button type="submit" variant="primary" loading={resolve.isPending}>
                Resolve incident
              </Button>
              <Button type="button" variant="ghost" onClick={() => setResolving(false)}>
                Cancel
              </Button>
            </FormActions>
          </form>
        </Card>
      ) : null}
      <div className="grid-2">
        <Card title="Probable root">
          <DescriptionList
            items={[
              { label: "Element", value: `${humanize(i.rootType)} ${i.rootName}` },
              { label: "Alarms", value: i.alarmCount },
              {
                label: "Affected subscribers",
                value: (
                  <span data-testid="affected-count">
                    {i.affectedCount} ({i.businessCount} business)
                  </span>
                ),
              },
              {
                label: "Support ticket",
                value: i.ticketId ? (
                  <Link href={`/support/tickets/${i.ticketId}`}>The incident's ticket</Link>
                ) : (
                  <span className="muted">—</span>
                ),
              },
              {
                label: "Repair work order",
                value: i.repairWorkOrder ? (
                  <span className="row" data-testid="repair-work-order">
                    <Link href="/noc/dispatch">WO-{i.repairWorkOrder.number} on the dispatch board</Link>
                    <StatusBadge status={i.repairWorkOrder.status} />
                  </span>
                ) : (
                  <span className="muted">—</span>
                ),
              },
              { label: "Outage notice", value: <NoticeLink jobId={i.outageNoticeJobId} /> },
              { label: "Restoration notice", value: <NoticeLink jobId={i.restorationNoticeJobId} /> },
              {
                label: "Acknowledged",
                value: i.acknowledgedAt ? (
                  <span>
                    <DateTime value={i.acknowledgedAt} mode="relative" /> by {i.acknowledgedBy}
                  </span>
                ) : (
                  <span className="muted">—</span>
                ),
              },
              {
                label: "Resolved",
                value: i.resolvedAt ? <DateTime value={i.resolvedAt} /> : <span className="muted">—</span>,
              },
            ]}
          />
        </Card>
        <Card title="Timeline">
          <ol className="stack small" aria-label="Incident timeline">
            {i.events.map((e) => (
              <li key={e.id}>
                <DateTime value={e.at} /> — {e.message} <span className="muted">({e.actor})</span>
              </li>
            ))}
          </ol>
        </Card>
      </div>
      <AffectedSubscribers
        result={impact}
        list={impactList}
        showPlan
        emptyTitle="No active subscriber behind this element"
      />
      <Card title="Alarms">
        <DataTable
          caption="Alarms of this incident"
          columns={alarmColumns}
          rows={alarms.data?.rows as AlarmRow[] | undefined}
          total={alarms.data?.total}
          loading={alarms.isFetching}
          error={alarms.error}
          query={alarmList.query}
          onQueryChange={alarmList.onQueryChange}
          searchPlaceholder="ONU serial…"
          empty={<EmptyState title="No alarms" />}
        />
      </Card>
    </div>
  );
}
