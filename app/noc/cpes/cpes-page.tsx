"use client";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { DataTable, defineColumns, useListQuery } from "@/components/data-table";
import { useToast } from "@/components/toast";
import { useTRPC } from "@/components/trpc";
import { Button, DateTime, PageHeader } from "@/components/ui";

type Row = {
  id: string;
  acsDeviceId: string;
  serialNumber: string;
  manufacturer: string | null;
  productClass: string | null;
  firmwareVersion: string | null;
  wifiSsid: string | null;
  lastInformAt: Date | null;
  subscriberId: string | null;
};

const columns = defineColumns<Row>((c) => [
  c.accessor("serialNumber", {
    header: "Serial",
    enableSorting: true,
    cell: (i) => <span className="mono">{i.getValue()}</span>,
  }),
  c.accessor((r) => [r.manufacturer, r.productClass].filter(Boolean).join(" "), { id: "model", header: "Model" }),
  c.accessor("firmwareVersion", { header: "Firmware", enableSorting: true }),
  c.accessor("wifiSsid", { header: "WiFi", meta: { hideOnMobile: true } }),
  c.accessor("lastInformAt", {
    header: "Last inform",
    enableSorting: true,
    cell: (i) => (i.getValue() ? <DateTime value={i.getValue() as Date} mode="relative" /> : "—"),
  }),
  c.accessor((r) => (r.subscriberId ? "assigned" : ""), {
    id: "sub",
    header: "Subscriber",
    meta: { hideOnMobile: true },
  }),
]);

export function CpesPage() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const toast = useToast();
  const list = useListQuery({ sort: { id: "serialNumber", desc: false } });
  const q = useQuery(trpc.network.cpes.list.queryOptions(list.query, { placeholderData: keepPreviousData }));
  const sync = useMutation(
    trpc.network.cpes.sync.mutationOptions({
      onSuccess: (r) => {
        toast.success(`${r.devices} devices synced from the ACS`);
        qc.invalidateQueries({ queryKey: trpc.network.cpes.list.queryKey() });
      },
      onError: (e) => toast.error(e),
    }),
  );
  return (
    <div className="stack">
      <PageHeader
        title="CPEs"
        description="Home gateways managed over TR-069 by the ACS."
        actions={
          <Button onClick={() => sync.mutate()} loading={sync.isPending}>
            Sync from ACS
          </Button>
        }
      />
      <DataTable
        caption="CPEs"
        columns={columns}
        rows={q.data?.rows as Row[] | undefined}
        total={q.data?.total}
        loading={q.isFetching}
        error={q.error}
        query={list.query}
        onQueryChange={list.onQueryChange}
        searchPlaceholder="Serial, device id or MAC…"
        rowHref={(r) => `/noc/cpes/${r.id}`}
      />
    </div>
  );
}
