"use client";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useConfirm } from "@/components/confirm";
import { DataTable, defineColumns, useListQuery } from "@/components/data-table";
import { TicketStatusBadge } from "@/components/support-format";
import { useToast } from "@/components/toast";
import { errorMessage, useTRPC } from "@/components/trpc";
import {
  Alert,
  Button,
  Card,
  DateTime,
  DescriptionList,
  EmptyState,
  PageHeader,
  Spinner,
  StatusBadge,
} from "@/components/ui";
import { AffectedSubscribers } from "../../affected-subscribers";

const NOTICE_LABEL: Record<string, string> = { started: "When it starts", completed: "When it is over" };
const noticeLabel = (kind: string) => NOTICE_LABEL[kind] ?? `${kind.replace(/h$/, "")} hours before`;

type Action = "start" | "complete" | "cancel";
const ACTIONS: Record<Action, { label: string; done: string; body: string; danger?: boolean }> = {
  start: {
    label: "Start",
    done: "Started: the affected subscribers are told",
    body: "The affected subscribers are told the work has started.",
  },
  complete: {
    label: "Complete",
    done: "Completed: the affected subscribers are told",
    body: "The affected subscribers are told the work is over; alarms behind these elements open incidents again.",
  },
  cancel: {
    label: "Cancel window",
    done: "Cancelled",
    body: "Notices not yet sent will not go out. This cannot be undone.",
    danger: true,
  },
};

type TicketRow = { id: string; reference: string; subject: string; status: string; createdAt: Date };

const TICKET_COLUMNS = defineColumns<TicketRow>((c) => [
  c.accessor("reference", {
    header: "Ticket",
    cell: (i) => (
      <Link href={`/support/tickets/${i.row.original.id}`} className="mono">
        {i.getValue()}
      </Link>
    ),
  }),
  c.accessor("subject", { header: "Subject" }),
  c.accessor("status", { header: "Status", cell: (i) => <TicketStatusBadge status={i.getValue()} /> }),
  c.accessor("createdAt", {
    header: "Opened",
    meta: { hideOnMobile: true },
    cell: (i) => <DateTime value={i.getValue()} mode="relative" />,
  }),
]);

/** Tickets opened by affected subscribers while the window was under way. */
function WindowTickets({ windowId }: { windowId: string }) {
  const trpc = useTRPC();
  const list = useListQuery({ sort: { id: "createdAt", desc: true } }, { prefix: "tickets" });
  const tickets = useQuery(
    trpc.tickets.list.queryOptions(
      { ...list.query, view: "all", maintenanceId: windowId },
      { placeholderData: keepPreviousData },
    ),
  );
  return (
    <Card title="Tickets opened during the window">
      <DataTable
        caption="Tickets opened during the window"
        columns={TICKET_COLUMNS}
        rows={tickets.data?.rows as TicketRow[] | undefined}
        total={tickets.data?.total}
        loading={tickets.isFetching}
        error={tickets.error}
        query={list.query}
        onQueryChange={list.onQueryChange}
        searchable={false}
        empty={
          <EmptyState
            title="No tickets"
            description="Tickets affected subscribers open while the work is under way are listed here."
          />
        }
      />
    </Card>
  );
}

export function MaintenanceDetail({
  id,
  canManage,
  canReadTickets,
}: {
  id: string;
  canManage: boolean;
  canReadTickets: boolean;
}) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const toast = useToast();
  const confirm = useConfirm();
  // Notices go out on their own (every minute when due): a window still ahead or under way refreshes.
  const win = useQuery({
    ...trpc.maintenance.get.queryOptions({ id }),
    refetchInterval: (q) =>
      q.state.data && ["SCHEDULED", "IN_PROGRESS"].includes(q.state.data.status) ? 10_000 : false,
  });
  const list = useListQuery({}, { prefix: "affected" });
  const affected = useQuery(
    trpc.maintenance.affected.queryOptions({ ...list.query, windowId: id }, { placeholderData: keepPreviousData }),
  );
  const move = useMutation(
    trpc.maintenance.move.mutationOptions({
      onSuccess: (_w, v) => {
        toast.success(ACTIONS[v.action].done);
        qc.invalidateQueries({ queryKey: trpc.maintenance.pathKey() });
      },
      onError: toast.error,
    }),
  );

  const sendDue = useMutation(
    trpc.maintenance.sendDueNotices.mutationOptions({
      onSuccess: ({ sent }) => {
        if (sent) toast.success(sent === 1 ? "1 notice sent" : `${sent} notices sent`);
        else toast.info("No notice is due yet");
        qc.invalidateQueries({ queryKey: trpc.maintenance.pathKey() });
      },
      onError: toast.error,
    }),
  );

  if (win.isLoading) return <Spinner label="Loading maintenance window" />;
  if (win.error || !win.data)
    return <Alert tone="danger">{errorMessage(win.error) || "Maintenance window not found"}</Alert>;
  const w = win.data;
  const possible: Action[] =
    w.status === "SCHEDULED" ? ["start", "cancel"] : w.status === "IN_PROGRESS" ? ["complete"] : [];
  const act = async (action: Action) => {
    const a = ACTIONS[action];
    if (await confirm({ title: `${a.label}: ${w.title}?`, body: a.body, confirmLabel: a.label, danger: a.danger }))
      move.mutate({ id, action });
  };

  return (
    <div className="stack">
      <PageHeader
        title={w.title}
        breadcrumbs={[{ label: "Planned maintenance", href: "/noc/maintenance" }, { label: w.title }]}
        description={
          <span className="row">
            <span data-testid="maintenance-status">
              <StatusBadge status={w.status} />
            </span>
            <span>{w.area}</span>
          </span>
        }
        actions={
          canManage && possible.length ? (
            <div className="row">
              {possible.map((a) => (
                <Button
                  key={a}
                  variant={a === "cancel" ? "ghost" : "primary"}
                  loading={move.isPending && move.variables?.action === a}
                  onClick={() => act(a)}
                >
                  {ACTIONS[a].label}
                </Button>
              ))}
            </div>
          ) : null
        }
      />
      <div className="grid-2">
        <Card title="Window">
          <DescriptionList
            items={[
              { label: "Starts", value: <DateTime value={w.startsAt} /> },
              { label: "Ends", value: <DateTime value={w.endsAt} /> },
              { label: "Affected subscribers", value: <span data-testid="affected-count">{w.affectedCount}</span> },
              { label: "Description", value: w.description || <span className="muted">—</span> },
              { label: "Scheduled by", value: w.createdBy },
              {
                label: "Started",
                value: w.startedAt ? <DateTime value={w.startedAt} /> : <span className="muted">—</span>,
              },
              {
                label: "Completed",
                value: w.completedAt ? <DateTime value={w.completedAt} /> : <span className="muted">—</span>,
              },
            ]}
          />
        </Card>
        <Card title="Notices">
          {w.notices.length ? (
            <ul className="stack-sm" aria-label="Notices">
              {w.notices.map((n) => (
                <li key={n.id}>
                  <strong>{noticeLabel(n.kind)}</strong>:{" "}
                  {n.bulkJobId ? (
                    <Link href={`/noc/notifications/bulk/${n.bulkJobId}`}>
                      sent <DateTime value={n.sentAt ?? n.dueAt} mode="relative" />
                    </Link>
                  ) : (
                    <span className="muted">
                      due <DateTime value={n.dueAt} />
                    </span>
                  )}
                </li>
              ))}
            </ul>
          ) : (
            <EmptyState title="No notices" description="Notices are planned when the window is scheduled." />
          )}
          {canManage && w.status === "SCHEDULED" && w.notices.some((n) => !n.sentAt) ? (
            <div className="row">
              <Button loading={sendDue.isPending} onClick={() => sendDue.mutate({ id })}>
                Send due notices now
              </Button>
              <span className="muted small">They also go out by themselves within a minute of being due.</span>
            </div>
          ) : null}
        </Card>
      </div>
      <AffectedSubscribers result={affected} list={list} emptyTitle="No active subscriber behind these elements" />
      {canReadTickets && w.status !== "SCHEDULED" ? <WindowTickets windowId={id} /> : null}
    </div>
  );
}
