"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { DataTable, defineColumns, useListQuery } from "@/components/data-table";
import { useTRPC } from "@/components/trpc";
import { ButtonLink, DateTime, PageHeader, StatusBadge } from "@/components/ui";
import { STATUS_OPTIONS } from "./format";

type Row = {
  id: string;
  username: string;
  status: string;
  onuSerial: string | null;
  cpeMac: string | null;
  ipv4Address: string | null;
  staticIpv4: string | null;
  createdAt: Date;
  customer: { id: string; name: string; phone: string | null };
  plan: { id: string; name: string };
  serviceAddress: { line1: string; city: string; postcode: string } | null;
};

const columns = defineColumns<Row>((c) => [
  c.accessor("username", {
    header: "Username",
    enableSorting: true,
    cell: (i) => <span className="mono">{i.getValue()}</span>,
  }),
  c.accessor((r) => r.customer.name, { id: "customer", header: "Customer" }),
  c.accessor((r) => (r.serviceAddress ? `${r.serviceAddress.line1}, ${r.serviceAddress.city}` : ""), {
    id: "address",
    header: "Address",
    meta: { hideOnMobile: true },
  }),
  c.accessor((r) => r.plan.name, { id: "plan", header: "Plan" }),
  c.accessor("status", { header: "Status", enableSorting: true, cell: (i) => <StatusBadge status={i.getValue()} /> }),
  c.accessor((r) => r.staticIpv4 ?? r.ipv4Address ?? "", {
    id: "ip",
    header: "IP",
    meta: { hideOnMobile: true },
    cell: (i) => <span className="mono">{i.getValue()}</span>,
  }),
  c.accessor("onuSerial", {
    header: "ONU",
    meta: { hideOnMobile: true },
    cell: (i) => <span className="mono">{i.getValue()}</span>,
  }),
  c.accessor("createdAt", {
    header: "Created",
    enableSorting: true,
    cell: (i) => <DateTime value={i.getValue()} mode="date" />,
  }),
]);

export function SubscribersPage() {
  const trpc = useTRPC();
  const list = useListQuery({ sort: { id: "createdAt", desc: true } });
  const q = useQuery(trpc.subscribers.list.queryOptions(list.query, { placeholderData: keepPreviousData }));
  return (
    <div className="stack">
      <PageHeader
        title="Subscribers"
        description="Every service at every address. Search by name, username, address, phone, ONU serial, IP or MAC."
        actions={
          <ButtonLink href="/noc/subscribers/new" variant="primary">
            New subscriber
          </ButtonLink>
        }
      />
      <DataTable
        caption="Subscribers"
        columns={columns}
        rows={q.data?.rows as Row[] | undefined}
        total={q.data?.total}
        loading={q.isFetching}
        error={q.error}
        query={list.query}
        onQueryChange={list.onQueryChange}
        searchPlaceholder="Name, username, address, phone, serial, IP, MAC…"
        rowHref={(r) => `/noc/subscribers/${r.id}`}
        filters={[{ id: "status", label: "Status", options: STATUS_OPTIONS }]}
      />
    </div>
  );
}
