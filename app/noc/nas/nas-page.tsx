"use client";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useConfirm } from "@/components/confirm";
import { DataTable, defineColumns, useListQuery } from "@/components/data-table";
import { useToast } from "@/components/toast";
import { errorMessage, fieldErrors, useTRPC } from "@/components/trpc";
import { Alert, Button, Card, DateTime, Field, FormActions, Input, PageHeader, Select } from "@/components/ui";

type Row = {
  id: number;
  nasname: string;
  shortname: string;
  type: string;
  coaPort: number;
  description: string | null;
  updatedAt: Date;
};

const VENDORS = [
  { value: "mikrotik", label: "MikroTik" },
  { value: "cisco", label: "Cisco (ISG/ASR)" },
  { value: "juniper", label: "Juniper (MX/ERX)" },
  { value: "huawei", label: "Huawei (ME60/NE40)" },
  { value: "other", label: "Other (Filter-Id)" },
];
const vendorLabel = (v: string) => VENDORS.find((x) => x.value === v)?.label ?? v;
const EMPTY = { nasname: "", shortname: "", type: "mikrotik", secret: "", coaPort: "3799", description: "" };

export function NasPage() {
  const trpc = useTRPC();
  const toast = useToast();
  const confirm = useConfirm();
  const queryClient = useQueryClient();
  const list = useListQuery({ sort: { id: "shortname", desc: false } });
  const q = useQuery(trpc.radius.nas.list.queryOptions(list.query, { placeholderData: keepPreviousData }));
  const reload = useQuery({ ...trpc.radius.nas.reloadStatus.queryOptions(), refetchInterval: 3000 });
  const [form, setForm] = useState(EMPTY);
  const [editing, setEditing] = useState<number | null>(null);
  const [generated, setGenerated] = useState<{ name: string; secret: string } | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.radius.nas.pathKey() });
  const create = useMutation(
    trpc.radius.nas.create.mutationOptions({
      onSuccess: (n) => {
        toast.success(`NAS ${n.shortname} added`);
        if (n.secret) setGenerated({ name: n.shortname, secret: n.secret });
        setForm(EMPTY);
        refresh();
      },
    }),
  );
  const update = useMutation(
    trpc.radius.nas.update.mutationOptions({
      onSuccess: (n) => {
        toast.success(`NAS ${n.shortname} saved`);
        setForm(EMPTY);
        setEditing(null);
        refresh();
      },
    }),
  );
  const remove = useMutation(
    trpc.radius.nas.delete.mutationOptions({
      onSuccess: () => {
        toast.success("NAS removed");
        refresh();
      },
      onError: toast.error,
    }),
  );
  const error = editing ? update.error : create.error;
  const errors = fieldErrors(error);
  const set = (k: keyof typeof EMPTY) => (e: { target: { value: string } }) =>
    setForm({ ...form, [k]: e.target.value });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const data = {
      nasname: form.nasname,
      shortname: form.shortname,
      type: form.type as "mikrotik",
      secret: form.secret || undefined,
      coaPort: Number(form.coaPort || 3799),
      description: form.description || null,
    };
    if (editing) update.mutate({ id: editing, data });
    else create.mutate(data);
  };
  const columns = defineColumns<Row>((c) => [
    c.accessor("shortname", { header: "Name", enableSorting: true }),
    c.accessor("nasname", {
      header: "Address",
      enableSorting: true,
      cell: (i) => <span className="mono">{i.getValue()}</span>,
    }),
    c.accessor("type", { header: "Vendor", enableSorting: true, cell: (i) => vendorLabel(i.getValue()) }),
    c.accessor("coaPort", { header: "CoA port", cell: (i) => <span className="mono">{i.getValue()}</span> }),
    c.accessor("updatedAt", { header: "Changed", cell: (i) => <DateTime value={i.getValue()} mode="relative" /> }),
    c.display({
      id: "actions",
      header: "",
      meta: { align: "right" },
      cell: ({ row }) => (
        <div className="row">
          <Button
            size="sm"
            variant="ghost"
            onClick={() => {
              setEditing(row.original.id);
              setForm({
                nasname: row.original.nasname,
                shortname: row.original.shortname,
                type: row.original.type,
                secret: "",
                coaPort: String(row.original.coaPort),
                description: row.original.description ?? "",
              });
            }}
          >
            Edit
          </Button>
          <Button
            size="sm"
            variant="danger"
            onClick={async () => {
              if (
                await confirm({
                  title: `Remove ${row.original.shortname}?`,
                  body: "FreeRADIUS stops answering this NAS after its next reload.",
                  confirmLabel: "Remove",
                  danger: true,
                })
              )
                remove.mutate({ id: row.original.id });
            }}
          >
            Remove
          </Button>
        </div>
      ),
    }),
  ]);
  return (
    <div className="stack">
      <PageHeader
        title="NAS devices"
        description="The BNGs/BRASes that send RADIUS to us. FreeRADIUS reads this list when it starts; every change schedules a reload of the RADIUS server."
      />
      {reload.data?.pending ? (
        <Alert tone="warning" title="RADIUS server reload pending">
          {reload.data.reason ?? "NAS list changed"} — FreeRADIUS picks up NAS changes when it restarts, which the
          RADIUS runner does within a few seconds. Until then the change is not in effect.
        </Alert>
      ) : reload.data?.doneAt ? (
        <p className="muted small">
          RADIUS server last reloaded <DateTime value={reload.data.doneAt} mode="relative" />; the NAS list below is in
          effect.
        </p>
      ) : null}
      {generated ? (
        <Alert tone="success" title={`Shared secret of ${generated.name} — copy it now, it is never shown again`}>
          <pre className="code-block wrap-anywhere" data-testid="nas-secret">
            {generated.secret}
          </pre>
          <Button size="sm" onClick={() => setGenerated(null)}>
            I have copied it
          </Button>
        </Alert>
      ) : null}
      <DataTable
        caption="NAS devices"
        columns={columns}
        rows={q.data?.rows as Row[] | undefined}
        total={q.data?.total}
        loading={q.isFetching}
        error={q.error}
        query={list.query}
        onQueryChange={list.onQueryChange}
        searchPlaceholder="Name or address…"
      />
      <Card title={editing ? "Edit NAS" : "Add a NAS"}>
        <form className="stack" onSubmit={submit} noValidate>
          {error && !Object.keys(errors).length ? <Alert tone="danger">{errorMessage(error)}</Alert> : null}
          <div className="form-grid">
            <Field label="Name" required error={errors.shortname}>
              <Input name="shortname" value={form.shortname} onChange={set("shortname")} />
            </Field>
            <Field label="IP address" required error={errors.nasname} hint="Source address of its RADIUS packets">
              <Input name="nasname" value={form.nasname} onChange={set("nasname")} />
            </Field>
            <Field label="Vendor" hint="Decides which rate attributes it receives">
              <Select value={form.type} onChange={set("type")} options={VENDORS} />
            </Field>
            <Field
              label="Shared secret"
              error={errors.secret}
              hint={
                editing ? "Leave empty to keep the current secret (it is never shown)" : "Leave empty to generate one"
              }
            >
              <Input
                name="secret"
                type="password"
                value={form.secret}
                onChange={set("secret")}
                autoComplete="new-password"
              />
            </Field>
            <Field label="CoA/Disconnect port" error={errors.coaPort}>
              <Input name="coaPort" inputMode="numeric" value={form.coaPort} onChange={set("coaPort")} />
            </Field>
            <Field label="Description">
              <Input name="description" value={form.description} onChange={set("description")} />
            </Field>
          </div>
          <FormActions>
            {editing ? (
              <Button
                onClick={() => {
                  setEditing(null);
                  setForm(EMPTY);
                }}
              >
                Cancel
              </Button>
            ) : null}
            <Button type="submit" variant="primary" loading={create.isPending || update.isPending}>
              {editing ? "Save NAS" : "Add NAS"}
            </Button>
          </FormActions>
        </form>
      </Card>
    </div>
  );
}
