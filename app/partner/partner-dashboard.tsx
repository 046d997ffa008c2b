"use client";
// The partner's home: customers, active services, MRR and commissions at a glance, and the
// customers of the partner and its sub-partners (one page at a time, searchable).
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { DataTable, defineColumns, useListQuery } from "@/components/data-table";
import { errorMessage, useTRPC } from "@/components/trpc";
import { Alert, EmptyState, Money, PageHeader, Spinner, Stat } from "@/components/ui";

type Row = {
  id: string;
  number: string;
  name: string;
  companyName: string | null;
  email: string;
  activeServices: number;
  mrrMinor: number;
  services: Array<{ planName: string; status: string }>;
};

const columns = defineColumns<Row>((c) => [
  c.accessor("name", {
    header: "Customer",
    enableSorting: true,
    cell: (i) => i.row.original.companyName || i.getValue(),
  }),
  c.accessor("number", { header: "Number", enableSorting: true, meta: { hideOnMobile: true } }),
  c.accessor((r) => r.services.map((s) => s.planName).join(", ") || "—", {
    id: "plans",
    header: "Plans",
    meta: { hideOnMobile: true },
  }),
  c.accessor("activeServices", { header: "Active services", meta: { align: "right" } }),
  c.accessor("mrrMinor", { header: "MRR", meta: { align: "right" }, cell: (i) => <Money amount={i.getValue()} /> }),
]);

export function PartnerDashboard() {
  const trpc = useTRPC();
  const dashboard = useQuery(trpc.partners.portal.dashboard.queryOptions());
  const list = useListQuery({ sort: { id: "name", desc: false } });
  const customers = useQuery(
    trpc.partners.portal.customers.queryOptions(list.query, { placeholderData: keepPreviousData }),
  );

  if (dashboard.isLoading) return <Spinner label="Loading your dashboard" />;
  if (dashboard.error || !dashboard.data)
    return <Alert tone="danger">{errorMessage(dashboard.error) || "Your dashboard could not be loaded"}</Alert>;
  const d = dashboard.data;
  const currency = d.currency ?? undefined;

  return (
    <div className="stack">
      <PageHeader title={d.partner.name} description="Your customers, their services and your commissions." />
      <div className="grid-3">
        <Stat label="Customers" value={d.customers} />
        <Stat label="Active services" value={d.activeServices} />
        <Stat label="Monthly recurring revenue" value={<Money amount={d.mrrMinor} currency={currency} />} />
        <Stat
          label="Commission this month"
          value={<Money amount={d.commissionThisMonthMinor} currency={currency} />}
          href="/partner/commissions"
        />
        <Stat
          label="Commission not yet paid out"
          value={<Money amount={d.commissionUnpaidMinor} currency={currency} />}
          href="/partner/commissions"
        />
      </div>
      <DataTable
        caption="Your customers"
        columns={columns}
        rows={customers.data?.rows}
        total={customers.data?.total}
        loading={customers.isFetching}
        error={customers.error}
        query={list.query}
        onQueryChange={list.onQueryChange}
        searchPlaceholder="Search name, number, email, phone…"
        rowHref={(r) => `/partner/customers/${r.id}`}
        empty={
          <EmptyState
            title="No customers yet"
            description="Customers you bring to the network appear here once the ISP has signed them up."
          />
        }
      />
    </div>
  );
}
