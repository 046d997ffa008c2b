"use client";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { DataTable, defineColumns, useListQuery } from "@/components/data-table";
import { useToast } from "@/components/toast";
import { fieldErrors, useTRPC } from "@/components/trpc";
import { Button, Card, Field, FormActions, Input, PageHeader, Select, StatusBadge } from "@/components/ui";

type Row = {
  id: string;
  name: string;
  vendor: string | null;
  model: string | null;
  managementAddress: string | null;
  operStatus: string;
  firmwareVersion: string | null;
  site: { name: string } | null;
  ponPorts: number;
  onus: number;
  activeOnus: number;
  utilisation: number;
};

export const pct = (n: number) => `${Math.round(n * 100)}%`;

const columns = defineColumns<Row>((c) => [
  c.accessor("name", { header: "Name", enableSorting: true }),
  c.accessor((r) => r.site?.name ?? "", { id: "site", header: "Site", meta: { hideOnMobile: true } }),
  c.accessor("managementAddress", { header: "Address", cell: (i) => <span className="mono">{i.getValue()}</span> }),
  c.accessor((r) => [r.vendor, r.model].filter(Boolean).join(" "), {
    id: "model",
    header: "Model",
    meta: { hideOnMobile: true },
  }),
  c.accessor("operStatus", {
    header: "Status",
    enableSorting: true,
    cell: (i) => <StatusBadge status={i.getValue()} />,
  }),
  c.accessor("ponPorts", { header: "PON ports", meta: { align: "right" } }),
  c.accessor((r) => `${r.activeOnus} / ${r.onus}`, {
    id: "onus",
    header: "ONUs active/total",
    meta: { align: "right" },
  }),
  c.accessor("utilisation", { header: "Split utilisation", meta: { align: "right" }, cell: (i) => pct(i.getValue()) }),
]);

function RegisterOlt({ onDone }: { onDone: () => void }) {
  const trpc = useTRPC();
  const toast = useToast();
  const router = useRouter();
  const qc = useQueryClient();
  const sites = useQuery(trpc.network.sites.list.queryOptions());
  const [form, setForm] = useState({ name: "", hostAndPort: "", siteId: "", technology: "GPON", splitRatio: "64" });
  const m = useMutation(
    trpc.network.olts.register.mutationOptions({
      onSuccess: (olt) => {
        toast.success(`OLT ${olt.name} registered with ${olt.ports.length} PON ports`);
        qc.invalidateQueries({ queryKey: trpc.network.olts.list.queryKey() });
        onDone();
        router.push(`/noc/olts/${olt.id}`);
      },
      onError: (e) => toast.error(e),
    }),
  );
  const errors = fieldErrors(m.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    m.mutate({
      name: form.name,
      hostAndPort: form.hostAndPort,
      siteId: form.siteId || null,
      technology: form.technology as "GPON" | "XGS_PON",
      splitRatio: Number(form.splitRatio),
    });
  };
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  return (
    <Card title="Register an OLT">
      <form onSubmit={submit} className="stack">
        <div className="form-grid">
          <Field label="Name" required error={errors.name}>
            <Input name="name" value={form.name} onChange={set("name")} placeholder="OLT-Central-1" />
          </Field>
          <Field
            label="Management address"
            required
            hint="host:port of the OLT's agent, as VOLTHA pre-provisions it"
            error={errors.hostAndPort}
          >
            <Input
              name="hostAndPort"
              value={form.hostAndPort}
              onChange={set("hostAndPort")}
              placeholder="10.0.0.10:9191"
            />
          </Field>
          <Field label="Site">
            <Select
              name="siteId"
              value={form.siteId}
              onChange={set("siteId")}
              placeholder="No site"
              options={(sites.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
            />
          </Field>
          <Field label="PON technology">
            <Select
              name="technology"
              value={form.technology}
              onChange={set("technology")}
              options={[
                { value: "GPON", label: "GPON (2.5G/1.25G)" },
                { value: "XGS_PON", label: "XGS-PON (10G/10G)" },
              ]}
            />
          </Field>
          <Field label="Split ratio" hint="ONUs per PON port">
            <Select
              name="splitRatio"
              value={form.splitRatio}
              onChange={set("splitRatio")}
              options={["16", "32", "64", "128"].map((v) => ({ value: v, label: `1:${v}` }))}
            />
          </Field>
        </div>
        <FormActions>
          <Button onClick={onDone}>Cancel</Button>
          <Button type="submit" variant="primary" loading={m.isPending}>
            Register OLT
          </Button>
        </FormActions>
      </form>
    </Card>
  );
}

export function OltsPage() {
  const trpc = useTRPC();
  const list = useListQuery({ sort: { id: "name", desc: false } });
  const q = useQuery(trpc.network.olts.list.queryOptions(list.query, { placeholderData: keepPreviousData }));
  const [registering, setRegistering] = useState(false);
  return (
    <div className="stack">
      <PageHeader
        title="OLTs"
        description="Optical line terminals, their PON ports and the ONUs they serve."
        actions={
          <Button variant="primary" onClick={() => setRegistering(true)}>
            Register OLT
          </Button>
        }
      />
      {registering ? <RegisterOlt onDone={() => setRegistering(false)} /> : null}
      <DataTable
        caption="OLTs"
        columns={columns}
        rows={q.data?.rows as Row[] | undefined}
        total={q.data?.total}
        loading={q.isFetching}
        error={q.error}
        query={list.query}
        onQueryChange={list.onQueryChange}
        searchPlaceholder="Name, serial, address…"
        rowHref={(r) => `/noc/olts/${r.id}`}
      />
    </div>
  );
}
