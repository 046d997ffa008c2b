"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { DataTable, defineColumns, useListQuery } from "@/components/data-table";
import { useTRPC } from "@/components/trpc";
import { PageHeader } from "@/components/ui";
import { ONU_STATES, OnuStateBadge, OpticsBadge } from "./format";

type Row = {
  id: string;
  serialNumber: string;
  state: string;
  vendor: string | null;
  rxPowerDbm: number | null;
  optics: string;
  subscriberId: string | null;
  olt: { name: string };
  ponPort: { label: string } | null;
};

const columns = defineColumns<Row>((c) => [
  c.accessor("serialNumber", {
    header: "Serial",
    enableSorting: true,
    cell: (i) => <span className="mono">{i.getValue()}</span>,
  }),
  c.accessor((r) => `${r.olt.name} / ${r.ponPort?.label ?? "?"}`, { id: "where", header: "OLT / port" }),
  c.accessor("vendor", { header: "Vendor", meta: { hideOnMobile: true } }),
  c.accessor("state", { header: "State", enableSorting: true, cell: (i) => <OnuStateBadge state={i.getValue()} /> }),
  c.accessor("rxPowerDbm", {
    header: "Rx",
    enableSorting: true,
    meta: { align: "right" },
    cell: (i) => (i.getValue() === null ? "—" : `${i.getValue()} dBm`),
  }),
  c.accessor("optics", { header: "Optics", cell: (i) => <OpticsBadge verdict={i.getValue()} /> }),
  c.accessor((r) => (r.subscriberId ? "assigned" : ""), {
    id: "sub",
    header: "Subscriber",
    meta: { hideOnMobile: true },
  }),
]);

export function OnusPage() {
  const trpc = useTRPC();
  const list = useListQuery({ sort: { id: "serialNumber", desc: false } });
  const state = list.query.filters?.state;
  const q = useQuery(
    trpc.network.onus.list.queryOptions(
      { ...list.query, state: (state || undefined) as "ACTIVE" | undefined },
      { placeholderData: keepPreviousData },
    ),
  );
  return (
    <div className="stack">
      <PageHeader
        title="ONUs"
        description="Every ONU the OLTs have discovered, with its state and last optical reading."
      />
      <DataTable
        caption="ONUs"
        columns={columns}
        rows={q.data?.rows as Row[] | undefined}
        total={q.data?.total}
        loading={q.isFetching}
        error={q.error}
        query={list.query}
        onQueryChange={list.onQueryChange}
        searchPlaceholder="Serial or vendor…"
        rowHref={(r) => `/noc/onus/${r.id}`}
        filters={[
          { id: "state", label: "State", options: ONU_STATES.map((s) => ({ value: s, label: s.toLowerCase() })) },
        ]}
      />
    </div>
  );
}
