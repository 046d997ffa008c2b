"use client";
// J4 equipment returns: what disconnected subscribers owe back, received (the item's return
// into the warehouse) and inspected here; the due-date policy; the daily pass on demand
// (reminders after the due date, one charge after the grace).
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { type FormEvent, useEffect, useState } from "react";
import { useConfirm } from "@/components/confirm";
import { DataTable, defineColumns, useListQuery } from "@/components/data-table";
import { useToast } from "@/components/toast";
import { fieldErrors, useTRPC } from "@/components/trpc";
import { Badge, Button, Card, DateTime, Field, FormActions, Input, Money, Select } from "@/components/ui";

type ReturnRow = {
  id: string;
  subscriberId: string;
  username: string;
  workOrderId: string | null;
  serial: string;
  model: string;
  condition: string;
  status: "OPEN" | "RETURNED" | "CHARGED" | "CANCELLED";
  dueOn: string;
  overdue: boolean;
  noticeSentAt: string | Date | null;
  chargedAt: string | Date | null;
  amountMinor: number | null;
};

const STATUS = [
  { value: "OPEN", label: "Awaiting return" },
  { value: "RETURNED", label: "Returned" },
  { value: "CHARGED", label: "Charged" },
  { value: "CANCELLED", label: "Cancelled" },
];
const statusLabel = (s: string) => STATUS.find((o) => o.value === s)?.label ?? s;
const OUTCOMES = [
  { value: "GOOD", label: "Good: back to stock" },
  { value: "REFURBISH", label: "Refurbish" },
  { value: "RMA", label: "Send to the vendor (RMA)" },
  { value: "SCRAP", label: "Scrap" },
] as const;

function ReturnActions({ row }: { row: ReturnRow }) {
  const trpc = useTRPC();
  const toast = useToast();
  const confirm = useConfirm();
  const queryClient = useQueryClient();
  const [outcome, setOutcome] = useState<(typeof OUTCOMES)[number]["value"]>("GOOD");
  const done = () => queryClient.invalidateQueries({ queryKey: trpc.inventory.pathKey() });
  const receive = useMutation(trpc.inventory.return.mutationOptions({ onSuccess: done, onError: toast.error }));
  const inspect = useMutation(trpc.inventory.inspect.mutationOptions({ onSuccess: done, onError: toast.error }));
  if (row.status === "OPEN")
    return (
      <Button
        size="sm"
        loading={receive.isPending}
        onClick={async () => {
          const ok = await confirm({
            title: `Receive ${row.serial}?`,
            body: <p>It goes into the main warehouse, to be inspected; the subscriber is not charged for it.</p>,
            confirmLabel: "Receive",
          });
          if (!ok) return;
          await receive.mutateAsync({ serial: row.serial, note: "Returned after the disconnect" });
          toast.success(`${row.serial} received`);
        }}
      >
        Receive {row.serial}
      </Button>
    );
  if (row.status === "RETURNED" && row.condition === "NEEDS_INSPECTION")
    return (
      <span className="row">
        <Select
          aria-label={`Inspection of ${row.serial}`}
          value={outcome}
          onChange={(e) => setOutcome(e.target.value as typeof outcome)}
          options={[...OUTCOMES]}
        />
        <Button
          size="sm"
          loading={inspect.isPending}
          onClick={async () => {
            await inspect.mutateAsync({ serial: row.serial, outcome });
            toast.success(`${row.serial} inspected`);
          }}
        >
          Record inspection
        </Button>
      </span>
    );
  return row.status === "RETURNED" ? <span>{row.condition.toLowerCase().replace("_", " ")}</span> : null;
}

const columns = defineColumns<ReturnRow>((c) => [
  c.accessor("serial", {
    header: "Serial",
    cell: (i) => (
      <>
        <span className="mono">{i.getValue()}</span> · {i.row.original.model}
      </>
    ),
  }),
  c.accessor("status", {
    header: "Status",
    enableSorting: true,
    cell: (i) => (
      <Badge tone={i.getValue() === "CHARGED" ? "danger" : i.row.original.overdue ? "warning" : "neutral"}>
        {i.row.original.overdue ? "Overdue" : statusLabel(i.getValue())}
      </Badge>
    ),
  }),
  c.accessor("dueOn", { header: "Due", enableSorting: true }),
  c.accessor("noticeSentAt", {
    header: "Reminded",
    meta: { hideOnMobile: true },
    cell: (i) => (i.getValue() ? <DateTime value={i.getValue()} /> : "—"),
  }),
  c.accessor("amountMinor", {
    header: "Charged",
    meta: { align: "right" },
    cell: (i) => (i.row.original.status === "CHARGED" ? <Money amount={i.getValue()} /> : "—"),
  }),
  c.display({
    id: "subscriber",
    header: "Subscriber",
    meta: { hideOnMobile: true },
    cell: (i) => <Link href={`/noc/subscribers/${i.row.original.subscriberId}`}>{i.row.original.username}</Link>,
  }),
  c.display({ id: "actions", header: "Action", cell: (i) => <ReturnActions row={i.row.original} /> }),
]);

export function EquipmentReturnsCard() {
  const trpc = useTRPC();
  const toast = useToast();
  const confirm = useConfirm();
  const queryClient = useQueryClient();
  const list = useListQuery({ sort: { id: "dueOn", desc: false } });
  const returns = useQuery(trpc.inventory.returns.list.queryOptions(list.query, { placeholderData: keepPreviousData }));
  const run = useMutation(
    trpc.inventory.returns.runNow.mutationOptions({
      onSuccess: (r) => {
        toast.success(`Returns checked: ${r.reminded} reminded, ${r.charged} charged`);
        queryClient.invalidateQueries({ queryKey: trpc.inventory.pathKey() });
      },
      onError: toast.error,
    }),
  );
  return (
    <Card title="Equipment returns" aria-label="Equipment returns">
      <div className="stack">
        <div className="row">
          <Button
            loading={run.isPending}
            onClick={async () => {
              const ok = await confirm({
                title: "Check the returns now?",
                body: (
                  <p>
                    Subscribers with equipment past its due date are reminded once; what is still out after the grace is
                    charged on their next invoice.
                  </p>
                ),
                confirmLabel: "Check returns",
              });
              if (ok) run.mutate();
            }}
          >
            Check returns now
          </Button>
        </div>
        <DataTable
          caption="Equipment returns"
          columns={columns}
          rows={returns.data?.rows}
          total={returns.data?.total}
          loading={returns.isFetching}
          error={returns.error}
          query={list.query}
          onQueryChange={list.onQueryChange}
          searchPlaceholder="Search serial…"
          filters={[{ id: "status", label: "Status", options: STATUS }]}
          empty="No equipment to get back: a disconnect opens a return for every item at the customer's."
        />
        <ReturnPolicyForm />
      </div>
    </Card>
  );
}

function ReturnPolicyForm() {
  const trpc = useTRPC();
  const toast = useToast();
  const queryClient = useQueryClient();
  const policy = useQuery(trpc.inventory.returns.policy.queryOptions());
  const [form, setForm] = useState({ dueDays: "", graceDays: "" });
  useEffect(() => {
    if (policy.data) setForm({ dueDays: String(policy.data.dueDays), graceDays: String(policy.data.graceDays) });
  }, [policy.data]);
  const save = useMutation(
    trpc.inventory.returns.setPolicy.mutationOptions({
      onSuccess: () => {
        toast.success("Return policy saved");
        queryClient.invalidateQueries({ queryKey: trpc.inventory.returns.policy.queryKey() });
      },
    }),
  );
  const errors = fieldErrors(save.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate({ dueDays: Number(form.dueDays), graceDays: Number(form.graceDays) });
  };
  return (
    <form className="stack-sm" aria-label="Return policy" onSubmit={submit}>
      <div className="row">
        <Field label="Days to return" hint="From the disconnect" error={errors.dueDays}>
          <Input
            type="number"
            min={1}
            max={120}
            value={form.dueDays}
            onChange={(e) => setForm({ ...form, dueDays: e.target.value })}
          />
        </Field>
        <Field label="Grace before charging (days)" hint="After the reminder" error={errors.graceDays}>
          <Input
            type="number"
            min={0}
            max={120}
            value={form.graceDays}
            onChange={(e) => setForm({ ...form, graceDays: e.target.value })}
          />
        </Field>
      </div>
      <FormActions>
        <Button type="submit" loading={save.isPending}>
          Save policy
        </Button>
      </FormActions>
    </form>
  );
}
