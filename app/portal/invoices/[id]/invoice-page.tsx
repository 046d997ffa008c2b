"use client";
// One invoice for the subscriber: what it bills, taxes and totals, payments made, the PDF,
// and "Pay" while something is open.
import { useQuery } from "@tanstack/react-query";
import { useSearchParams } from "next/navigation";
import { errorMessage, useTRPC } from "@/components/trpc";
import {
  Alert,
  ButtonLink,
  Card,
  DateTime,
  DescriptionList,
  EmptyState,
  humanize,
  Money,
  PageHeader,
  Spinner,
} from "@/components/ui";
import styles from "../../portal.module.css";
import { InvoiceStatus, isOverdue, PayButton, PdfLink } from "../../portal-ui";

type BillTo = { name?: string; companyName?: string | null; lines?: string[]; taxId?: string | null };

export function InvoicePage({ id }: { id: string }) {
  const trpc = useTRPC();
  const cancelled = useSearchParams().get("cancelled") === "1";
  const q = useQuery(trpc.billing.portal.invoice.queryOptions({ id }));

  if (q.isLoading) return <Spinner label="Loading the invoice" />;
  if (q.error || !q.data)
    return (
      <div className="stack">
        <Alert tone="danger">{errorMessage(q.error) || "Invoice was not found"}</Alert>
        <ButtonLink href="/portal/invoices">Back to your invoices</ButtonLink>
      </div>
    );
  const inv = q.data;
  const billTo = inv.billTo as BillTo;
  const open = inv.amountDueMinor > 0 && (inv.status === "ISSUED" || inv.status === "PARTIALLY_PAID");
  const money = (amount: number) => <Money amount={amount} currency={inv.currency} />;

  return (
    <div className="stack">
      <PageHeader
        title={`Invoice ${inv.number ?? ""}`}
        breadcrumbs={[{ label: "Invoices", href: "/portal/invoices" }, { label: inv.number ?? "Invoice" }]}
        actions={
          <>
            <PdfLink invoiceId={inv.id} number={inv.number} className="btn btn-secondary" />
            {open ? <PayButton invoiceId={inv.id} amountMinor={inv.amountDueMinor} currency={inv.currency} /> : null}
          </>
        }
      />
      {cancelled && open ? (
        <Alert tone="info" title="Payment cancelled">
          Nothing was charged. You can pay whenever you are ready.
        </Alert>
      ) : null}
      {inv.status === "PAID" ? (
        <Alert tone="success" title="Paid">
          Thank you — this invoice is paid in full.
        </Alert>
      ) : null}
      {inv.status === "VOID" ? <Alert tone="neutral" title="This invoice was cancelled" /> : null}

      <div className="grid-2">
        <Card title="Summary">
          <DescriptionList
            items={[
              { label: "Status", value: <InvoiceStatus status={inv.status} overdue={isOverdue(inv)} /> },
              { label: "Invoice date", value: <DateTime value={inv.issueDate} mode="date" timeZone="UTC" /> },
              { label: "Due", value: <DateTime value={inv.dueDate} mode="date" timeZone="UTC" /> },
              ...(inv.periodStart && inv.periodEnd
                ? [
                    {
                      label: "Period",
                      value: (
                        <>
                          <DateTime value={inv.periodStart} mode="date" timeZone="UTC" /> –{" "}
                          <DateTime
                            value={new Date(new Date(inv.periodEnd).getTime() - 86_400_000)}
                            mode="date"
                            timeZone="UTC"
                          />
                        </>
                      ),
                    },
                  ]
                : []),
              { label: "Amount due", value: <strong data-testid="amount-due">{money(inv.amountDueMinor)}</strong> },
            ]}
          />
        </Card>
        <Card title="Billed to">
          <address className="stack-sm" style={{ fontStyle: "normal" }}>
            <strong>{billTo.companyName || billTo.name}</strong>
            {billTo.companyName ? <span>{billTo.name}</span> : null}
            {(billTo.lines ?? []).map((l) => (
              <span key={l}>{l}</span>
            ))}
            {billTo.taxId ? <span className="small muted">Tax id {billTo.taxId}</span> : null}
          </address>
        </Card>
      </div>

      <Card title="Charges" padded={false}>
        <div className={styles.lines}>
          <table className="table">
            <caption className="sr-only">Invoice lines</caption>
            <thead>
              <tr>
                <th scope="col">Description</th>
                <th scope="col" className="num hide-mobile">
                  Qty
                </th>
                <th scope="col" className="num hide-mobile">
                  Tax
                </th>
                <th scope="col" className="num">
                  Amount
                </th>
              </tr>
            </thead>
            <tbody>
              {inv.lines.map((l) => (
                <tr key={l.id}>
                  <td>
                    {l.description}
                    {l.quantity > 1 ? (
                      <span className="small muted">
                        {" "}
                        · {l.quantity} × {money(l.unitAmountMinor)}
                      </span>
                    ) : null}
                  </td>
                  <td className="num hide-mobile">{l.quantity}</td>
                  <td className="num hide-mobile">{l.taxRateName ?? "—"}</td>
                  <td className="num">{money(inv.pricesIncludeTax ? l.grossMinor : l.netMinor)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div className="card-body">
          <div className={styles.totals}>
            <div>
              <span>Net</span>
              {money(inv.subtotalMinor)}
            </div>
            <div>
              <span>Tax{inv.pricesIncludeTax ? " (included)" : ""}</span>
              {money(inv.taxMinor)}
            </div>
            <div className={styles.grand}>
              <span>Total</span>
              {money(inv.totalMinor)}
            </div>
            {inv.paidMinor > 0 ? (
              <div>
                <span>Paid</span>
                {money(-inv.paidMinor)}
              </div>
            ) : null}
            {inv.creditedMinor > 0 ? (
              <div>
                <span>Credited</span>
                {money(-inv.creditedMinor)}
              </div>
            ) : null}
            <div className={styles.grand}>
              <span>Amount due</span>
              {money(inv.amountDueMinor)}
            </div>
          </div>
        </div>
      </Card>

      <Card title="Payments">
        {inv.allocations.length === 0 ? (
          <EmptyState title="No payments yet" description={open ? "Pay by card with the button above." : undefined} />
        ) : (
          <ul className={`list-plain ${styles.invoiceList}`}>
            {inv.allocations.map((a) => (
              <li key={a.id} className={styles.invoiceRow}>
                <div className="grow">
                  <strong>{humanize(a.payment.method)}</strong>
                  <div className="small muted">
                    <DateTime value={a.payment.receivedAt} />
                    {a.payment.reference ? <span className="mono"> · {a.payment.reference}</span> : null}
                  </div>
                </div>
                {money(a.amountMinor)}
              </li>
            ))}
          </ul>
        )}
      </Card>
      {inv.notes ? <p className="muted">{inv.notes}</p> : null}
    </div>
  );
}
