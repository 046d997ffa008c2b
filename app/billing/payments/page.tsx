"use client";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Suspense, useState } from "react";
import { DataTable, defineColumns, useListQuery } from "@/components/data-table";
import { useToast } from "@/components/toast";
import { useTRPC } from "@/components/trpc";
import {
  Alert,
  Button,
  Card,
  DateTime,
  Field,
  FormActions,
  Input,
  Money,
  PageHeader,
  Select,
  StatusBadge,
  useFormat,
} from "@/components/ui";
import { parseMajor } from "@/lib/money";
import { METHOD_LABELS } from "../format";

type Row = {
  id: string;
  method: string;
  status: string;
  amountMinor: number;
  refundedMinor: number;
  currency: string;
  reference: string | null;
  receivedAt: Date;
  customerName: string;
  allocations: Array<{ invoice: { number: string | null } }>;
};

function RefundButton({ row }: { row: Row }) {
  const trpc = useTRPC();
  const toast = useToast();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const [amount, setAmount] = useState("");
  const m = useMutation(
    trpc.payments.refund.mutationOptions({
      onSuccess: () => {
        toast.success("Refund recorded");
        setOpen(false);
        void qc.invalidateQueries({ queryKey: trpc.payments.list.queryKey() });
      },
      onError: (e) => toast.error(e),
    }),
  );
  if (row.refundedMinor >= row.amountMinor) return null;
  if (!open)
    return (
      <Button size="sm" variant="ghost" onClick={() => setOpen(true)}>
        Refund
      </Button>
    );
  return (
    <form
      className="row"
      onSubmit={(e) => {
        e.preventDefault();
        try {
          const amountMinor = parseMajor(amount, row.currency);
          m.mutate({
            paymentId: row.id,
            amountMinor,
            reason: "refund by staff",
            idempotencyKey: `refund:${row.id}:${amountMinor}:${row.refundedMinor}`,
          });
        } catch (err) {
          toast.error((err as Error).message);
        }
      }}
    >
      <Input
        aria-label="Refund amount"
        value={amount}
        onChange={(e) => setAmount(e.target.value)}
        style={{ width: 90 }}
      />
      <Button size="sm" type="submit" variant="danger" loading={m.isPending}>
        Refund
      </Button>
    </form>
  );
}

const columns = defineColumns<Row>((c) => [
  c.accessor("receivedAt", { header: "Received", enableSorting: true, cell: (i) => <DateTime value={i.getValue()} /> }),
  c.accessor("customerName", { header: "Customer" }),
  c.accessor("method", {
    header: "Method",
    enableSorting: true,
    cell: (i) => METHOD_LABELS[i.getValue()] ?? i.getValue(),
  }),
  c.accessor("reference", { header: "Reference", cell: (i) => <span className="mono small">{i.getValue()}</span> }),
  c.accessor((r) => r.allocations.map((a) => a.invoice.number).join(", "), { id: "invoices", header: "Invoices" }),
  c.accessor("amountMinor", {
    header: "Amount",
    enableSorting: true,
    meta: { align: "right" },
    cell: (i) => <Money amount={i.getValue()} currency={i.row.original.currency} />,
  }),
  c.accessor("status", { header: "Status", cell: (i) => <StatusBadge status={i.getValue()} /> }),
  c.display({ id: "actions", header: "", cell: (i) => <RefundButton row={i.row.original} /> }),
]);

function RecordPayment() {
  const trpc = useTRPC();
  const toast = useToast();
  const qc = useQueryClient();
  const { currency } = useFormat();
  const [search, setSearch] = useState("");
  const [customerId, setCustomerId] = useState("");
  const [amount, setAmount] = useState("");
  const [method, setMethod] = useState<"CASH" | "BANK_TRANSFER">("BANK_TRANSFER");
  const [reference, setReference] = useState("");
  const [error, setError] = useState<string | null>(null);
  const customers = useQuery(
    trpc.customers.list.queryOptions(
      { page: 1, pageSize: 10, search: search || undefined },
      { enabled: search.length >= 2 },
    ),
  );
  const account = useQuery(trpc.billing.reports.account.queryOptions({ customerId }, { enabled: Boolean(customerId) }));
  const m = useMutation(
    trpc.payments.record.mutationOptions({
      onSuccess: (r) => {
        toast.success(
          `Payment recorded: ${r.allocations.length} invoice(s) paid${r.toCreditBalance ? ", rest to the credit balance" : ""}`,
        );
        setAmount("");
        setReference("");
        void qc.invalidateQueries({ queryKey: trpc.payments.list.queryKey() });
        void account.refetch();
      },
      onError: (e) => toast.error(e),
    }),
  );
  return (
    <Card title="Record a cash or bank payment">
      <form
        className="stack-sm"
        onSubmit={(e) => {
          e.preventDefault();
          setError(null);
          try {
            const amountMinor = parseMajor(amount, currency);
            m.mutate({
              customerId,
              method,
              amountMinor,
              reference: reference || null,
              idempotencyKey: `pay:${customerId}:${amountMinor}:${reference || Date.now()}`,
            });
          } catch (err) {
            setError((err as Error).message);
          }
        }}
      >
        <div className="form-grid">
          <Field label="Find customer" hint="Name, number or email (2+ letters)">
            <Input value={search} onChange={(e) => setSearch(e.target.value)} />
          </Field>
          <Field label="Customer" required>
            <Select
              value={customerId}
              onChange={(e) => setCustomerId(e.target.value)}
              placeholder="Choose…"
              options={((customers.data?.rows ?? []) as Array<{ id: string; name: string; number: string }>).map(
                (c) => ({
                  value: c.id,
                  label: `${c.name} (${c.number})`,
                }),
              )}
            />
          </Field>
          <Field label="Amount" required>
            <Input value={amount} onChange={(e) => setAmount(e.target.value)} inputMode="decimal" placeholder="0.00" />
          </Field>
          <Field label="Method">
            <Select
              value={method}
              onChange={(e) => setMethod(e.target.value as "CASH" | "BANK_TRANSFER")}
              options={[
                { value: "BANK_TRANSFER", label: "Bank transfer" },
                { value: "CASH", label: "Cash" },
              ]}
            />
          </Field>
          <Field label="Reference">
            <Input value={reference} onChange={(e) => setReference(e.target.value)} />
          </Field>
        </div>
        {account.data ? (
          <p className="small muted">
            Open: <Money amount={account.data.balanceDueMinor} /> in {account.data.openInvoices.length} invoice(s),
            overdue <Money amount={account.data.overdueMinor} />, credit balance{" "}
            <Money amount={account.data.creditBalanceMinor} />. The payment goes to the oldest open invoices first.
          </p>
        ) : null}
        {error ? <Alert tone="danger">{error}</Alert> : null}
        <FormActions>
          <Button type="submit" variant="primary" disabled={!customerId || !amount} loading={m.isPending}>
            Record payment
          </Button>
        </FormActions>
      </form>
    </Card>
  );
}

function PaymentsPage() {
  const trpc = useTRPC();
  const list = useListQuery({ sort: { id: "receivedAt", desc: true } });
  const q = useQuery(trpc.payments.list.queryOptions(list.query, { placeholderData: keepPreviousData }));
  return (
    <div className="stack">
      <PageHeader title="Payments" description="Card payments from the portal, cash and bank transfers, refunds." />
      <RecordPayment />
      <DataTable
        caption="Payments"
        columns={columns}
        rows={q.data?.rows as Row[] | undefined}
        total={q.data?.total}
        loading={q.isFetching}
        error={q.error}
        query={list.query}
        onQueryChange={list.onQueryChange}
        searchPlaceholder="Reference, invoice number…"
        filters={[
          {
            id: "method",
            label: "Method",
            options: Object.entries(METHOD_LABELS).map(([value, label]) => ({ value, label })),
          },
        ]}
      />
    </div>
  );
}

export default function Page() {
  return (
    <Suspense>
      <PaymentsPage />
    </Suspense>
  );
}
