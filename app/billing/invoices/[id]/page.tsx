"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { use, useState } from "react";
import { useConfirm } from "@/components/confirm";
import { useToast } from "@/components/toast";
import { useTRPC } from "@/components/trpc";
import {
  Alert,
  Button,
  Card,
  DescriptionList,
  Field,
  FormActions,
  Input,
  Money,
  PageHeader,
  Select,
  Spinner,
  StatusBadge,
} from "@/components/ui";
import { parseMajor } from "@/lib/money";
import { day, lastDay, METHOD_LABELS } from "../../format";

export default function InvoicePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = use(params);
  const trpc = useTRPC();
  const qc = useQueryClient();
  const toast = useToast();
  const confirm = useConfirm();
  const q = useQuery(trpc.billing.invoices.get.queryOptions({ id }));
  const taxRates = useQuery(trpc.billing.reports.taxRates.queryOptions());
  const refresh = () => qc.invalidateQueries({ queryKey: trpc.billing.invoices.get.queryKey({ id }) });
  const onError = (e: unknown) => toast.error(e);
  const issue = useMutation(
    trpc.billing.invoices.issue.mutationOptions({
      onSuccess: () => (toast.success("Invoice issued"), refresh()),
      onError,
    }),
  );
  const email = useMutation(
    trpc.billing.invoices.email.mutationOptions({
      onSuccess: () => (toast.success("Invoice emailed"), refresh()),
      onError,
    }),
  );
  const voidM = useMutation(
    trpc.billing.invoices.void.mutationOptions({
      onSuccess: () => (toast.success("Invoice voided"), refresh()),
      onError,
    }),
  );
  const credit = useMutation(
    trpc.billing.creditNotes.create.mutationOptions({
      onSuccess: (n) => {
        toast.success(`Credit note ${n.number} issued`);
        setCreditAmount("");
        setCreditReason("");
        void refresh();
      },
      onError,
    }),
  );
  const pay = useMutation(
    trpc.payments.record.mutationOptions({
      onSuccess: () => {
        toast.success("Payment recorded");
        setPayAmount("");
        void refresh();
      },
      onError,
    }),
  );
  const [creditAmount, setCreditAmount] = useState("");
  const [creditReason, setCreditReason] = useState("");
  const [creditRate, setCreditRate] = useState("");
  const [payAmount, setPayAmount] = useState("");
  const [payMethod, setPayMethod] = useState<"CASH" | "BANK_TRANSFER">("BANK_TRANSFER");
  const [payRef, setPayRef] = useState("");
  const [formError, setFormError] = useState<string | null>(null);

  if (q.isLoading) return <Spinner label="Loading invoice" />;
  if (q.error || !q.data) return <Alert tone="danger">{q.error?.message ?? "Invoice not found"}</Alert>;
  const inv = q.data;
  const billTo = inv.billTo as { name?: string; email?: string; number?: string; lines?: string[] };
  const open = inv.status === "ISSUED" || inv.status === "PARTIALLY_PAID";
  const toMinor = (text: string) => {
    try {
      return parseMajor(text, inv.currency);
    } catch (e) {
      setFormError((e as Error).message);
      return null;
    }
  };

  return (
    <div className="stack">
      <PageHeader
        title={inv.number ? `Invoice ${inv.number}` : "Draft invoice"}
        breadcrumbs={[{ label: "Invoices", href: "/billing/invoices" }, { label: inv.number ?? "Draft" }]}
        actions={
          <>
            <a className="btn btn-secondary" href={`/billing/invoices/${inv.id}/pdf`} target="_blank" rel="noreferrer">
              PDF
            </a>
            {inv.status === "DRAFT" ? (
              <Button
                variant="primary"
                loading={issue.isPending}
                onClick={() => issue.mutate({ ids: [inv.id], email: true })}
              >
                Issue and email
              </Button>
            ) : (
              <Button
                loading={email.isPending}
                disabled={inv.status === "VOID"}
                onClick={() => email.mutate({ ids: [inv.id] })}
              >
                Email again
              </Button>
            )}
            {open && inv.paidMinor === 0 ? (
              <Button
                variant="danger"
                loading={voidM.isPending}
                onClick={async () => {
                  if (
                    await confirm({
                      title: `Void invoice ${inv.number}?`,
                      body: "It stays in the numbering as VOID.",
                      danger: true,
                      confirmLabel: "Void",
                    })
                  )
                    voidM.mutate({ id: inv.id, reason: "voided by staff" });
                }}
              >
                Void
              </Button>
            ) : null}
          </>
        }
      />
      <div className="grid-3">
        <Card title="Status">
          <DescriptionList
            items={[
              { label: "Status", value: <StatusBadge status={inv.status} /> },
              { label: "Issued", value: day(inv.issueDate) },
              { label: "Due", value: day(inv.dueDate) },
              {
                label: "Period",
                value: inv.periodStart ? `${day(inv.periodStart)} – ${lastDay(inv.periodEnd)}` : null,
              },
              { label: "Emailed", value: inv.emailedAt ? day(inv.emailedAt) : null },
            ]}
          />
        </Card>
        <Card title="Bill to">
          <p className="mb-0">
            <strong>{billTo.name}</strong>
            {billTo.number ? <span className="muted"> · {billTo.number}</span> : null}
          </p>
          <p className="muted small">{billTo.email}</p>
          {(billTo.lines ?? []).map((l) => (
            <div key={l} className="small">
              {l}
            </div>
          ))}
        </Card>
        <Card title="Amounts">
          <DescriptionList
            items={[
              { label: "Subtotal", value: <Money amount={inv.subtotalMinor} currency={inv.currency} /> },
              { label: "Tax", value: <Money amount={inv.taxMinor} currency={inv.currency} /> },
              { label: "Total", value: <Money amount={inv.totalMinor} currency={inv.currency} /> },
              { label: "Paid", value: <Money amount={inv.paidMinor} currency={inv.currency} /> },
              { label: "Credited", value: <Money amount={inv.creditedMinor} currency={inv.currency} /> },
              {
                label: "Amount due",
                value: (
                  <strong>
                    <Money amount={inv.amountDueMinor} currency={inv.currency} />
                  </strong>
                ),
              },
            ]}
          />
        </Card>
      </div>
      <Card title="Lines" padded={false}>
        <table className="table">
          <thead>
            <tr>
              <th>Description</th>
              <th className="num">Qty</th>
              <th className="num">Unit</th>
              <th className="num">Tax rate</th>
              <th className="num">Net</th>
              <th className="num">Tax</th>
              <th className="num">Gross</th>
            </tr>
          </thead>
          <tbody>
            {inv.lines.map((l) => (
              <tr key={l.id} data-kind={l.kind}>
                <td>
                  {l.description} <span className="badge badge-neutral">{l.kind.toLowerCase()}</span>
                </td>
                <td className="num">{l.quantity}</td>
                <td className="num">
                  <Money amount={l.unitAmountMinor} currency={inv.currency} />
                </td>
                <td className="num">{l.taxRateName ?? `${l.taxBasisPoints / 100}%`}</td>
                <td className="num">
                  <Money amount={l.netMinor} currency={inv.currency} />
                </td>
                <td className="num">
                  <Money amount={l.taxMinor} currency={inv.currency} />
                </td>
                <td className="num">
                  <Money amount={l.grossMinor} currency={inv.currency} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
      <div className="grid-2">
        <Card title="Payments and credit notes">
          {inv.allocations.length === 0 && inv.creditNotes.length === 0 ? <p className="muted">None yet.</p> : null}
          <ul className="list-plain">
            {inv.allocations.map((a) => (
              <li key={a.id}>
                {day(a.createdAt)} · {METHOD_LABELS[a.payment.method] ?? a.payment.method}{" "}
                {a.payment.reference ? <span className="mono small">{a.payment.reference}</span> : null} ·{" "}
                <Money amount={a.amountMinor} currency={inv.currency} />
              </li>
            ))}
            {inv.creditNotes.map((n) => (
              <li key={n.id}>
                Credit note <span className="mono">{n.number}</span> · {n.reason} ·{" "}
                <Money amount={-n.totalMinor} currency={inv.currency} />
              </li>
            ))}
          </ul>
        </Card>
        {open ? (
          <Card title="Record a payment">
            <form
              className="stack-sm"
              onSubmit={(e) => {
                e.preventDefault();
                setFormError(null);
                const amountMinor = toMinor(payAmount);
                if (amountMinor === null) return;
                pay.mutate({
                  customerId: inv.customerId,
                  method: payMethod,
                  amountMinor,
                  reference: payRef || null,
                  allocations: [{ invoiceId: inv.id }],
                  idempotencyKey: `pay:${inv.id}:${amountMinor}:${payRef}`,
                });
              }}
            >
              <div className="form-grid">
                <Field label="Amount" required>
                  <Input
                    value={payAmount}
                    onChange={(e) => setPayAmount(e.target.value)}
                    inputMode="decimal"
                    placeholder="0.00"
                  />
                </Field>
                <Field label="Method">
                  <Select
                    value={payMethod}
                    onChange={(e) => setPayMethod(e.target.value as "CASH" | "BANK_TRANSFER")}
                    options={[
                      { value: "BANK_TRANSFER", label: "Bank transfer" },
                      { value: "CASH", label: "Cash" },
                    ]}
                  />
                </Field>
                <Field label="Reference">
                  <Input value={payRef} onChange={(e) => setPayRef(e.target.value)} />
                </Field>
              </div>
              {formError ? <Alert tone="danger">{formError}</Alert> : null}
              <FormActions>
                <Button type="submit" variant="primary" loading={pay.isPending}>
                  Record payment
                </Button>
              </FormActions>
            </form>
          </Card>
        ) : null}
        {inv.status !== "DRAFT" && inv.status !== "VOID" ? (
          <Card title="Issue a credit note">
            <form
              className="stack-sm"
              onSubmit={(e) => {
                e.preventDefault();
                setFormError(null);
                const amountMinor = toMinor(creditAmount);
                if (amountMinor === null) return;
                credit.mutate({
                  invoiceId: inv.id,
                  reason: creditReason,
                  amountMinor,
                  taxRateId: creditRate || null,
                  idempotencyKey: `cn:${inv.id}:${amountMinor}:${creditReason}`,
                });
              }}
            >
              <div className="form-grid">
                <Field label={`Amount (${inv.pricesIncludeTax ? "incl." : "excl."} tax)`} required>
                  <Input value={creditAmount} onChange={(e) => setCreditAmount(e.target.value)} inputMode="decimal" />
                </Field>
                <Field label="Tax rate">
                  <Select
                    value={creditRate}
                    onChange={(e) => setCreditRate(e.target.value)}
                    placeholder="Tenant default"
                    options={(taxRates.data ?? []).map((r) => ({ value: r.id, label: r.name }))}
                  />
                </Field>
                <Field label="Reason" required>
                  <Input value={creditReason} onChange={(e) => setCreditReason(e.target.value)} />
                </Field>
              </div>
              <FormActions>
                <Button type="submit" loading={credit.isPending}>
                  Issue credit note
                </Button>
                <Button
                  variant="ghost"
                  disabled={creditReason.trim().length < 3 || inv.creditNotes.length > 0}
                  onClick={() => credit.mutate({ invoiceId: inv.id, reason: creditReason, full: true })}
                >
                  Credit the whole invoice
                </Button>
              </FormActions>
            </form>
          </Card>
        ) : null}
      </div>
      <p className="small muted">
        <Link href={`/billing/payments?f.customerId=${inv.customerId}`}>Payments of this customer</Link>
      </p>
    </div>
  );
}
