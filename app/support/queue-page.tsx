"use client";
// The support queue: views (open, mine, unassigned, breaching soon, pending, resolved,
// closed, all), team and status filters, full-text search, the SLA clock of every ticket,
// bulk assign/close, and keyboard navigation (j/k move, Enter opens, x selects, / searches).
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useConfirm } from "@/components/confirm";
import { DataTable, defineColumns, useListQuery } from "@/components/data-table";
import { PriorityBadge, SlaClock, type SlaView, TicketStatusBadge } from "@/components/support-format";
import { useToast } from "@/components/toast";
import { useTRPC } from "@/components/trpc";
import { Button, ButtonLink, DateTime, PageHeader, Select, Tabs } from "@/components/ui";
import {
  TICKET_STATUS_LABELS,
  TICKET_STATUSES,
  TICKET_TYPE_LABELS,
  type TicketView,
} from "@/server/modules/tickets/schemas";

type Row = {
  id: string;
  reference: string;
  subject: string;
  status: string;
  priority: string;
  type: string;
  team: string;
  assigneeName: string | null;
  requesterName: string | null;
  createdAt: Date;
  updatedAt: Date;
  sla: SlaView;
};

const VIEWS: Array<{ id: TicketView; label: string }> = [
  { id: "open", label: "Open" },
  { id: "mine", label: "Mine" },
  { id: "unassigned", label: "Unassigned" },
  { id: "breaching", label: "Breaching soon" },
  { id: "pending", label: "Pending" },
  { id: "resolved", label: "Resolved" },
  { id: "closed", label: "Closed" },
  { id: "all", label: "All" },
];

export function QueuePage({ userId, canWrite }: { userId: string; canWrite: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const toast = useToast();
  const confirm = useConfirm();
  const queryClient = useQueryClient();
  const list = useListQuery({ filters: { view: "open" } });
  const f = list.query.filters ?? {};
  const view = (VIEWS.some((v) => v.id === f.view) ? f.view : "open") as TicketView;
  const input = {
    ...list.query,
    filters: undefined,
    view,
    team: f.team || undefined,
    status: (TICKET_STATUSES as readonly string[]).includes(f.status ?? "")
      ? (f.status as (typeof TICKET_STATUSES)[number])
      : undefined,
  };
  const q = useQuery(trpc.tickets.list.queryOptions(input, { placeholderData: keepPreviousData }));
  const teams = useQuery(trpc.tickets.teams.queryOptions());
  const agents = useQuery(trpc.tickets.agents.queryOptions());
  const policy = useQuery(trpc.tickets.slaPolicy.queryOptions());
  const rows = q.data?.rows as Row[] | undefined;

  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [assignTo, setAssignTo] = useState("");
  const [cursor, setCursor] = useState(-1);
  const tableRef = useRef<HTMLDivElement>(null);
  // A new page or view clears the selection and the keyboard cursor.
  const pageKey = JSON.stringify(input);
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset when the listed page changes
  useEffect(() => {
    setSelected(new Set());
    setCursor(-1);
  }, [pageKey]);

  const toggle = useCallback(
    (id: string) =>
      setSelected((s) => {
        const next = new Set(s);
        if (next.has(id)) next.delete(id);
        else next.add(id);
        return next;
      }),
    [],
  );

  const bulk = useMutation(
    trpc.tickets.bulk.mutationOptions({
      onSuccess: (r) => {
        if (r.failed.length) toast.error(`${r.changed} changed; ${r.failed.length} refused: ${r.failed[0]?.error}`);
        else toast.success(`${r.changed} ticket${r.changed === 1 ? "" : "s"} updated`);
        setSelected(new Set());
        queryClient.invalidateQueries({ queryKey: trpc.tickets.pathKey() });
      },
      onError: toast.error,
    }),
  );

  // Keyboard: j/k move, Enter (on the focused link) or o opens, x selects, / focuses search.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement;
      if (target.closest("input,textarea,select,[contenteditable=true]") || e.metaKey || e.ctrlKey) return;
      const count = rows?.length ?? 0;
      const links = tableRef.current?.querySelectorAll<HTMLAnchorElement>("tbody .row-link") ?? [];
      if (e.key === "/") {
        e.preventDefault();
        tableRef.current?.querySelector<HTMLInputElement>("input[type=search]")?.focus();
      } else if ((e.key === "j" || e.key === "k") && count > 0) {
        e.preventDefault();
        const next = e.key === "j" ? Math.min(count - 1, cursor + 1) : Math.max(0, cursor - 1);
        setCursor(next);
        links[next]?.focus();
      } else if (e.key === "x" && rows?.[cursor] && canWrite) {
        toggle(rows[cursor].id);
      } else if (e.key === "o" && rows?.[cursor]) {
        router.push(`/support/tickets/${rows[cursor].id}`);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [rows, cursor, router, canWrite, toggle]);

  const columns = useMemo(
    () =>
      defineColumns<Row>((c) => [
        ...(canWrite
          ? [
              c.display({
                id: "select",
                header: () => <span className="sr-only">Select</span>,
                cell: (i) => (
                  <input
                    type="checkbox"
                    aria-label={`Select ${i.row.original.reference}`}
                    checked={selected.has(i.row.original.id)}
                    onChange={() => toggle(i.row.original.id)}
                  />
                ),
              }),
            ]
          : []),
        c.accessor("reference", {
          id: "number",
          header: "Ticket",
          enableSorting: true,
          cell: (i) => (
            <Link href={`/support/tickets/${i.row.original.id}`} className="row-link mono">
              {i.getValue()}
            </Link>
          ),
        }),
        c.accessor("subject", {
          header: "Subject",
          cell: (i) => (
            <span>
              {i.getValue()}
              <span className="muted small">
                {" "}
                · {TICKET_TYPE_LABELS[i.row.original.type as keyof typeof TICKET_TYPE_LABELS]}
              </span>
            </span>
          ),
        }),
        c.accessor("requesterName", { header: "Customer", meta: { hideOnMobile: true } }),
        c.accessor("priority", {
          header: "Priority",
          enableSorting: true,
          cell: (i) => <PriorityBadge priority={i.getValue()} />,
        }),
        c.accessor("status", {
          header: "Status",
          enableSorting: true,
          cell: (i) => <TicketStatusBadge status={i.getValue()} />,
        }),
        c.accessor("sla", {
          id: "due",
          header: "SLA",
          enableSorting: true,
          cell: (i) => <SlaClock sla={i.getValue()} warnBeforeMin={policy.data?.warnBeforeMin} />,
        }),
        c.accessor("assigneeName", {
          header: "Assignee",
          meta: { hideOnMobile: true },
          cell: (i) => i.getValue() ?? <span className="muted">Unassigned</span>,
        }),
        c.accessor("team", { header: "Team", meta: { hideOnMobile: true } }),
        c.accessor("updatedAt", {
          header: "Updated",
          enableSorting: true,
          meta: { hideOnMobile: true },
          cell: (i) => <DateTime value={i.getValue()} mode="relative" />,
        }),
      ]),
    [canWrite, selected, policy.data?.warnBeforeMin, toggle],
  );

  const ids = [...selected];
  return (
    <div className="stack">
      <PageHeader
        title="Support queue"
        description={
          <>
            Tickets with their SLA clocks. Keys: <kbd className="kbd">j</kbd>/<kbd className="kbd">k</kbd> move,{" "}
            <kbd className="kbd">Enter</kbd> opens, <kbd className="kbd">x</kbd> selects, <kbd className="kbd">/</kbd>{" "}
            searches.
          </>
        }
        actions={
          canWrite ? (
            <ButtonLink href="/support/tickets/new" variant="primary">
              New ticket
            </ButtonLink>
          ) : null
        }
      />
      <Tabs label="Views" items={VIEWS} value={view} onChange={(id) => list.setFilter("view", id)} />
      {canWrite && ids.length > 0 ? (
        <div className="row card card-body" aria-live="polite">
          <strong>{ids.length} selected</strong>
          <Select
            aria-label="Assign to"
            value={assignTo}
            onChange={(e) => setAssignTo(e.target.value)}
            options={[
              { value: "", label: "Unassigned" },
              ...(agents.data ?? []).map((a) => ({ value: a.id, label: a.id === userId ? `${a.name} (me)` : a.name })),
            ]}
          />
          <Button
            loading={bulk.isPending && bulk.variables?.action === "assign"}
            onClick={() => bulk.mutate({ ticketIds: ids, action: "assign", assigneeId: assignTo || null })}
          >
            Assign
          </Button>
          <Button
            variant="danger"
            loading={bulk.isPending && bulk.variables?.action === "close"}
            onClick={async () => {
              if (
                await confirm({
                  title: `Close ${ids.length} ticket${ids.length === 1 ? "" : "s"}?`,
                  body: "Customers are told their ticket is closed. A reply within the reopen window opens it again.",
                  confirmLabel: "Close tickets",
                  danger: true,
                })
              )
                bulk.mutate({ ticketIds: ids, action: "close" });
            }}
          >
            Close
          </Button>
          <Button variant="ghost" onClick={() => setSelected(new Set())}>
            Clear selection
          </Button>
        </div>
      ) : null}
      <div ref={tableRef}>
        <DataTable
          caption="Tickets"
          columns={columns}
          rows={rows}
          total={q.data?.total}
          approximateTotal={q.data?.approximate}
          loading={q.isFetching}
          error={q.error}
          query={list.query}
          onQueryChange={list.onQueryChange}
          searchPlaceholder="Search subject, messages or T-number…"
          onRowClick={(r) => router.push(`/support/tickets/${r.id}`)}
          filters={[
            {
              id: "status",
              label: "Status",
              options: TICKET_STATUSES.map((s) => ({ value: s, label: TICKET_STATUS_LABELS[s] })),
            },
            { id: "team", label: "Team", options: (teams.data ?? []).map((t) => ({ value: t, label: t })) },
          ]}
          empty={
            <div className="empty-state">
              <p className="empty-state-title">No tickets in this view</p>
              <p className="muted">New tickets from the portal, email and phone appear here.</p>
            </div>
          }
        />
      </div>
    </div>
  );
}
