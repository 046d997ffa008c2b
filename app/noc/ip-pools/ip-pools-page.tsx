"use client";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useConfirm } from "@/components/confirm";
import { DataTable, defineColumns, useListQuery } from "@/components/data-table";
import { useToast } from "@/components/toast";
import { fieldErrors, useTRPC } from "@/components/trpc";
import { Badge, Button, Card, Field, FormActions, Input, PageHeader, Select } from "@/components/ui";

type Pool = {
  id: string;
  name: string;
  prefix: string;
  gateway: string | null;
  purpose: string;
  size: number;
  assigned: number;
  reserved: number;
  available: number;
  utilisation: number;
  externalId: string | null;
  framedPool: string | null;
  vlan: { vid: number; name: string } | null;
};

type Address = { id: string; address: string; status: string; subscriberId: string | null; description: string | null };

const pct = (n: number) => `${Math.round(n * 1000) / 10}%`;

const columns = defineColumns<Pool>((c) => [
  c.accessor("name", { header: "Name", enableSorting: true }),
  c.accessor("prefix", {
    header: "Prefix",
    enableSorting: true,
    cell: (i) => <span className="mono">{i.getValue()}</span>,
  }),
  c.accessor("purpose", { header: "Purpose", enableSorting: true, meta: { hideOnMobile: true } }),
  c.accessor((r) => (r.vlan ? `${r.vlan.vid} ${r.vlan.name}` : ""), {
    id: "vlan",
    header: "VLAN",
    meta: { hideOnMobile: true },
  }),
  c.accessor("assigned", { header: "Assigned", meta: { align: "right" } }),
  c.accessor("available", { header: "Free", meta: { align: "right" } }),
  c.accessor("utilisation", {
    header: "Utilisation",
    meta: { align: "right" },
    cell: (i) => (
      <Badge tone={i.getValue() > 0.9 ? "danger" : i.getValue() > 0.75 ? "warning" : "success"}>
        {pct(i.getValue())}
      </Badge>
    ),
  }),
  c.accessor((r) => (r.framedPool ? `BNG pool ${r.framedPool}` : "RADIUS (Framed-IP-Address)"), {
    id: "handout",
    header: "Handed out by",
    meta: { hideOnMobile: true },
  }),
  c.accessor((r) => (r.externalId ? "NetBox" : "Built-in"), {
    id: "ipam",
    header: "IPAM",
    meta: { hideOnMobile: true },
  }),
]);

const addressColumns = defineColumns<Address>((c) => [
  c.accessor("address", { header: "Address", cell: (i) => <span className="mono">{i.getValue()}</span> }),
  c.accessor("status", { header: "Status" }),
  c.accessor("description", { header: "Description" }),
]);

function CreatePool({ onDone }: { onDone: () => void }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const toast = useToast();
  const vlans = useQuery(trpc.ipam.vlans.list.queryOptions({ page: 1, pageSize: 200 }));
  const [f, setF] = useState({
    name: "",
    prefix: "",
    gateway: "",
    purpose: "SUBSCRIBER",
    vlanId: "",
    dns: "",
    framedPool: "",
  });
  const m = useMutation(
    trpc.ipam.pools.create.mutationOptions({
      onSuccess: (p) => {
        toast.success(`Pool ${p.name} created`);
        qc.invalidateQueries({ queryKey: trpc.ipam.pools.list.queryKey() });
        onDone();
      },
      onError: (e) => toast.error(e),
    }),
  );
  const errors = fieldErrors(m.error);
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    m.mutate({
      name: f.name,
      prefix: f.prefix,
      gateway: f.gateway || null,
      purpose: f.purpose as "SUBSCRIBER",
      vlanId: f.vlanId || null,
      dnsServers: f.dns
        .split(/[\s,]+/)
        .map((s) => s.trim())
        .filter(Boolean),
      framedPool: f.framedPool || null,
    });
  };
  return (
    <Card title="New IP pool">
      <form onSubmit={submit} className="stack">
        <div className="form-grid">
          <Field label="Name" required error={errors.name}>
            <Input name="name" value={f.name} onChange={set("name")} placeholder="cgnat-central" />
          </Field>
          <Field label="Prefix" required hint="/16 to /32" error={errors.prefix}>
            <Input name="prefix" value={f.prefix} onChange={set("prefix")} placeholder="100.64.0.0/22" />
          </Field>
          <Field label="Gateway" error={errors.gateway}>
            <Input name="gateway" value={f.gateway} onChange={set("gateway")} placeholder="100.64.0.1" />
          </Field>
          <Field label="Purpose">
            <Select
              name="purpose"
              value={f.purpose}
              onChange={set("purpose")}
              options={["SUBSCRIBER", "MANAGEMENT", "INFRASTRUCTURE"].map((v) => ({
                value: v,
                label: v.toLowerCase(),
              }))}
            />
          </Field>
          <Field label="VLAN">
            <Select
              name="vlanId"
              value={f.vlanId}
              onChange={set("vlanId")}
              placeholder="None"
              options={(vlans.data?.rows ?? []).map((v) => ({ value: v.id, label: `${v.vid} ${v.name}` }))}
            />
          </Field>
          <Field label="DNS servers" hint="Comma-separated">
            <Input name="dns" value={f.dns} onChange={set("dns")} placeholder="1.1.1.1, 8.8.8.8" />
          </Field>
          <Field
            label="BNG pool name"
            hint="Only if the BNG hands out this pool's addresses itself: RADIUS then sends Framed-Pool with this name instead of each subscriber's Framed-IP-Address"
            error={errors.framedPool}
          >
            <Input name="framedPool" value={f.framedPool} onChange={set("framedPool")} placeholder="cgnat-bng-1" />
          </Field>
        </div>
        <FormActions>
          <Button onClick={onDone}>Cancel</Button>
          <Button type="submit" variant="primary" loading={m.isPending}>
            Create pool
          </Button>
        </FormActions>
      </form>
    </Card>
  );
}

function Vlans() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const toast = useToast();
  const vlans = useQuery(trpc.ipam.vlans.list.queryOptions({ page: 1, pageSize: 200 }));
  const [vid, setVid] = useState("");
  const [name, setName] = useState("");
  const m = useMutation(
    trpc.ipam.vlans.create.mutationOptions({
      onSuccess: () => {
        toast.success("VLAN created");
        setVid("");
        setName("");
        qc.invalidateQueries({ queryKey: trpc.ipam.vlans.list.queryKey() });
      },
      onError: (e) => toast.error(e),
    }),
  );
  return (
    <Card title="VLANs">
      <p className="small">
        {(vlans.data?.rows ?? []).map((v) => (
          <Badge key={v.id}>
            {v.vid} {v.name}
          </Badge>
        ))}
      </p>
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          m.mutate({ vid: Number(vid), name });
        }}
      >
        <Input
          aria-label="VLAN id"
          type="number"
          min={1}
          max={4094}
          placeholder="VID"
          value={vid}
          onChange={(e) => setVid(e.target.value)}
        />
        <Input aria-label="VLAN name" placeholder="Name" value={name} onChange={(e) => setName(e.target.value)} />
        <Button type="submit" disabled={!vid || !name} loading={m.isPending}>
          Add VLAN
        </Button>
      </form>
    </Card>
  );
}

export function IpPoolsPage() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const toast = useToast();
  const confirm = useConfirm();
  const list = useListQuery({ sort: { id: "name", desc: false } });
  const q = useQuery(trpc.ipam.pools.list.queryOptions(list.query, { placeholderData: keepPreviousData }));
  const [creating, setCreating] = useState(false);
  const [selected, setSelected] = useState<Pool | null>(null);
  const addrList = useListQuery({}, { prefix: "addr" });
  const addresses = useQuery({
    ...trpc.ipam.addresses.list.queryOptions({ ...addrList.query, poolId: selected?.id ?? "" }),
    enabled: Boolean(selected),
  });
  const del = useMutation(
    trpc.ipam.pools.delete.mutationOptions({
      onSuccess: () => {
        toast.success("Pool deleted");
        setSelected(null);
        qc.invalidateQueries({ queryKey: trpc.ipam.pools.list.queryKey() });
      },
      onError: (e) => toast.error(e),
    }),
  );
  return (
    <div className="stack">
      <PageHeader
        title="IP pools"
        description="Address pools for subscribers and infrastructure, with their utilisation."
        actions={
          <Button variant="primary" onClick={() => setCreating(true)}>
            New pool
          </Button>
        }
      />
      {creating ? <CreatePool onDone={() => setCreating(false)} /> : null}
      <DataTable
        caption="IP pools"
        columns={columns}
        rows={q.data?.rows as Pool[] | undefined}
        total={q.data?.total}
        loading={q.isFetching}
        error={q.error}
        query={list.query}
        onQueryChange={list.onQueryChange}
        onRowClick={(r) => setSelected(r)}
      />
      {selected ? (
        <Card
          title={`${selected.name} · ${selected.prefix}`}
          actions={
            <Button
              variant="danger"
              size="sm"
              onClick={async () => {
                if (
                  await confirm({
                    title: `Delete pool ${selected.name}?`,
                    body: "Only possible when no address is assigned.",
                    danger: true,
                    typeToConfirm: selected.name,
                  })
                )
                  del.mutate({ id: selected.id });
              }}
            >
              Delete pool
            </Button>
          }
          padded={false}
        >
          <DataTable
            caption="Addresses in use"
            columns={addressColumns}
            rows={addresses.data?.rows as Address[] | undefined}
            total={addresses.data?.total}
            loading={addresses.isFetching}
            error={addresses.error}
            query={addrList.query}
            onQueryChange={addrList.onQueryChange}
            empty={<p className="muted">No address of this pool is in use.</p>}
          />
        </Card>
      ) : null}
      <Vlans />
    </div>
  );
}
