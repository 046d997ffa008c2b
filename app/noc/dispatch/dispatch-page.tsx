"use client";
// The dispatcher's board: open work orders and a chosen day's, each technician's load that
// day, and assigning or rescheduling an order (technician and arrival window).
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { DataTable, defineColumns } from "@/components/data-table";
import { useLocalList } from "@/components/local-list";
import { useToast } from "@/components/toast";
import { errorMessage, useTRPC } from "@/components/trpc";
import { Alert, Button, Card, DateTime, Field, Input, PageHeader, Select, StatusBadge } from "@/components/ui";

type Order = {
  id: string;
  number: number;
  type: string;
  title: string;
  status: string;
  assigneeId: string | null;
  addressText: string | null;
  windowStart: Date | null;
  windowEnd: Date | null;
};

const isoDay = (d: Date) => d.toISOString().slice(0, 10);
const orderText = (o: Order) => `WO-${o.number} ${o.title} ${o.addressText ?? ""} ${o.type}`;

export function DispatchPage() {
  const trpc = useTRPC();
  const [day, setDay] = useState(isoDay(new Date()));
  const [picked, setPicked] = useState<Order | null>(null);
  const from = new Date(`${day}T00:00:00Z`);
  const to = new Date(from.getTime() + 86_400_000);
  const techs = useQuery(trpc.workorders.technicians.queryOptions());
  const open = useQuery(trpc.workorders.list.queryOptions({ status: ["NEW", "FAILED"] }));
  const dayOrders = useQuery(trpc.workorders.list.queryOptions({ from, to }));
  const rows = [...(open.data ?? []), ...(dayOrders.data ?? [])].filter(
    (o, i, all) => all.findIndex((x) => x.id === o.id) === i,
  );
  const name = (id: string | null) => (id ? (techs.data?.find((t) => t.id === id)?.name ?? "—") : "Unassigned");
  const columns = defineColumns<Order>((c) => [
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
  const list = useLocalList(dayOrders.data || open.data ? rows : undefined, orderText);

  return (
    <div className="stack">
      <PageHeader title="Dispatch" description="Assign work orders to technicians and set the arrival window." />
      <div className="row">
        <Field label="Day">
          <Input type="date" value={day} onChange={(e) => e.target.value && setDay(e.target.value)} />
        </Field>
      </div>
      <Card title="Each technician's day">
        <ul data-testid="technician-load">
          {(techs.data ?? []).map((t) => {
            const n = (dayOrders.data ?? []).filter((o) => o.assigneeId === t.id).length;
            return (
              <li key={t.id}>
                {t.name}: {n === 1 ? "1 job" : `${n} jobs`}
              </li>
            );
          })}
        </ul>
      </Card>
      <DataTable
        caption="Work orders to dispatch"
        columns={columns}
        rows={list.rows}
        total={list.total}
        loading={open.isFetching || dayOrders.isFetching}
        error={open.error ?? dayOrders.error}
        query={list.query}
        onQueryChange={list.onQueryChange}
        searchPlaceholder="Search order, job or address…"
        onRowClick={setPicked}
        empty="Nothing to dispatch on this day."
      />
      {picked ? (
        <AssignForm key={picked.id} order={picked} day={day} techs={techs.data ?? []} onDone={() => setPicked(null)} />
      ) : null}
    </div>
  );
}

function AssignForm({
  order,
  day,
  techs,
  onDone,
}: {
  order: Order;
  day: string;
  techs: { id: string; name: string }[];
  onDone: () => void;
}) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const toast = useToast();
  const [assignee, setAssignee] = useState(order.assigneeId ?? "");
  const [date, setDate] = useState(order.windowStart ? isoDay(new Date(order.windowStart)) : day);
  const [start, setStart] = useState(
    order.windowStart ? new Date(order.windowStart).toISOString().slice(11, 16) : "08:00",
  );
  const [end, setEnd] = useState(order.windowEnd ? new Date(order.windowEnd).toISOString().slice(11, 16) : "12:00");
  const assign = useMutation(
    trpc.workorders.assign.mutationOptions({
      onSuccess: async () => {
        await qc.invalidateQueries({ queryKey: trpc.workorders.list.pathKey() });
        toast.success(`WO-${order.number} dispatched`);
        onDone();
      },
    }),
  );
  return (
    <Card title={`Dispatch WO-${order.number}: ${order.title}`}>
      <form
        className="stack-sm"
        onSubmit={(e) => {
          e.preventDefault();
          assign.mutate({
            workOrderId: order.id,
            assigneeId: assignee || null,
            windowStart: new Date(`${date}T${start}:00Z`),
            windowEnd: new Date(`${date}T${end}:00Z`),
          });
        }}
      >
        <Field label="Technician">
          <Select
            value={assignee}
            onChange={(e) => setAssignee(e.target.value)}
            placeholder="Unassigned"
            options={techs.map((t) => ({ value: t.id, label: t.name }))}
          />
        </Field>
        <Field label="Date">
          <Input type="date" value={date} onChange={(e) => setDate(e.target.value)} />
        </Field>
        <Field label="Window starts (UTC)">
          <Input type="time" value={start} onChange={(e) => setStart(e.target.value)} />
        </Field>
        <Field label="Window ends (UTC)">
          <Input type="time" value={end} onChange={(e) => setEnd(e.target.value)} />
        </Field>
        {assign.error ? <Alert tone="danger">{errorMessage(assign.error)}</Alert> : null}
        <div className="row">
          <Button type="submit" variant="primary" loading={assign.isPending}>
            Save
          </Button>
          <Button variant="ghost" onClick={onDone}>
            Cancel
          </Button>
        </div>
      </form>
    </Card>
  );
}
