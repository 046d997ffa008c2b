"use client";
// The leads the partner (and its sub-partners) brought, one page at a time, searchable; each
// opens to its quotes.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { ServiceabilityBadge, StageBadge } from "@/components/crm-format";
import { DataTable, defineColumns, useListQuery } from "@/components/data-table";
import { useTRPC } from "@/components/trpc";
import { ButtonLink, DateTime, EmptyState, PageHeader } from "@/components/ui";
import type { LeadStage } from "@/server/modules/crm/schemas";

type Row = {
  id: string;
  number: number;
  name: string;
  addressLabel: string;
  stage: LeadStage;
  serviceability: string | null;
  createdAt: Date;
};

const columns = defineColumns<Row>((c) => [
  c.accessor("number", { header: "Lead", enableSorting: true, cell: (i) => `L-${i.getValue()}` }),
  c.accessor("name", { header: "Name", enableSorting: true }),
  c.accessor("addressLabel", { header: "Address", meta: { hideOnMobile: true }, cell: (i) => i.getValue() || "—" }),
  c.accessor("serviceability", {
    header: "Serviceability",
    meta: { hideOnMobile: true },
    cell: (i) => <ServiceabilityBadge value={i.getValue()} />,
  }),
  c.accessor("stage", { header: "Stage", enableSorting: true, cell: (i) => <StageBadge stage={i.getValue()} /> }),
  c.accessor("createdAt", {
    header: "Created",
    enableSorting: true,
    meta: { hideOnMobile: true },
    cell: (i) => <DateTime value={i.getValue()} mode="date" />,
  }),
]);

export function PartnerLeads() {
  const trpc = useTRPC();
  const list = useListQuery({ sort: { id: "createdAt", desc: true } });
  const leads = useQuery(trpc.partners.portal.leads.queryOptions(list.query, { placeholderData: keepPreviousData }));
  return (
    <div className="stack">
      <PageHeader
        title="Leads and quotes"
        description="The people you bring to the network: check their address, quote them, and follow them to a signed order."
        actions={
          <ButtonLink href="/partner/leads/new" variant="primary">
            New lead
          </ButtonLink>
        }
      />
      <DataTable
        caption="Your leads"
        columns={columns}
        rows={leads.data?.rows}
        total={leads.data?.total}
        loading={leads.isFetching}
        error={leads.error}
        query={list.query}
        onQueryChange={list.onQueryChange}
        searchPlaceholder="Search name, email, phone, address, L-number…"
        rowHref={(r) => `/partner/leads/${r.id}`}
        empty={
          <EmptyState
            title="No leads yet"
            description="Register someone who wants fibre: their address is checked at once, and you can quote them."
          />
        }
      />
    </div>
  );
}
