"use client";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { DataTable, defineColumns, useListQuery } from "@/components/data-table";
import { useToast } from "@/components/toast";
import { errorMessage, fieldErrors, useTRPC } from "@/components/trpc";
import { Alert, Badge, Button, Card, Checkbox, Field, FormActions, Input, Money, PageHeader } from "@/components/ui";
import { formatRate } from "../subscribers/format";

type Row = {
  id: string;
  code: string;
  name: string;
  downloadKbps: number;
  uploadKbps: number;
  dataCapGb: number | null;
  priceMinor: number;
  currency: string;
  active: boolean;
  portalSwitchable: boolean;
  subscriberCount: number;
};

const columns = defineColumns<Row>((c) => [
  c.accessor("name", { header: "Plan", enableSorting: true }),
  c.accessor("code", {
    header: "Code",
    enableSorting: true,
    cell: (i) => <span className="mono">{i.getValue()}</span>,
  }),
  c.accessor("downloadKbps", {
    header: "Down / Up",
    enableSorting: true,
    cell: ({ row }) => `${formatRate(row.original.downloadKbps)} / ${formatRate(row.original.uploadKbps)}`,
  }),
  c.accessor("dataCapGb", { header: "Cap", cell: (i) => (i.getValue() ? `${i.getValue()} GB` : "Unlimited") }),
  c.accessor("priceMinor", {
    header: "Price / month",
    enableSorting: true,
    meta: { align: "right" },
    cell: ({ row }) => <Money amount={row.original.priceMinor} currency={row.original.currency} />,
  }),
  c.accessor("subscriberCount", { header: "Subscribers", meta: { align: "right" } }),
  c.accessor("portalSwitchable", {
    header: "Portal",
    meta: { hideOnMobile: true },
    cell: (i) => (i.getValue() ? <Badge tone="info">Switchable</Badge> : null),
  }),
  c.accessor("active", {
    header: "",
    cell: (i) => (i.getValue() ? <Badge tone="success">Active</Badge> : <Badge>Retired</Badge>),
  }),
]);

const EMPTY = {
  code: "",
  name: "",
  down: "",
  up: "",
  burstDown: "",
  burstUp: "",
  cap: "",
  price: "",
  currency: "EUR",
  setup: "0",
  active: true,
  portalSwitchable: false,
};

export function PlansPage() {
  const trpc = useTRPC();
  const toast = useToast();
  const queryClient = useQueryClient();
  const list = useListQuery({ sort: { id: "downloadKbps", desc: false } });
  const q = useQuery(trpc.catalog.plans.list.queryOptions(list.query, { placeholderData: keepPreviousData }));
  const [selected, setSelected] = useState<string | null>(null);
  const detail = useQuery({
    ...trpc.catalog.plans.get.queryOptions({ id: selected ?? "" }),
    enabled: Boolean(selected),
  });
  const [form, setForm] = useState(EMPTY);
  const create = useMutation(
    trpc.catalog.plans.create.mutationOptions({
      onSuccess: (p) => {
        toast.success(`Plan ${p.name} created`);
        setForm(EMPTY);
        queryClient.invalidateQueries({ queryKey: trpc.catalog.pathKey() });
      },
    }),
  );
  const update = useMutation(
    trpc.catalog.plans.update.mutationOptions({
      onSuccess: (p) => {
        toast.success(
          p.portalSwitchable ? `${p.name}: subscribers may switch to it` : `${p.name}: no longer offered in the portal`,
        );
        queryClient.invalidateQueries({ queryKey: trpc.catalog.pathKey() });
      },
      onError: toast.error,
    }),
  );
  const errors = fieldErrors(create.error);
  const set = (k: keyof typeof EMPTY) => (e: { target: { value: string } }) =>
    setForm({ ...form, [k]: e.target.value });
  const mbit = (v: string) => Math.round(Number(v) * 1000);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate({
      code: form.code,
      name: form.name,
      downloadKbps: mbit(form.down),
      uploadKbps: mbit(form.up),
      burstDownloadKbps: form.burstDown ? mbit(form.burstDown) : null,
      burstUploadKbps: form.burstUp ? mbit(form.burstUp) : null,
      dataCapGb: form.cap ? Number(form.cap) : null,
      priceMinor: Math.round(Number(form.price) * 100),
      currency: form.currency,
      setupFeeMinor: Math.round(Number(form.setup || 0) * 100),
      active: form.active,
      portalSwitchable: form.portalSwitchable,
    });
  };
  return (
    <div className="stack">
      <PageHeader
        title="Plans"
        description="The catalogue. Each plan's RADIUS reply attributes are rendered for every NAS vendor from its rates; select a plan to see them."
      />
      <DataTable
        caption="Plans"
        columns={columns}
        rows={q.data?.rows as Row[] | undefined}
        total={q.data?.total}
        loading={q.isFetching}
        error={q.error}
        query={list.query}
        onQueryChange={list.onQueryChange}
        onRowClick={(r) => setSelected(r.id)}
        searchPlaceholder="Name or code…"
      />
      {detail.data ? (
        <Card
          title={`RADIUS profile of ${detail.data.name}`}
          actions={
            <div className="row">
              <Button
                size="sm"
                loading={update.isPending}
                onClick={() =>
                  update.mutate({ id: detail.data.id, data: { portalSwitchable: !detail.data.portalSwitchable } })
                }
              >
                {detail.data.portalSwitchable ? "Stop offering in the portal" : "Offer in the portal"}
              </Button>
              <Button size="sm" onClick={() => setSelected(null)}>
                Close
              </Button>
            </div>
          }
        >
          <table className="table">
            <thead>
              <tr>
                <th>NAS vendor</th>
                <th>Reply attributes</th>
              </tr>
            </thead>
            <tbody>
              {detail.data.radius.map((r) => (
                <tr key={r.vendor}>
                  <td>{r.vendor}</td>
                  <td className="mono small">
                    {r.attributes.map((a) => (
                      <div key={`${a.attribute}${a.value}`}>
                        {a.attribute}
                        {a.tag ? `:${a.tag}` : ""} {a.op} "{a.value}"
                      </div>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
      ) : null}
      <Card title="New plan">
        <form className="stack" onSubmit={submit} noValidate>
          {create.error && !Object.keys(errors).length ? (
            <Alert tone="danger">{errorMessage(create.error)}</Alert>
          ) : null}
          <div className="form-grid">
            <Field label="Name" required error={errors.name}>
              <Input name="name" value={form.name} onChange={set("name")} />
            </Field>
            <Field label="Code" required error={errors.code}>
              <Input name="code" value={form.code} onChange={set("code")} />
            </Field>
            <Field label="Download (Mbit/s)" required error={errors.downloadKbps}>
              <Input name="down" inputMode="decimal" value={form.down} onChange={set("down")} />
            </Field>
            <Field label="Upload (Mbit/s)" required error={errors.uploadKbps}>
              <Input name="up" inputMode="decimal" value={form.up} onChange={set("up")} />
            </Field>
            <Field label="Burst download (Mbit/s)" error={errors.burstDownloadKbps}>
              <Input name="burstDown" inputMode="decimal" value={form.burstDown} onChange={set("burstDown")} />
            </Field>
            <Field label="Burst upload (Mbit/s)" error={errors.burstUploadKbps}>
              <Input name="burstUp" inputMode="decimal" value={form.burstUp} onChange={set("burstUp")} />
            </Field>
            <Field label="Data cap (GB)" hint="Empty = unlimited" error={errors.dataCapGb}>
              <Input name="cap" inputMode="numeric" value={form.cap} onChange={set("cap")} />
            </Field>
            <Field label="Price per month" required error={errors.priceMinor}>
              <Input name="price" inputMode="decimal" value={form.price} onChange={set("price")} />
            </Field>
            <Field label="Currency" error={errors.currency}>
              <Input name="currency" value={form.currency} onChange={set("currency")} maxLength={3} />
            </Field>
            <Field label="Setup fee" error={errors.setupFeeMinor}>
              <Input name="setup" inputMode="decimal" value={form.setup} onChange={set("setup")} />
            </Field>
          </div>
          <Checkbox
            label="Active (offered to new subscribers)"
            checked={form.active}
            onChange={(e) => setForm({ ...form, active: e.target.checked })}
          />
          <Checkbox
            label="Subscribers may switch to it in the portal"
            checked={form.portalSwitchable}
            onChange={(e) => setForm({ ...form, portalSwitchable: e.target.checked })}
          />
          <FormActions>
            <Button type="submit" variant="primary" loading={create.isPending}>
              Create plan
            </Button>
          </FormActions>
        </form>
      </Card>
    </div>
  );
}
