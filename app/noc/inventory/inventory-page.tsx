"use client";
// Stock per location and model (from the movement ledger), with the locations below their
// minimum flagged, the equipment disconnected subscribers owe back (returns-card.tsx), and one
// serial's history: where it has been and who moved it.
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { DataTable, defineColumns } from "@/components/data-table";
import { useLocalList } from "@/components/local-list";
import { errorMessage, useTRPC } from "@/components/trpc";
import { Alert, Badge, Button, Card, DateTime, Field, Input, PageHeader } from "@/components/ui";
import { EquipmentReturnsCard } from "./returns-card";

type Line = {
  locationId: string;
  location: string;
  locationKind: string;
  modelId: string;
  model: string;
  code: string;
  unit: string;
  quantity: number;
  minimum: number | null;
  belowMinimum: boolean;
};

const columns = defineColumns<Line>((c) => [
  c.accessor("location", { header: "Location", enableSorting: true }),
  c.accessor("model", {
    header: "Model",
    enableSorting: true,
    cell: (i) => `${i.row.original.code} · ${i.getValue()}`,
  }),
  c.accessor("quantity", {
    header: "In stock",
    meta: { align: "right" },
    cell: (i) => `${i.getValue()} ${i.row.original.unit}`,
  }),
  c.accessor("minimum", {
    header: "Minimum",
    meta: { align: "right", hideOnMobile: true },
    cell: (i) => i.getValue() ?? "—",
  }),
  c.accessor("belowMinimum", {
    header: "Alert",
    cell: (i) => (i.getValue() ? <Badge tone="warning">Below minimum</Badge> : null),
  }),
]);

const lineText = (l: Line) => `${l.location} ${l.code} ${l.model}`;

export function InventoryPage() {
  const trpc = useTRPC();
  const stock = useQuery(trpc.inventory.stock.queryOptions({}));
  const list = useLocalList(stock.data, lineText);
  const low = stock.data?.filter((l) => l.belowMinimum).length ?? 0;
  return (
    <div className="stack">
      <PageHeader title="Inventory" description="Stock in warehouses and vans, counted from the movement ledger." />
      {low ? (
        <Alert tone="warning" title="Low stock">
          {low === 1 ? "1 location is" : `${low} locations are`} below their minimum.
        </Alert>
      ) : null}
      <DataTable
        caption="Stock per location"
        columns={columns}
        rows={list.rows}
        total={list.total}
        loading={stock.isFetching}
        error={stock.error}
        query={list.query}
        onQueryChange={list.onQueryChange}
        searchPlaceholder="Search location or model…"
        getRowId={(l) => `${l.locationId}:${l.modelId}`}
        empty="No stock yet: receive a delivery into a warehouse."
      />
      <EquipmentReturnsCard />
      <SerialHistory />
    </div>
  );
}

function SerialHistory() {
  const trpc = useTRPC();
  const [typed, setTyped] = useState("");
  const [serial, setSerial] = useState<string | null>(null);
  const history = useQuery({
    ...trpc.inventory.history.queryOptions({ serial: serial ?? "" }),
    enabled: Boolean(serial),
  });
  const names = new Map(history.data?.locations.map((l) => [l.id, l.name]));
  return (
    <Card title="Serial history">
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          if (typed.trim().length >= 4) setSerial(typed.trim().toUpperCase());
        }}
      >
        <Field label="Serial" hint="At least 4 characters">
          <Input value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" />
        </Field>
        <Button type="submit">Show history</Button>
      </form>
      {history.error ? <Alert tone="danger">{errorMessage(history.error)}</Alert> : null}
      {history.data ? (
        <div className="stack-sm" data-testid="serial-history">
          <p>
            {history.data.item.serial} is in <strong>{history.data.location?.name}</strong> (
            {history.data.item.condition.toLowerCase().replace("_", " ")}).
          </p>
          <ol>
            {history.data.movements.map((m) => (
              <li key={m.id}>
                <DateTime value={m.createdAt} /> — {m.kind.toLowerCase().replace("_", " ")}:{" "}
                {m.fromLocationId ? names.get(m.fromLocationId) : "delivery"} →{" "}
                {m.toLocationId ? names.get(m.toLocationId) : "out of stock"} ({m.actorLabel})
                {m.note ? ` — ${m.note}` : ""}
              </li>
            ))}
          </ol>
        </div>
      ) : null}
    </Card>
  );
}
