"use client";
// The subscriber's home: their service(s) and plan, what they owe, open invoices with "Pay
// now", and this month's usage at a glance.
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { errorMessage, useTRPC } from "@/components/trpc";
import {
  Alert,
  ButtonLink,
  Card,
  DateTime,
  DescriptionList,
  EmptyState,
  Money,
  PageHeader,
  Spinner,
  Stat,
  StatusBadge,
} from "@/components/ui";
import styles from "./portal.module.css";
import { formatGb, formatSpeed, InvoiceStatus, PayButton, PdfLink } from "./portal-ui";
import { ServiceBanner } from "./service-banner";

export function PortalOverview() {
  const trpc = useTRPC();
  const overview = useQuery(trpc.subscribers.portal.overview.queryOptions());
  const usage = useQuery(trpc.billing.portal.usage.queryOptions({ days: 45 }));

  if (overview.isLoading) return <Spinner label="Loading your account" />;
  if (overview.error || !overview.data)
    return <Alert tone="danger">{errorMessage(overview.error) || "Your account could not be loaded"}</Alert>;
  const o = overview.data;
  const month = new Date().toISOString().slice(0, 7);
  const thisMonth = usage.data?.monthly.find((m) => m.month === month);
  const open = o.openInvoices;

  return (
    <div className="stack">
      <PageHeader title="My account" description="Your service, your bills and your usage in one place." />
      <ServiceBanner />

      {open.length > 0 ? (
        <section className={styles.payPanel} aria-labelledby="balance-due">
          <div>
            <p className="muted mb-0" id="balance-due">
              Balance due
            </p>
            <p className={styles.payAmount} data-testid="balance-due">
              <Money amount={o.balanceDueMinor} currency={o.currency} />
            </p>
            <p className="small muted mb-0">
              {open.length === 1 ? "1 open invoice" : `${open.length} open invoices`}
              {o.overdueMinor > 0 ? (
                <>
                  {" · "}
                  <span className="text-warning">
                    <Money amount={o.overdueMinor} currency={o.currency} /> overdue
                  </span>
                </>
              ) : null}
            </p>
          </div>
          <div className={styles.payAction}>
            <PayButton invoiceId={open[0].id} amountMinor={open[0].amountDueMinor} currency={o.currency} />
            {open.length > 1 ? (
              <p className="small muted mb-0">Pays invoice {open[0].number} (due first); the others are below.</p>
            ) : null}
          </div>
        </section>
      ) : (
        <Alert tone="success" title="You are all paid up">
          Nothing is due right now. Thank you!
        </Alert>
      )}

      <div className="grid-3">
        <Stat
          label="Overdue"
          value={<Money amount={o.overdueMinor} currency={o.currency} />}
          tone={o.overdueMinor > 0 ? "warning" : undefined}
          hint={o.overdueMinor > 0 ? "Please pay to avoid a suspension" : "Nothing overdue"}
        />
        <Stat
          label="Credit on your account"
          value={<Money amount={o.creditBalanceMinor} currency={o.currency} />}
          hint="Used for your next invoice"
        />
        <Stat
          label="Usage this month"
          value={thisMonth ? formatGb(thisMonth.downloadBytes + thisMonth.uploadBytes) : "—"}
          hint={usage.data?.capGb ? `of ${usage.data.capGb} GB included` : "Unlimited data"}
          href="/portal/usage"
        />
      </div>

      {o.services.length === 0 ? (
        <Card title="Your service">
          <EmptyState
            title="No service yet"
            description="Once your connection is installed, your plan and usage appear here."
          />
        </Card>
      ) : (
        o.services.map((s) => (
          <Card
            key={s.subscriptionId}
            title={s.plan?.name ?? "Your service"}
            actions={s.status ? <StatusBadge status={s.status} /> : null}
          >
            <DescriptionList
              items={[
                {
                  label: "Speed",
                  value: s.plan
                    ? `${formatSpeed(s.plan.downloadKbps)} down · ${formatSpeed(s.plan.uploadKbps)} up`
                    : null,
                },
                {
                  label: "Monthly price",
                  value: s.plan ? (
                    <>
                      <Money amount={s.plan.priceMinor} currency={o.currency} />
                      <span className="muted small">{o.pricesIncludeTax ? " incl. tax" : " plus tax"}</span>
                    </>
                  ) : null,
                },
                { label: "Data", value: s.plan?.dataCapGb ? `${s.plan.dataCapGb} GB per month` : "Unlimited" },
                { label: "Login", value: s.username ? <span className="mono wrap-anywhere">{s.username}</span> : null },
                { label: "Paid through", value: <DateTime value={s.paidThrough} mode="date" timeZone="UTC" /> },
                ...(s.pendingPlan
                  ? [
                      {
                        label: "Plan change",
                        value: `${s.pendingPlan.name} from ${s.pendingPlan.from ?? "the next cycle"}`,
                      },
                    ]
                  : []),
              ]}
            />
            {s.status === "SUSPENDED" ? (
              <div className="mt-2">
                <Alert tone="warning" title="Your service is suspended">
                  Pay the open balance and it is restored automatically within minutes.
                </Alert>
              </div>
            ) : null}
          </Card>
        ))
      )}

      <Card
        title="Open invoices"
        actions={
          <ButtonLink href="/portal/invoices" size="sm" variant="ghost">
            All invoices
          </ButtonLink>
        }
      >
        {open.length === 0 ? (
          <EmptyState title="No open invoices" description="Paid invoices are under All invoices." />
        ) : (
          <ul className={`list-plain ${styles.invoiceList}`}>
            {open.map((inv) => (
              <li key={inv.id} className={styles.invoiceRow}>
                <div className="grow">
                  <Link href={`/portal/invoices/${inv.id}`} className="mono">
                    {inv.number}
                  </Link>{" "}
                  <InvoiceStatus status="ISSUED" overdue={inv.overdue} />
                  <div className="small muted">
                    Due <DateTime value={inv.dueDate} mode="date" timeZone="UTC" />
                  </div>
                </div>
                <div className="row">
                  <PdfLink invoiceId={inv.id} number={inv.number} />
                  <PayButton
                    invoiceId={inv.id}
                    amountMinor={inv.amountDueMinor}
                    currency={o.currency}
                    label="Pay"
                    size="sm"
                    variant="secondary"
                  />
                </div>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
