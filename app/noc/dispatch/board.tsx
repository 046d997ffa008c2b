"use client";
// The dispatch board: each technician's day (three half-day slots) or week (seven days), the
// orders booked in each, and the open orders waiting for a technician. An order moves by
// dragging it onto a technician's slot or day, or with its "Move…" button (the same move
// without a pointer: technician, day and window chosen from a form, the free slots of the
// technicians who can take the job offered first). A move that stays inside the window the
// customer was told sends them nothing (assignWorkOrder decides).
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/components/trpc";
import { Alert, Button, Card, DateTime, EmptyState, Field, Input, Select, StatusBadge } from "@/components/ui";
import { SLOT_HOURS } from "@/server/modules/workorders/schemas";
import styles from "./board.module.css";

export type BoardOrder = {
  id: string;
  number: number;
  type: string;
  title: string;
  status: string;
  assigneeId: string | null;
  addressText: string | null;
  latitude: number | null;
  longitude: number | null;
  windowStart: Date | null;
  windowEnd: Date | null;
};
export type BoardTechnician = { id: string; name: string };
export type BoardView = "day" | "week";
export type Target = { technicianId: string | null; start: Date; end: Date };

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
/** Orders that can still be moved (assignWorkOrder refuses the others). */
const MOVABLE = new Set(["NEW", "SCHEDULED"]);

export const isoDay = (d: Date) => d.toISOString().slice(0, 10);
const dayStart = (iso: string) => new Date(`${iso}T00:00:00Z`);
const hh = (h: number) => `${String(h).padStart(2, "0")}:00`;

/** The days the board shows: the day, or the Monday-to-Sunday week holding it. */
export function boardDays(view: BoardView, day: string): Date[] {
  const start = dayStart(day);
  if (view === "day") return [start];
  const monday = new Date(start.getTime() - ((start.getUTCDay() + 6) % 7) * DAY_MS);
  return Array.from({ length: 7 }, (_, i) => new Date(monday.getTime() + i * DAY_MS));
}

/**
 * Where an order lands when dropped on a cell: a slot keeps the order's own window when that
 * lies inside it (only the technician changes); a day keeps its hours (08–12 if it had none).
 */
function landing(order: BoardOrder, cellStart: Date, cellEnd: Date, view: BoardView, technicianId: string): Target {
  const start = order.windowStart ? new Date(order.windowStart) : null;
  const end = order.windowEnd ? new Date(order.windowEnd) : null;
  if (view === "day") {
    if (start && end && start >= cellStart && end <= cellEnd) return { technicianId, start, end };
    return { technicianId, start: cellStart, end: cellEnd };
  }
  if (start && end) {
    const offset = start.getTime() - dayStart(isoDay(start)).getTime();
    const moved = new Date(cellStart.getTime() + offset);
    return { technicianId, start: moved, end: new Date(moved.getTime() + (end.getTime() - start.getTime())) };
  }
  return {
    technicianId,
    start: new Date(cellStart.getTime() + 8 * HOUR_MS),
    end: new Date(cellStart.getTime() + 12 * HOUR_MS),
  };
}

export function DispatchBoard({
  view,
  day,
  technicians,
  orders,
  waiting,
  onMove,
  onPick,
  selectedId,
}: {
  view: BoardView;
  day: string;
  technicians: BoardTechnician[];
  /** Orders with a window in the days shown. */
  orders: BoardOrder[];
  /** Open orders without a technician or window. */
  waiting: BoardOrder[];
  /** An order was dropped on a technician's slot or day. */
  onMove: (order: BoardOrder, to: Target) => void;
  /** "Move…" was chosen on an order. */
  onPick: (order: BoardOrder) => void;
  /** The order chosen on the map, highlighted here. */
  selectedId?: string | null;
}) {
  const [dragged, setDragged] = useState<string | null>(null);
  const days = boardDays(view, day);
  const cells = days.flatMap((d) =>
    view === "day"
      ? SLOT_HOURS.map(([a, b]) => ({
          key: `${isoDay(d)}-${a}`,
          label: `${hh(a)}–${hh(b)}`,
          start: new Date(d.getTime() + a * HOUR_MS),
          end: new Date(d.getTime() + b * HOUR_MS),
        }))
      : [
          {
            key: isoDay(d),
            label: d.toLocaleDateString("en-GB", { weekday: "short", day: "numeric", month: "short", timeZone: "UTC" }),
            start: d,
            end: new Date(d.getTime() + DAY_MS),
          },
        ],
  );
  const all = [...waiting, ...orders];
  const inCell = (technicianId: string, start: Date, end: Date) =>
    orders.filter(
      (o) =>
        o.assigneeId === technicianId &&
        o.windowStart &&
        new Date(o.windowStart) >= start &&
        new Date(o.windowStart) < end,
    );

  const chip = (o: BoardOrder) => (
    <li
      key={o.id}
      className={styles.chip}
      aria-current={o.id === selectedId ? "true" : undefined}
      draggable={MOVABLE.has(o.status)}
      onDragStart={(e) => {
        e.dataTransfer.setData("text/plain", o.id);
        e.dataTransfer.effectAllowed = "move";
        setDragged(o.id);
      }}
      onDragEnd={() => setDragged(null)}
      data-testid={`board-order-${o.number}`}
    >
      <span className={styles.chipTitle}>
        WO-{o.number} {o.title}
      </span>
      <span className={styles.chipMeta}>
        <StatusBadge status={o.status} />
        {o.windowStart && view === "week" ? <DateTime value={o.windowStart} mode="time" /> : null}
      </span>
      {MOVABLE.has(o.status) ? (
        <span>
          <Button size="sm" variant="ghost" onClick={() => onPick(o)} aria-label={`Move WO-${o.number}…`}>
            Move…
          </Button>
        </span>
      ) : null}
    </li>
  );

  return (
    <div className="stack">
      <div className={styles.scroll}>
        <table className={styles.board}>
          <caption className="sr-only">
            {view === "day" ? "Each technician's day by slot" : "Each technician's week by day"}: drag an order to a
            cell, or use its Move button
          </caption>
          <thead>
            <tr>
              <th scope="col">Technician</th>
              {cells.map((c) => (
                <th scope="col" key={c.key}>
                  {c.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {technicians.map((t) => (
              <tr key={t.id}>
                <th scope="row">{t.name}</th>
                {cells.map((c) => {
                  const here = inCell(t.id, c.start, c.end);
                  return (
                    <td
                      key={c.key}
                      className={dragged ? styles.dropTarget : undefined}
                      data-testid={`cell-${t.id}-${c.key}`}
                      onDragOver={(e) => {
                        if (!dragged) return;
                        e.preventDefault();
                        e.dataTransfer.dropEffect = "move";
                      }}
                      onDrop={(e) => {
                        e.preventDefault();
                        const id = e.dataTransfer.getData("text/plain") || dragged;
                        const order = all.find((o) => o.id === id);
                        setDragged(null);
                        if (order) onMove(order, landing(order, c.start, c.end, view, t.id));
                      }}
                    >
                      {here.length ? <ul className={styles.chips}>{here.map(chip)}</ul> : null}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Card title="Waiting for a technician">
        {waiting.length ? (
          <ul className={styles.chips} data-testid="board-waiting">
            {waiting.map(chip)}
          </ul>
        ) : (
          <EmptyState title="Nothing waiting" description="Every open order has a technician and a window." />
        )}
      </Card>
    </div>
  );
}

/** "Move…": the drag's keyboard alternative. The free slots of technicians who can take the job come first. */
export function MoveForm({
  order,
  day,
  technicians,
  pending,
  error,
  onMove,
  onCancel,
}: {
  order: BoardOrder;
  day: string;
  technicians: BoardTechnician[];
  pending: boolean;
  error: string | null;
  onMove: (to: Target) => void;
  onCancel: () => void;
}) {
  const trpc = useTRPC();
  const from = dayStart(day);
  const slots = useQuery(
    trpc.workorders.slots.queryOptions({ from, to: new Date(from.getTime() + 7 * DAY_MS), workOrderId: order.id }),
  );
  const start = order.windowStart ? new Date(order.windowStart) : null;
  const [technicianId, setTechnicianId] = useState(order.assigneeId ?? "");
  const [date, setDate] = useState(start ? isoDay(start) : day);
  const [from_, setFrom] = useState(start ? start.toISOString().slice(11, 16) : "08:00");
  const [to, setTo] = useState(order.windowEnd ? new Date(order.windowEnd).toISOString().slice(11, 16) : "12:00");
  const name = (id: string) => technicians.find((t) => t.id === id)?.name ?? "—";
  return (
    <Card title={`Move WO-${order.number}: ${order.title}`} aria-label={`Move WO-${order.number}`}>
      <div className="stack">
        <section aria-labelledby={`free-${order.id}`} className="stack-sm">
          <h3 id={`free-${order.id}`} className="small">
            Free slots this week
            {slots.data?.zone ? ` in ${slots.data.zone.name}` : ""}
            {slots.data?.skills.length ? ` (needs: ${slots.data.skills.join(", ").replaceAll("_", " ")})` : ""}
          </h3>
          {slots.isLoading ? null : slots.data?.slots.length ? (
            <ul className={styles.slots} data-testid="free-slots">
              {slots.data.slots.slice(0, 9).map((s) => (
                <li key={`${s.technicianId}-${s.start.toString()}`}>
                  <Button
                    size="sm"
                    loading={pending}
                    onClick={() =>
                      onMove({ technicianId: s.technicianId, start: new Date(s.start), end: new Date(s.end) })
                    }
                  >
                    {s.technician}, <DateTime value={s.start} /> – <DateTime value={s.end} mode="time" />
                  </Button>
                </li>
              ))}
            </ul>
          ) : (
            <p className="small muted">No technician with the skills for this job is free this week.</p>
          )}
        </section>
        <form
          className="stack-sm"
          onSubmit={(e) => {
            e.preventDefault();
            onMove({
              technicianId: technicianId || null,
              start: new Date(`${date}T${from_}:00Z`),
              end: new Date(`${date}T${to}:00Z`),
            });
          }}
        >
          <Field label="Technician">
            <Select
              value={technicianId}
              onChange={(e) => setTechnicianId(e.target.value)}
              placeholder="Unassigned"
              options={technicians.map((t) => ({ value: t.id, label: t.name }))}
            />
          </Field>
          <Field label="Date">
            <Input type="date" value={date} onChange={(e) => setDate(e.target.value)} />
          </Field>
          <Field label="Window starts (UTC)">
            <Input type="time" value={from_} onChange={(e) => setFrom(e.target.value)} />
          </Field>
          <Field label="Window ends (UTC)">
            <Input type="time" value={to} onChange={(e) => setTo(e.target.value)} />
          </Field>
          {error ? <Alert tone="danger">{error}</Alert> : null}
          <div className="row">
            <Button type="submit" variant="primary" loading={pending}>
              Move {technicianId ? `to ${name(technicianId)}` : "to unassigned"}
            </Button>
            <Button variant="ghost" onClick={onCancel}>
              Cancel
            </Button>
          </div>
        </form>
      </div>
    </Card>
  );
}
