"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { DataTable, defineColumns, useListQuery } from "@/components/data-table";
import { useTRPC } from "@/components/trpc";
import { Badge, ButtonLink, DateTime, EmptyState, PageHeader, statusTone } from "@/components/ui";

type Row = {
  id: string;
  slug: string;
  name: string;
  legalName: string;
  status: string;
  currency: string;
  timezone: string;
  userCount: number;
  createdAt: Date;
};

const columns = defineColumns<Row>((c) => [
  c.accessor("name", { header: "Name", enableSorting: true }),
  c.accessor("slug", {
    header: "Slug",
    enableSorting: true,
    cell: (i) => <span className="mono">{i.getValue()}</span>,
  }),
  c.accessor("legalName", { header: "Legal name", meta: { hideOnMobile: true } }),
  c.accessor("currency", { header: "Currency", meta: { hideOnMobile: true } }),
  c.accessor("userCount", { header: "Users", meta: { align: "right" } }),
  c.accessor("status", {
    header: "Status",
    enableSorting: true,
    cell: (i) => <Badge tone={statusTone(i.getValue())}>{i.getValue()}</Badge>,
  }),
  c.accessor("createdAt", {
    header: "Created",
    enableSorting: true,
    cell: (i) => <DateTime value={i.getValue()} mode="date" />,
  }),
]);

export function TenantsPage() {
  const trpc = useTRPC();
  const list = useListQuery({ sort: { id: "createdAt", desc: true } });
  const q = useQuery(trpc.tenancy.tenants.list.queryOptions(list.query, { placeholderData: keepPreviousData }));
  return (
    <div className="stack">
      <PageHeader
        title="Tenants"
        description="The ISPs on this installation. Each is isolated: its staff see only its own data."
        actions={
          <ButtonLink href="/admin/tenants/new" variant="primary">
            New tenant
          </ButtonLink>
        }
      />
      <DataTable
        caption="Tenants"
        columns={columns}
        rows={q.data?.rows}
        total={q.data?.total}
        loading={q.isFetching}
        error={q.error}
        query={list.query}
        onQueryChange={list.onQueryChange}
        searchPlaceholder="Search name, slug, legal name…"
        filters={[
          {
            id: "status",
            label: "Status",
            options: [
              { value: "ACTIVE", label: "Active" },
              { value: "SUSPENDED", label: "Suspended" },
            ],
          },
        ]}
        rowHref={(r) => `/admin/tenants/${r.id}`}
        empty={
          <EmptyState
            title="No tenants yet"
            description="Create the first ISP and invite its administrator."
            action={
              <ButtonLink href="/admin/tenants/new" variant="primary">
                New tenant
              </ButtonLink>
            }
          />
        }
      />
    </div>
  );
}
