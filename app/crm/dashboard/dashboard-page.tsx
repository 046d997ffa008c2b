"use client";
// The sales dashboard: the funnel (lead → surveyed → quoted → won), conversion and the median
// days from lead to active service, overall, by source and by owner, for a chosen period.
import { useQuery } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { DataTable, defineColumns } from "@/components/data-table";
import { useTRPC } from "@/components/trpc";
import { Alert, PageHeader, Select, Stat } from "@/components/ui";
import styles from "../crm.module.css";

type Summary = {
  key: string;
  label: string;
  leads: number;
  surveyed: number;
  quoted: number;
  won: number;
  conversionPercent: number;
  medianDaysToActive: number | null;
};

export function DashboardPage() {
  const trpc = useTRPC();
  const [days, setDays] = useState(90);
  const d = useQuery(trpc.crm.dashboard.queryOptions({ days }));
  const owners = useQuery(trpc.crm.owners.queryOptions());
  const ownerName = useMemo(() => new Map((owners.data ?? []).map((o) => [o.id, o.name])), [owners.data]);
  const columns = useMemo(
    () =>
      defineColumns<Summary>((c) => [
        c.accessor("label", { header: "" }),
        c.accessor("leads", { header: "Leads" }),
        c.accessor("surveyed", { header: "Surveyed", meta: { hideOnMobile: true } }),
        c.accessor("quoted", { header: "Quoted", meta: { hideOnMobile: true } }),
        c.accessor("won", { header: "Won" }),
        c.accessor("conversionPercent", { header: "Conversion", cell: (i) => `${i.getValue()}%` }),
        c.accessor("medianDaysToActive", {
          header: "Median days to active",
          meta: { hideOnMobile: true },
          cell: (i) => i.getValue() ?? "—",
        }),
      ]),
    [],
  );
  const t = d.data?.total;
  const bySource: Summary[] = d.data?.bySource ?? [];
  const byOwner: Summary[] = (d.data?.byOwner ?? []).map((o) => ({
    ...o,
    key: o.ownerId ?? "none",
    label: o.ownerId ? (ownerName.get(o.ownerId) ?? "Former staff") : "Nobody",
  }));
  const query = { page: 1, pageSize: 50 };
  return (
    <div className="stack">
      <PageHeader
        title="Sales dashboard"
        breadcrumbs={[{ label: "Sales pipeline", href: "/crm" }, { label: "Dashboard" }]}
        actions={
          <Select
            aria-label="Period"
            value={String(days)}
            onChange={(e) => setDays(Number(e.target.value))}
            options={[
              { value: "30", label: "Leads of the last 30 days" },
              { value: "90", label: "Leads of the last 90 days" },
              { value: "365", label: "Leads of the last year" },
            ]}
          />
        }
      />
      {d.error ? <Alert tone="danger">{d.error.message}</Alert> : null}
      <div className={styles.funnel}>
        <Stat label="Leads" value={t?.leads ?? "—"} />
        <Stat label="Surveyed" value={t?.surveyed ?? "—"} />
        <Stat label="Quoted" value={t?.quoted ?? "—"} />
        <Stat label="Won" value={t?.won ?? "—"} />
        <Stat label="Conversion" value={t ? `${t.conversionPercent}%` : "—"} />
        <Stat label="Median days to active" value={t?.medianDaysToActive ?? "—"} />
      </div>
      <DataTable
        caption="By source"
        columns={columns}
        rows={bySource}
        total={bySource.length}
        query={query}
        onQueryChange={() => {}}
        loading={d.isFetching}
        searchable={false}
        getRowId={(r) => r.key}
      />
      <DataTable
        caption="By owner"
        columns={columns}
        rows={byOwner}
        total={byOwner.length}
        query={query}
        onQueryChange={() => {}}
        loading={d.isFetching}
        searchable={false}
        getRowId={(r) => r.key}
      />
    </div>
  );
}
