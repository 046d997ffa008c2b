"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTRPC } from "@/components/trpc";
import {
  Alert,
  ButtonLink,
  Card,
  DateTime,
  EmptyState,
  Money,
  PageHeader,
  Spinner,
  Stat,
  StatusBadge,
} from "@/components/ui";
import { day, lastDay } from "./format";

export function BillingOverview({ permissions }: { permissions: string[] }) {
  const trpc = useTRPC();
  const can = (p: string) => permissions.includes(p);
  const overview = useQuery(trpc.billing.reports.overview.queryOptions());
  const dunning = useQuery(trpc.dunning.summary.queryOptions(undefined, { enabled: can("dunning.read") }));
  if (overview.isLoading) return <Spinner label="Loading billing" />;
  if (!overview.data) return <Alert tone="danger">{overview.error?.message ?? "Billing could not be loaded"}</Alert>;
  const o = overview.data;
  return (
    <div className="stack">
      <PageHeader
        title="Billing"
        description={`Receivables as of ${o.today} (billing date).`}
        actions={
          can("billing.run") ? (
            <ButtonLink href="/billing/runs" variant="primary">
              Billing runs
            </ButtonLink>
          ) : null
        }
      />
      <div className="grid-4">
        <Stat
          label="Open receivables"
          value={<Money amount={o.openMinor} currency={o.currency} />}
          hint={`${o.openInvoices} open invoice(s)`}
          href="/billing/invoices?f.status=OPEN"
        />
        <Stat
          label="Overdue"
          tone={o.overdueMinor > 0 ? "danger" : undefined}
          value={<Money amount={o.overdueMinor} currency={o.currency} />}
          hint={`${o.overdueInvoices} overdue invoice(s)`}
          href="/billing/invoices?f.status=OVERDUE"
        />
        {dunning.data ? (
          <Stat
            label="Dunning cases"
            value={dunning.data.openCases}
            hint={`${dunning.data.suspended} suspended, ${dunning.data.disconnected} disconnected`}
            href="/billing/dunning"
          />
        ) : null}
        <Stat label="Drafts" value={o.drafts} hint="Invoices not issued yet" href="/billing/invoices?f.status=DRAFT" />
      </div>
      <div className="grid-2">
        <Card
          title="Last billing runs"
          actions={can("billing.run") ? <Link href="/billing/runs">All runs</Link> : null}
        >
          {o.runs.length === 0 ? (
            <EmptyState title="No billing run yet" description="Runs start by themselves on the billing day." />
          ) : (
            <table className="table">
              <thead>
                <tr>
                  <th>Cycle</th>
                  <th>Status</th>
                  <th className="num">Invoices</th>
                  <th className="num">Total</th>
                  <th>Started</th>
                </tr>
              </thead>
              <tbody>
                {o.runs.map((r) => (
                  <tr key={r.id}>
                    <td>
                      {can("billing.run") ? (
                        <Link href={`/billing/runs/${r.id}`}>
                          {day(r.periodStart)} – {lastDay(r.periodEnd)}
                        </Link>
                      ) : (
                        `${day(r.periodStart)} – ${lastDay(r.periodEnd)}`
                      )}
                    </td>
                    <td>
                      <StatusBadge status={r.status} />
                    </td>
                    <td className="num">{r.invoicesCreated}</td>
                    <td className="num">
                      <Money amount={r.totalMinor} currency={o.currency} />
                    </td>
                    <td>
                      <DateTime value={r.startedAt} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Card>
        <Card title="Billing pages">
          <ul className="list-plain stack-sm">
            <li>
              <Link href="/billing/invoices">Invoices</Link> — filter, search, issue, email, void
            </li>
            {can("payment.read") ? (
              <li>
                <Link href="/billing/payments">Payments</Link> — record cash and bank transfers, refunds
              </li>
            ) : null}
            <li>
              <Link href="/billing/credit-notes">Credit notes</Link>
            </li>
            {can("dunning.read") ? (
              <li>
                <Link href="/billing/dunning">Dunning</Link> — overdue accounts, the policy
              </li>
            ) : null}
            <li>
              <Link href="/billing/ageing">AR ageing</Link> — open amounts by days past due
            </li>
          </ul>
        </Card>
      </div>
    </div>
  );
}
