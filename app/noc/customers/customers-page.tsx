"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { DataTable, defineColumns, useListQuery } from "@/components/data-table";
import { useTRPC } from "@/components/trpc";
import { Badge, ButtonLink, DateTime, PageHeader } from "@/components/ui";

type Row = {
  id: string;
  number: string;
  kind: string;
  name: string;
  companyName: string | null;
  email: string;
  phone: string | null;
  billingCity: string;
  createdAt: Date;
  subscriberCount: number;
};

const columns = defineColumns<Row>((c) => [
  c.accessor("number", {
    header: "No.",
    enableSorting: true,
    cell: (i) => <span className="mono">{i.getValue()}</span>,
  }),
  c.accessor("name", {
    header: "Name",
    enableSorting: true,
    cell: ({ row }) => (
      <>
        {row.original.name}
        {row.original.companyName ? <span className="muted"> · {row.original.companyName}</span> : null}
      </>
    ),
  }),
  c.accessor("kind", {
    header: "Type",
    cell: (i) => <Badge>{i.getValue() === "BUSINESS" ? "Business" : "Person"}</Badge>,
  }),
  c.accessor("email", { header: "Email", enableSorting: true, meta: { hideOnMobile: true } }),
  c.accessor("phone", { header: "Phone", meta: { hideOnMobile: true }, cell: (i) => i.getValue() ?? "" }),
  c.accessor("subscriberCount", { header: "Services", meta: { align: "right" } }),
  c.accessor("createdAt", {
    header: "Since",
    enableSorting: true,
    cell: (i) => <DateTime value={i.getValue()} mode="date" />,
  }),
]);

export function CustomersPage() {
  const trpc = useTRPC();
  const list = useListQuery({ sort: { id: "createdAt", desc: true } });
  const q = useQuery(trpc.customers.list.queryOptions(list.query, { placeholderData: keepPreviousData }));
  return (
    <div className="stack">
      <PageHeader
        title="Customers"
        description="The paying party: a person or a business, with contacts, billing address and service addresses."
        actions={
          <ButtonLink href="/noc/customers/new" variant="primary">
            New customer
          </ButtonLink>
        }
      />
      <DataTable
        caption="Customers"
        columns={columns}
        rows={q.data?.rows as Row[] | undefined}
        total={q.data?.total}
        loading={q.isFetching}
        error={q.error}
        query={list.query}
        onQueryChange={list.onQueryChange}
        searchPlaceholder="Name, number, email, phone…"
        rowHref={(r) => `/noc/customers/${r.id}`}
        filters={[
          {
            id: "kind",
            label: "Type",
            options: [
              { value: "PERSON", label: "Person" },
              { value: "BUSINESS", label: "Business" },
            ],
          },
        ]}
      />
    </div>
  );
}
