"use client";
// The partner's commissions: one row per month (total, paid out or not), and the chosen
// month's statement, every entry with clawbacks as negative amounts, with its PDF.
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { DataTable, defineColumns, useLocalList } from "@/components/data-table";
import { errorMessage, useTRPC } from "@/components/trpc";
import { Alert, Badge, ButtonLink, Card, DateTime, EmptyState, Money, PageHeader, Spinner } from "@/components/ui";

type MonthRow = { month: string; currency: string; totalMinor: number; entries: number; paid: boolean };
type EntryRow = { id: string; createdAt: Date; description: string; amountMinor: number; currency: string };

const monthColumns = defineColumns<MonthRow>((c) => [
  c.accessor("month", { header: "Month" }),
  c.accessor("entries", { header: "Entries", meta: { align: "right", hideOnMobile: true } }),
  c.accessor("totalMinor", {
    header: "Commission",
    meta: { align: "right" },
    cell: (i) => <Money amount={i.getValue()} currency={i.row.original.currency} />,
  }),
  c.accessor("paid", {
    header: "Payout",
    cell: (i) => (i.getValue() ? <Badge tone="success">Paid out</Badge> : <Badge>Open</Badge>),
  }),
]);

const entryColumns = defineColumns<EntryRow>((c) => [
  c.accessor("createdAt", { header: "Date", cell: (i) => <DateTime value={i.getValue()} mode="date" /> }),
  c.accessor("description", { header: "Entry" }),
  c.accessor("amountMinor", {
    header: "Amount",
    meta: { align: "right" },
    cell: (i) => <Money amount={i.getValue()} currency={i.row.original.currency} />,
  }),
]);

export function PartnerCommissions() {
  const trpc = useTRPC();
  const months = useQuery(trpc.partners.portal.commissionMonths.queryOptions());
  const [chosen, setChosen] = useState<string | null>(null);
  const month = chosen ?? months.data?.[0]?.month ?? null;
  const statement = useQuery({
    ...trpc.partners.portal.statement.queryOptions({ month: month ?? "2000-01" }),
    enabled: Boolean(month),
  });
  const monthRows = months.data?.map((m) => ({ ...m, paid: Boolean(m.payout) }));
  const pagedMonths = useLocalList(monthRows);
  const pagedEntries = useLocalList(statement.data?.entries);

  if (months.isLoading) return <Spinner label="Loading your commissions" />;
  if (months.error) return <Alert tone="danger">{errorMessage(months.error)}</Alert>;
  return (
    <div className="stack">
      <PageHeader
        title="Commissions"
        description="Earned from your customers' paid invoices; refunds and credit notes within the plan's window claw back."
      />
      {monthRows?.length ? (
        <>
          <DataTable
            caption="Commission by month"
            columns={monthColumns}
            rows={pagedMonths.rows}
            total={pagedMonths.total}
            query={pagedMonths.query}
            onQueryChange={pagedMonths.onQueryChange}
            searchable={false}
            onRowClick={(r) => setChosen(r.month)}
            getRowId={(r) => r.month}
          />
          {month ? (
            <Card
              title={`Statement ${month}`}
              actions={
                <ButtonLink href={`/partner/commissions/${month}/pdf`} variant="secondary" prefetch={false}>
                  Download PDF
                </ButtonLink>
              }
            >
              {statement.isLoading ? <Spinner label="Loading the statement" /> : null}
              {statement.data ? (
                <div className="stack">
                  <DataTable
                    caption={`Entries of ${month}`}
                    columns={entryColumns}
                    rows={pagedEntries.rows}
                    total={pagedEntries.total}
                    query={pagedEntries.query}
                    onQueryChange={pagedEntries.onQueryChange}
                    searchable={false}
                  />
                  <p data-testid="statement-total">
                    Total: <Money amount={statement.data.totalMinor} currency={statement.data.currency ?? undefined} />
                    {statement.data.payout ? " · paid out" : " · not paid out yet"}
                  </p>
                </div>
              ) : null}
            </Card>
          ) : null}
        </>
      ) : (
        <EmptyState
          title="No commission yet"
          description="Commission is recorded when your customers' invoices are paid."
        />
      )}
    </div>
  );
}
