"use client";
// The dispatcher's page: the board (each technician's day or week; drag or "Move…" to assign
// and reschedule), the day's routes on a map, the same orders as a searchable list, and the
// technicians: who is on the board, their skills and zones (whom the slot search offers) and base.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { DataTable, defineColumns } from "@/components/data-table";
import { useLocalList } from "@/components/local-list";
import { useToast } from "@/components/toast";
import { errorMessage, useTRPC } from "@/components/trpc";
import { Alert, Button, DateTime, Field, Input, PageHeader, StatusBadge, Tabs } from "@/components/ui";
import { type BoardOrder, type BoardView, boardDays, DispatchBoard, isoDay, MoveForm, type Target } from "./board";
import { DayRoutes } from "./day-routes";
import { Technicians } from "./technicians";

const DAY_MS = 86_400_000;
const orderText = (o: BoardOrder) => `WO-${o.number} ${o.title} ${o.addressText ?? ""} ${o.type}`;

export function DispatchPage() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const toast = useToast();
  const [view, setView] = useState<BoardView>("day");
  const [day, setDay] = useState(isoDay(new Date()));
  const [moving, setMoving] = useState<BoardOrder | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const days = boardDays(view, day);
  const from = days[0] as Date;
  const to = new Date((days.at(-1) as Date).getTime() + DAY_MS);
  const techs = useQuery(trpc.workorders.technicians.queryOptions());
  const open = useQuery(trpc.workorders.list.queryOptions({ status: ["NEW", "FAILED"] }));
  const shown = useQuery(trpc.workorders.list.queryOptions({ from, to }));
  const waiting = (open.data ?? []).filter((o) => !o.assigneeId || !o.windowStart);
  const rows = [...waiting, ...(shown.data ?? [])].filter((o, i, all) => all.findIndex((x) => x.id === o.id) === i);
  const list = useLocalList(shown.data || open.data ? rows : undefined, orderText);
  const name = (id: string | null) => (id ? (techs.data?.find((t) => t.id === id)?.name ?? "—") : "Unassigned");

  const assign = useMutation(
    trpc.workorders.assign.mutationOptions({
      onSuccess: async (order) => {
        await qc.invalidateQueries({ queryKey: trpc.workorders.pathKey() });
        toast.success(`WO-${order.number} moved`);
        setMoving(null);
        setError(null);
      },
      onError: (e) => setError(errorMessage(e)),
    }),
  );
  const move = (order: BoardOrder, to: Target) =>
    assign.mutate({ workOrderId: order.id, assigneeId: to.technicianId, windowStart: to.start, windowEnd: to.end });
  const step = (n: number) => setDay(isoDay(new Date(new Date(`${day}T00:00:00Z`).getTime() + n * DAY_MS)));

  const columns = defineColumns<BoardOrder>((c) => [
    c.accessor("number", { header: "Order", enableSorting: true, cell: (i) => `WO-${i.getValue()}` }),
    c.accessor("title", { header: "Job", enableSorting: true }),
    c.accessor("status", { header: "Status", cell: (i) => <StatusBadge status={i.getValue()} /> }),
    c.accessor("assigneeId", { header: "Technician", cell: (i) => name(i.getValue()) }),
    c.accessor("windowStart", {
      header: "Window",
      meta: { hideOnMobile: true },
      cell: (i) =>
        i.getValue() ? (
          <>
            <DateTime value={i.getValue() as Date} /> –{" "}
            <DateTime value={i.row.original.windowEnd as Date} mode="time" />
          </>
        ) : (
          "Not scheduled"
        ),
    }),
  ]);

  return (
    <div className="stack">
      <PageHeader
        title="Dispatch"
        description="Each technician's day or week: drag an order onto a slot, or use its Move button."
      />
      <div className="row" style={{ alignItems: "flex-end", flexWrap: "wrap" }}>
        <Tabs
          label="Board view"
          value={view}
          onChange={(v) => setView(v as BoardView)}
          items={[
            { id: "day", label: "Day" },
            { id: "week", label: "Week" },
          ]}
        />
        <Button size="sm" onClick={() => step(view === "day" ? -1 : -7)}>
          {view === "day" ? "Previous day" : "Previous week"}
        </Button>
        <Field label="Day">
          <Input type="date" value={day} onChange={(e) => e.target.value && setDay(e.target.value)} />
        </Field>
        <Button size="sm" onClick={() => step(view === "day" ? 1 : 7)}>
          {view === "day" ? "Next day" : "Next week"}
        </Button>
      </div>
      {error && !moving ? <Alert tone="danger">{error}</Alert> : null}
      {techs.error ? <Alert tone="danger">{errorMessage(techs.error)}</Alert> : null}
      <DispatchBoard
        view={view}
        day={day}
        technicians={techs.data ?? []}
        orders={shown.data ?? []}
        waiting={waiting}
        selectedId={selected}
        onMove={move}
        onPick={(o) => {
          setError(null);
          setMoving(o);
        }}
      />
      {moving ? (
        <MoveForm
          key={moving.id}
          order={moving}
          day={day}
          technicians={techs.data ?? []}
          pending={assign.isPending}
          error={error}
          onMove={(to) => move(moving, to)}
          onCancel={() => {
            setMoving(null);
            setError(null);
          }}
        />
      ) : null}
      <DayRoutes
        day={day}
        technicians={techs.data ?? []}
        orders={shown.data ?? []}
        selectedId={selected}
        onSelect={(id) => {
          setSelected(id);
          const order = shown.data?.find((o) => o.id === id);
          document
            .querySelector(`[data-testid="board-order-${order?.number}"]`)
            ?.scrollIntoView({ block: "nearest", behavior: "smooth" });
        }}
      />
      <DataTable
        caption="Work orders on the board"
        columns={columns}
        rows={list.rows}
        total={list.total}
        loading={open.isFetching || shown.isFetching}
        error={open.error ?? shown.error}
        query={list.query}
        onQueryChange={list.onQueryChange}
        searchPlaceholder="Search order, job or address…"
        onRowClick={(o) => (["NEW", "SCHEDULED"].includes(o.status) ? setMoving(o) : undefined)}
        empty="Nothing to dispatch in these days."
      />
      <Technicians technicians={techs.data ?? []} />
    </div>
  );
}
