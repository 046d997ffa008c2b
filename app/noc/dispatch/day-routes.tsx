"use client";
// The day's jobs on a map, each technician's in their own colour and numbered in the order of
// their appointments, joined from the technician's base (components/route-map.tsx says what a
// route is and is not). Choosing a job on the map (or in its text list) selects it on the board.
import { type Route, RouteMap } from "@/components/route-map";
import { Card, EmptyState } from "@/components/ui";
import { WORK_ORDER_STATUS_LABELS, type WorkOrderStatusKey } from "@/server/modules/workorders/schemas";
import type { BoardOrder } from "./board";

type Technician = { id: string; name: string; base: { label: string; latitude: number; longitude: number } | null };

const DAY_MS = 86_400_000;
const hhmm = (d: Date | null) => (d ? new Date(d).toISOString().slice(11, 16) : "");

/** Each technician's jobs with a window on `day` (UTC), in appointment order; cancelled ones left out. */
function dayRoutes(day: string, technicians: Technician[], orders: BoardOrder[]): Route[] {
  const from = new Date(`${day}T00:00:00Z`).getTime();
  const onDay = orders
    .filter((o) => o.windowStart && o.status !== "CANCELLED")
    .filter((o) => {
      const at = new Date(o.windowStart as Date).getTime();
      return at >= from && at < from + DAY_MS;
    })
    .sort(
      (a, b) =>
        new Date(a.windowStart as Date).getTime() - new Date(b.windowStart as Date).getTime() || a.number - b.number,
    );
  return technicians.flatMap((t) => {
    const stops = onDay
      .filter((o) => o.assigneeId === t.id)
      .map((o) => ({
        id: o.id,
        label: `WO-${o.number} ${o.title}`,
        at: o.longitude != null && o.latitude != null ? ([o.longitude, o.latitude] as [number, number]) : null,
        detail: `${hhmm(o.windowStart)}–${hhmm(o.windowEnd)} UTC, ${WORK_ORDER_STATUS_LABELS[o.status as WorkOrderStatusKey] ?? o.status}${o.addressText ? `, ${o.addressText}` : ""}`,
      }));
    if (!stops.length) return [];
    const start = t.base ? { label: t.base.label, at: [t.base.longitude, t.base.latitude] as [number, number] } : null;
    return [{ id: t.id, name: t.name, start, stops }];
  });
}

export function DayRoutes({
  day,
  technicians,
  orders,
  selectedId,
  onSelect,
}: {
  day: string;
  technicians: Technician[];
  orders: BoardOrder[];
  selectedId: string | null;
  onSelect: (workOrderId: string) => void;
}) {
  const routes = dayRoutes(day, technicians, orders);
  return (
    <Card title={`Routes on ${day}`}>
      <div className="stack-sm">
        <p className="small muted">
          Each technician's jobs are numbered in the order of their appointments and joined by straight lines from their
          base: the visiting order, not road directions. Choose a job to select it on the board.
        </p>
        {routes.length ? (
          <RouteMap
            label={`Technicians' routes on ${day}`}
            routes={routes}
            selectedId={selectedId}
            onJobClick={onSelect}
            height={360}
          />
        ) : (
          <EmptyState title="No jobs booked this day" description="Orders booked on this day appear on the map." />
        )}
      </div>
    </Card>
  );
}
