"use client";
// The tenant's partners (J16): the list, a new partner (type, parent, commission plan,
// brand), and the commission plans partners are paid by.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { DataTable, defineColumns, useLocalList } from "@/components/data-table";
import { useToast } from "@/components/toast";
import { errorMessage, fieldErrors, useTRPC } from "@/components/trpc";
import { Badge, Button, Card, EmptyState, Field, FormActions, Input, PageHeader, Select } from "@/components/ui";
import {
  COMMISSION_KIND_LABELS,
  COMMISSION_KINDS,
  PARTNER_TYPE_LABELS,
  PARTNER_TYPES,
} from "@/server/modules/partners/schemas";

type PartnerRow = {
  id: string;
  name: string;
  type: (typeof PARTNER_TYPES)[number];
  status: string;
  parent: { name: string } | null;
  commissionPlan: { name: string } | null;
  domains: Array<{ host: string; verifiedAt: Date | null }>;
};

const columns = defineColumns<PartnerRow>((c) => [
  c.accessor("name", { header: "Partner" }),
  c.accessor("type", { header: "Type", cell: (i) => PARTNER_TYPE_LABELS[i.row.original.type] }),
  c.accessor((r) => r.parent?.name ?? "—", { id: "parent", header: "Part of", meta: { hideOnMobile: true } }),
  c.accessor((r) => r.commissionPlan?.name ?? "—", {
    id: "plan",
    header: "Commission plan",
    meta: { hideOnMobile: true },
  }),
  c.accessor(
    (r) =>
      r.domains
        .filter((d) => d.verifiedAt)
        .map((d) => d.host)
        .join(", ") || "—",
    {
      id: "domains",
      header: "Verified domains",
      meta: { hideOnMobile: true },
    },
  ),
  c.accessor("status", {
    header: "Status",
    cell: (i) => <Badge tone={i.getValue() === "ACTIVE" ? "success" : "warning"}>{i.getValue().toLowerCase()}</Badge>,
  }),
]);

type PlanRow = {
  id: string;
  name: string;
  kind: (typeof COMMISSION_KINDS)[number];
  basisPoints: number;
  flatMinor: number;
  clawbackDays: number;
  _count: { partners: number };
};

const planColumns = defineColumns<PlanRow>((c) => [
  c.accessor("name", { header: "Plan" }),
  c.accessor("kind", { header: "Kind", cell: (i) => COMMISSION_KIND_LABELS[i.row.original.kind] }),
  c.accessor(
    (r) =>
      r.kind === "FLAT_ACTIVATION" ? `${(r.flatMinor / 100).toFixed(2)} per activation` : `${r.basisPoints / 100}%`,
    {
      id: "rate",
      header: "Rate",
    },
  ),
  c.accessor("clawbackDays", { header: "Clawback window (days)", meta: { align: "right", hideOnMobile: true } }),
  c.accessor((r) => r._count.partners, { id: "partners", header: "Partners", meta: { align: "right" } }),
]);

export function PartnersPage() {
  const trpc = useTRPC();
  const partners = useQuery(trpc.partners.list.queryOptions());
  const plans = useQuery(trpc.partners.plans.list.queryOptions());
  const list = useLocalList(partners.data);
  const planList = useLocalList(plans.data);
  return (
    <div className="stack">
      <PageHeader
        title="Partners"
        description="Resellers, agents and referral partners: their branded portal, their customers and their commissions."
      />
      <DataTable
        caption="Partners"
        columns={columns}
        rows={list.rows}
        total={list.total}
        loading={partners.isFetching}
        error={partners.error}
        query={list.query}
        onQueryChange={list.onQueryChange}
        searchable={false}
        rowHref={(r) => `/settings/partners/${r.id}`}
        empty={<EmptyState title="No partners yet" description="Add your first reseller or agent below." />}
      />
      <NewPartner partners={partners.data ?? []} plans={plans.data ?? []} />
      <Card title="Commission plans">
        <div className="stack">
          <DataTable
            caption="Commission plans"
            columns={planColumns}
            rows={planList.rows}
            total={planList.total}
            query={planList.query}
            onQueryChange={planList.onQueryChange}
            searchable={false}
            empty={<EmptyState title="No commission plans" description="Partners without a plan earn nothing." />}
          />
          <NewPlan />
        </div>
      </Card>
    </div>
  );
}

function NewPartner({ partners, plans }: { partners: PartnerRow[]; plans: PlanRow[] }) {
  const trpc = useTRPC();
  const toast = useToast();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [form, setForm] = useState({
    name: "",
    type: "RESELLER",
    parentId: "",
    commissionPlanId: "",
    brandName: "",
    primaryColor: "",
  });
  const create = useMutation(
    trpc.partners.create.mutationOptions({
      onSuccess: (p) => {
        toast.success(`${p.name} was added`);
        queryClient.invalidateQueries({ queryKey: trpc.partners.pathKey() });
        router.push(`/settings/partners/${p.id}`);
      },
      onError: toast.error,
    }),
  );
  const errors = fieldErrors(create.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate({
      name: form.name,
      type: form.type as (typeof PARTNER_TYPES)[number],
      parentId: form.parentId || null,
      commissionPlanId: form.commissionPlanId || null,
      branding: { brandName: form.brandName, primaryColor: form.primaryColor || null },
    });
  };
  const set = (patch: Partial<typeof form>) => setForm({ ...form, ...patch });
  return (
    <Card title="New partner" aria-label="New partner">
      <form className="stack" onSubmit={submit} noValidate>
        <div className="grid-2">
          <Field label="Name" required error={errors.name}>
            <Input value={form.name} onChange={(e) => set({ name: e.target.value })} />
          </Field>
          <Field label="Type">
            <Select
              value={form.type}
              onChange={(e) => set({ type: e.target.value })}
              options={PARTNER_TYPES.map((t) => ({ value: t, label: PARTNER_TYPE_LABELS[t] }))}
            />
          </Field>
          <Field label="Part of" hint="A sub-partner's customers are also its parent's.">
            <Select
              value={form.parentId}
              placeholder="No parent (top level)"
              onChange={(e) => set({ parentId: e.target.value })}
              options={partners.map((p) => ({ value: p.id, label: p.name }))}
            />
          </Field>
          <Field label="Commission plan">
            <Select
              value={form.commissionPlanId}
              placeholder="No commission"
              onChange={(e) => set({ commissionPlanId: e.target.value })}
              options={plans.map((p) => ({ value: p.id, label: p.name }))}
            />
          </Field>
          <Field
            label="Brand name"
            hint="Shown on the partner's portal (and, for resellers, to their customers)."
            error={errors.branding}
          >
            <Input value={form.brandName} onChange={(e) => set({ brandName: e.target.value })} />
          </Field>
          <Field label="Brand colour" hint="Like #6b21a8; dark enough for white text." error={errors.branding}>
            <Input value={form.primaryColor} onChange={(e) => set({ primaryColor: e.target.value })} />
          </Field>
        </div>
        {create.error && Object.keys(errors).length === 0 ? (
          <p className="text-danger">{errorMessage(create.error)}</p>
        ) : null}
        <FormActions>
          <Button type="submit" disabled={create.isPending}>
            Add partner
          </Button>
        </FormActions>
      </form>
    </Card>
  );
}

function NewPlan() {
  const trpc = useTRPC();
  const toast = useToast();
  const queryClient = useQueryClient();
  const [form, setForm] = useState({
    name: "",
    kind: "PERCENT_RECURRING",
    percent: "",
    flat: "",
    clawbackDays: "90",
    maxMonths: "",
  });
  const create = useMutation(
    trpc.partners.plans.create.mutationOptions({
      onSuccess: (p) => {
        toast.success(`Plan ${p.name} was added`);
        setForm({ ...form, name: "", percent: "", flat: "" });
        queryClient.invalidateQueries({ queryKey: trpc.partners.plans.pathKey() });
      },
      onError: toast.error,
    }),
  );
  const errors = fieldErrors(create.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const percent = Number.parseFloat(form.percent.replace(",", "."));
    const flat = Number.parseFloat(form.flat.replace(",", "."));
    create.mutate({
      name: form.name,
      kind: form.kind as (typeof COMMISSION_KINDS)[number],
      basisPoints: Number.isFinite(percent) ? Math.round(percent * 100) : 0,
      flatMinor: Number.isFinite(flat) ? Math.round(flat * 100) : 0,
      tiers:
        form.kind === "TIERED" && Number.isFinite(percent)
          ? [{ minCustomers: 0, basisPoints: Math.round(percent * 100) }]
          : [],
      clawbackDays: Number.parseInt(form.clawbackDays, 10) || 0,
      maxMonths: form.maxMonths ? Number.parseInt(form.maxMonths, 10) : null,
    });
  };
  const set = (patch: Partial<typeof form>) => setForm({ ...form, ...patch });
  return (
    <form className="stack" onSubmit={submit} noValidate aria-label="New commission plan">
      <h3>New commission plan</h3>
      <div className="grid-3">
        <Field label="Plan name" required error={errors.name}>
          <Input value={form.name} onChange={(e) => set({ name: e.target.value })} />
        </Field>
        <Field label="Kind">
          <Select
            value={form.kind}
            onChange={(e) => set({ kind: e.target.value })}
            options={COMMISSION_KINDS.map((k) => ({ value: k, label: COMMISSION_KIND_LABELS[k] }))}
          />
        </Field>
        {form.kind === "FLAT_ACTIVATION" ? (
          <Field label="Amount per activation" error={errors.flatMinor}>
            <Input inputMode="decimal" value={form.flat} onChange={(e) => set({ flat: e.target.value })} />
          </Field>
        ) : (
          <Field label="Percentage of recurring revenue" error={errors.basisPoints ?? errors.tiers}>
            <Input inputMode="decimal" value={form.percent} onChange={(e) => set({ percent: e.target.value })} />
          </Field>
        )}
        <Field
          label="Clawback window (days)"
          hint="Refunds, credit notes and churn within it take the commission back."
          error={errors.clawbackDays}
        >
          <Input
            inputMode="numeric"
            value={form.clawbackDays}
            onChange={(e) => set({ clawbackDays: e.target.value })}
          />
        </Field>
        <Field label="Only the first months" hint="Empty: for as long as the customer pays." error={errors.maxMonths}>
          <Input inputMode="numeric" value={form.maxMonths} onChange={(e) => set({ maxMonths: e.target.value })} />
        </Field>
      </div>
      <FormActions>
        <Button type="submit" variant="secondary" disabled={create.isPending}>
          Add plan
        </Button>
      </FormActions>
    </form>
  );
}
