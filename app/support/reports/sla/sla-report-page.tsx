"use client";
// The monthly SLA report per team: first-response and resolution targets met, breached and
// still running, for the tickets opened in the chosen month.
import { useQuery } from "@tanstack/react-query";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { DataTable, defineColumns } from "@/components/data-table";
import { useTRPC } from "@/components/trpc";
import { Field, Input, PageHeader } from "@/components/ui";

type Row = {
  team: string;
  tickets: number;
  responseMet: number;
  responseBreached: number;
  responsePending: number;
  resolutionMet: number;
  resolutionBreached: number;
  resolutionOpen: number;
};

const pct = (part: number, whole: number) => (whole ? `${Math.round((part / whole) * 100)} %` : "—");
const num = { meta: { align: "right" as const } };

const columns = defineColumns<Row>((c) => [
  c.accessor("team", { header: "Team" }),
  c.accessor("tickets", { header: "Tickets", ...num }),
  c.accessor("responseMet", { header: "Reply met", ...num }),
  c.accessor("responseBreached", { header: "Reply breached", ...num }),
  c.accessor("responsePending", { header: "Awaiting reply", ...num, meta: { align: "right", hideOnMobile: true } }),
  c.accessor("resolutionMet", { header: "Resolved in time", ...num }),
  c.accessor("resolutionBreached", { header: "Resolution breached", ...num }),
  c.accessor("resolutionOpen", { header: "Still open", ...num, meta: { align: "right", hideOnMobile: true } }),
  c.display({
    id: "rate",
    header: "Met (resolution)",
    meta: { align: "right" },
    cell: ({ row }) => pct(row.original.resolutionMet, row.original.resolutionMet + row.original.resolutionBreached),
  }),
]);

function thisMonth() {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}`;
}

export function SlaReportPage() {
  const trpc = useTRPC();
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const month = /^\d{4}-\d{2}$/.test(params.get("month") ?? "") ? (params.get("month") as string) : thisMonth();
  const report = useQuery(trpc.tickets.slaReport.queryOptions({ month }));
  const rows = report.data ? [...report.data.rows, { team: "All teams", ...report.data.total }] : undefined;
  return (
    <div className="stack">
      <PageHeader
        title="SLA report"
        breadcrumbs={[{ label: "Support queue", href: "/support" }, { label: "SLA report" }]}
        description={`Tickets opened in the month, per team${report.data ? ` (months in ${report.data.timeZone})` : ""}.`}
        actions={
          <Field label="Month">
            <Input
              type="month"
              value={month}
              onChange={(e) => e.target.value && router.replace(`${pathname}?month=${e.target.value}`)}
            />
          </Field>
        }
      />
      <DataTable
        caption={`SLA report ${month}`}
        columns={columns}
        rows={rows}
        total={rows?.length}
        loading={report.isFetching}
        error={report.error}
        query={{ page: 1, pageSize: 200 }}
        onQueryChange={() => {}}
        searchable={false}
        pageSizes={[200]}
        getRowId={(r) => r.team}
        empty={
          <div className="empty-state">
            <p className="empty-state-title">No tickets opened in {month}</p>
          </div>
        }
      />
    </div>
  );
}
