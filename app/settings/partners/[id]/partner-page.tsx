"use client";
// One partner, for the tenant's admin (J16): its brand and commission plan, custom domains with
// their DNS TXT check, inviting its users, its customers, and its commission months with payouts.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useConfirm } from "@/components/confirm";
import { DataTable, defineColumns, useListQuery, useLocalList } from "@/components/data-table";
import { useToast } from "@/components/toast";
import { errorMessage, fieldErrors, useTRPC } from "@/components/trpc";
import {
  Alert,
  Badge,
  Button,
  Card,
  DescriptionList,
  EmptyState,
  Field,
  FormActions,
  Input,
  Money,
  PageHeader,
  Select,
  Spinner,
} from "@/components/ui";
import { PARTNER_TYPE_LABELS } from "@/server/modules/partners/schemas";

type CustomerRow = {
  id: string;
  number: string;
  name: string;
  companyName: string | null;
  activeServices: number;
  mrrMinor: number;
};
const customerColumns = defineColumns<CustomerRow>((c) => [
  c.accessor("name", {
    header: "Customer",
    enableSorting: true,
    cell: (i) => i.row.original.companyName || i.getValue(),
  }),
  c.accessor("number", { header: "Number", enableSorting: true, meta: { hideOnMobile: true } }),
  c.accessor("activeServices", { header: "Active services", meta: { align: "right" } }),
  c.accessor("mrrMinor", { header: "MRR", meta: { align: "right" }, cell: (i) => <Money amount={i.getValue()} /> }),
]);

type MonthRow = {
  partnerId: string;
  month: string;
  currency: string;
  totalMinor: number;
  entries: number;
  payout: { reference: string | null } | null;
};

export function PartnerPage({ partnerId }: { partnerId: string }) {
  const trpc = useTRPC();
  const partner = useQuery(trpc.partners.get.queryOptions({ id: partnerId }));
  if (partner.isLoading) return <Spinner label="Loading the partner" />;
  if (partner.error || !partner.data)
    return <Alert tone="danger">{errorMessage(partner.error) || "This partner could not be loaded"}</Alert>;
  const p = partner.data;
  return (
    <div className="stack">
      <PageHeader
        title={p.name}
        breadcrumbs={[{ label: "Partners", href: "/settings/partners" }, { label: p.name }]}
        description={`${PARTNER_TYPE_LABELS[p.type]}${p.parent ? ` · part of ${p.parent.name}` : ""}`}
        actions={<StatusToggle id={p.id} name={p.name} status={p.status} />}
      />
      <Branding partner={p} />
      <Domains partnerId={p.id} domains={p.domains} />
      <Invite partnerId={p.id} />
      <Customers partnerId={p.id} />
      <Commissions partnerId={p.id} />
    </div>
  );
}

function useInvalidate() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: trpc.partners.pathKey() });
}

function StatusToggle({ id, name, status }: { id: string; name: string; status: string }) {
  const trpc = useTRPC();
  const toast = useToast();
  const confirm = useConfirm();
  const invalidate = useInvalidate();
  const update = useMutation(
    trpc.partners.update.mutationOptions({ onSuccess: () => invalidate(), onError: toast.error }),
  );
  const suspend = status === "ACTIVE";
  return (
    <Button
      variant={suspend ? "danger" : "secondary"}
      disabled={update.isPending}
      onClick={async () => {
        if (
          suspend &&
          !(await confirm({
            title: `Suspend ${name}?`,
            body: "Its users can no longer sign in to a branded portal on its domains, and its domains serve nothing of it, until you reactivate it.",
            confirmLabel: "Suspend partner",
            danger: true,
          }))
        )
          return;
        update.mutate({ id, status: suspend ? "SUSPENDED" : "ACTIVE" });
      }}
    >
      {suspend ? "Suspend" : "Reactivate"}
    </Button>
  );
}

type Partner = {
  id: string;
  brandName: string | null;
  logoUrl: string | null;
  primaryColor: string | null;
  accentColor: string | null;
  supportEmail: string | null;
  supportPhone: string | null;
  commissionPlanId: string | null;
};

function Branding({ partner }: { partner: Partner }) {
  const trpc = useTRPC();
  const toast = useToast();
  const invalidate = useInvalidate();
  const plans = useQuery(trpc.partners.plans.list.queryOptions());
  const [form, setForm] = useState({
    brandName: partner.brandName ?? "",
    logoUrl: partner.logoUrl ?? "",
    primaryColor: partner.primaryColor ?? "",
    accentColor: partner.accentColor ?? "",
    supportEmail: partner.supportEmail ?? "",
    supportPhone: partner.supportPhone ?? "",
    commissionPlanId: partner.commissionPlanId ?? "",
  });
  const update = useMutation(
    trpc.partners.update.mutationOptions({
      onSuccess: () => {
        toast.success("Saved");
        invalidate();
      },
      onError: toast.error,
    }),
  );
  const errors = fieldErrors(update.error);
  const set = (patch: Partial<typeof form>) => setForm({ ...form, ...patch });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const { commissionPlanId, ...branding } = form;
    update.mutate({
      id: partner.id,
      commissionPlanId: commissionPlanId || null,
      branding: { ...branding, primaryColor: branding.primaryColor || null, accentColor: branding.accentColor || null },
    });
  };
  return (
    <Card title="Brand and commission">
      <form className="stack" onSubmit={submit} noValidate aria-label="Brand and commission">
        <div className="grid-2">
          <Field label="Brand name" error={errors.branding}>
            <Input value={form.brandName} onChange={(e) => set({ brandName: e.target.value })} />
          </Field>
          <Field label="Logo address" hint="https://… (a square image works best)">
            <Input value={form.logoUrl} onChange={(e) => set({ logoUrl: e.target.value })} />
          </Field>
          <Field label="Brand colour" hint="Like #6b21a8; dark enough for white text.">
            <Input value={form.primaryColor} onChange={(e) => set({ primaryColor: e.target.value })} />
          </Field>
          <Field label="Accent colour">
            <Input value={form.accentColor} onChange={(e) => set({ accentColor: e.target.value })} />
          </Field>
          <Field label="Support email">
            <Input type="email" value={form.supportEmail} onChange={(e) => set({ supportEmail: e.target.value })} />
          </Field>
          <Field label="Support phone">
            <Input value={form.supportPhone} onChange={(e) => set({ supportPhone: e.target.value })} />
          </Field>
          <Field label="Commission plan" error={errors.commissionPlanId}>
            <Select
              value={form.commissionPlanId}
              placeholder="No commission"
              onChange={(e) => set({ commissionPlanId: e.target.value })}
              options={(plans.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
            />
          </Field>
        </div>
        <FormActions>
          <Button type="submit" disabled={update.isPending}>
            Save
          </Button>
        </FormActions>
      </form>
    </Card>
  );
}

type Domain = { id: string; host: string; token: string; verifiedAt: Date | null; checkedAt: Date | null };

function Domains({ partnerId, domains }: { partnerId: string; domains: Domain[] }) {
  const trpc = useTRPC();
  const toast = useToast();
  const confirm = useConfirm();
  const invalidate = useInvalidate();
  const [host, setHost] = useState("");
  const options = { onSuccess: () => invalidate(), onError: toast.error };
  const add = useMutation(
    trpc.partners.domains.add.mutationOptions({
      ...options,
      onSuccess: () => {
        setHost("");
        invalidate();
      },
    }),
  );
  const verify = useMutation(
    trpc.partners.domains.verify.mutationOptions({
      onSuccess: (d) => {
        toast.success(`${d.host} is verified`);
        invalidate();
      },
      onError: toast.error,
    }),
  );
  const remove = useMutation(trpc.partners.domains.remove.mutationOptions(options));
  return (
    <Card title="Domains" aria-label="Domains">
      <div className="stack">
        {domains.length === 0 ? (
          <EmptyState
            title="No custom domain"
            description="The partner's portal is served on the platform's address."
          />
        ) : (
          <ul className="stack" aria-label="Domains">
            {domains.map((d) => (
              <li key={d.id} className="stack">
                <p>
                  <strong>{d.host}</strong>{" "}
                  {d.verifiedAt ? <Badge tone="success">verified</Badge> : <Badge tone="warning">not verified</Badge>}
                </p>
                {d.verifiedAt ? null : (
                  <DescriptionList
                    items={[
                      { label: "Publish a TXT record at", value: <code>_fiberops.{d.host}</code> },
                      { label: "With the value", value: <code>{d.token}</code> },
                    ]}
                  />
                )}
                <div className="row">
                  {d.verifiedAt ? null : (
                    <Button variant="secondary" disabled={verify.isPending} onClick={() => verify.mutate({ id: d.id })}>
                      Check DNS for {d.host}
                    </Button>
                  )}
                  <Button
                    variant="ghost"
                    onClick={async () => {
                      if (
                        await confirm({
                          title: `Remove ${d.host}?`,
                          body: "The partner's portal stops answering on this host at once.",
                          confirmLabel: "Remove domain",
                          danger: true,
                        })
                      )
                        remove.mutate({ id: d.id });
                    }}
                  >
                    Remove {d.host}
                  </Button>
                </div>
              </li>
            ))}
          </ul>
        )}
        <form
          className="row"
          noValidate
          aria-label="Add a domain"
          onSubmit={(e) => {
            e.preventDefault();
            add.mutate({ partnerId, host });
          }}
        >
          <Field label="Host name" hint="Like portal.partner.example" error={fieldErrors(add.error).host}>
            <Input value={host} onChange={(e) => setHost(e.target.value)} />
          </Field>
          <Button type="submit" variant="secondary" disabled={add.isPending || !host}>
            Add domain
          </Button>
        </form>
      </div>
    </Card>
  );
}

function Invite({ partnerId }: { partnerId: string }) {
  const trpc = useTRPC();
  const toast = useToast();
  const [form, setForm] = useState({ email: "", name: "", role: "partner_admin" as "partner_admin" | "partner_agent" });
  const invite = useMutation(
    trpc.partners.invite.mutationOptions({
      onSuccess: (r) => {
        toast.success(`Invitation sent to ${r.email}`);
        setForm({ ...form, email: "", name: "" });
      },
      onError: toast.error,
    }),
  );
  const errors = fieldErrors(invite.error);
  return (
    <Card title="Invite a user">
      <form
        className="stack"
        noValidate
        aria-label="Invite a partner user"
        onSubmit={(e) => {
          e.preventDefault();
          invite.mutate({ partnerId, ...form, name: form.name || null });
        }}
      >
        <div className="grid-3">
          <Field label="Email" required error={errors.email}>
            <Input type="email" value={form.email} onChange={(e) => setForm({ ...form, email: e.target.value })} />
          </Field>
          <Field label="Name">
            <Input value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
          </Field>
          <Field label="Role">
            <Select
              value={form.role}
              onChange={(e) => setForm({ ...form, role: e.target.value as typeof form.role })}
              options={[
                { value: "partner_admin", label: "Partner admin" },
                { value: "partner_agent", label: "Partner agent" },
              ]}
            />
          </Field>
        </div>
        <FormActions>
          <Button type="submit" disabled={invite.isPending}>
            Send invitation
          </Button>
        </FormActions>
      </form>
    </Card>
  );
}

function Customers({ partnerId }: { partnerId: string }) {
  const trpc = useTRPC();
  const list = useListQuery({ sort: { id: "name", desc: false } }, { prefix: "c" });
  const q = useQuery(
    trpc.partners.customers.queryOptions({ ...list.query, partnerId }, { placeholderData: keepPreviousData }),
  );
  return (
    <DataTable
      caption="The partner's customers"
      columns={customerColumns}
      rows={q.data?.rows}
      total={q.data?.total}
      loading={q.isFetching}
      error={q.error}
      query={list.query}
      onQueryChange={list.onQueryChange}
      searchPlaceholder="Search the partner's customers…"
      rowHref={(r) => `/noc/customers/${r.id}`}
      empty={<EmptyState title="No customers" description="Customers whose partner this is appear here." />}
    />
  );
}

const monthColumns = defineColumns<MonthRow>((c) => [
  c.accessor("month", { header: "Month" }),
  c.accessor("totalMinor", {
    header: "Commission",
    meta: { align: "right" },
    cell: (i) => <Money amount={i.getValue()} currency={i.row.original.currency} />,
  }),
  c.accessor("payout", { header: "Payout", cell: (i) => <PayoutCell row={i.row.original} /> }),
]);

function PayoutCell({ row }: { row: MonthRow }) {
  const trpc = useTRPC();
  const toast = useToast();
  const confirm = useConfirm();
  const invalidate = useInvalidate();
  const payout = useMutation(
    trpc.partners.commissions.payout.mutationOptions({
      onSuccess: () => {
        toast.success(`${row.month} is marked paid`);
        invalidate();
      },
      onError: toast.error,
    }),
  );
  if (row.payout) return <Badge tone="success">Paid{row.payout.reference ? ` (${row.payout.reference})` : ""}</Badge>;
  if (row.month >= new Date().toISOString().slice(0, 7)) return <span className="muted">Month not finished</span>;
  return (
    <Button
      size="sm"
      variant="secondary"
      disabled={payout.isPending}
      onClick={async () => {
        if (
          await confirm({
            title: `Mark ${row.month} paid?`,
            body: "The statement's total is recorded as paid out; later changes go to the next statement.",
            confirmLabel: "Mark paid",
          })
        )
          payout.mutate({ partnerId: row.partnerId, month: row.month });
      }}
    >
      Mark {row.month} paid
    </Button>
  );
}

function Commissions({ partnerId }: { partnerId: string }) {
  const trpc = useTRPC();
  const toast = useToast();
  const invalidate = useInvalidate();
  const months = useQuery(trpc.partners.commissions.months.queryOptions({ partnerId }));
  const recompute = useMutation(
    trpc.partners.commissions.recompute.mutationOptions({
      onSuccess: (r) => {
        toast.success(r.added ? `${r.added} new ledger entries` : "The ledger is up to date");
        invalidate();
      },
      onError: toast.error,
    }),
  );
  const list = useLocalList(months.data?.map((m) => ({ ...m, partnerId })));
  return (
    <Card
      title="Commissions"
      actions={
        <Button variant="secondary" disabled={recompute.isPending} onClick={() => recompute.mutate({ partnerId })}>
          Recompute now
        </Button>
      }
    >
      <DataTable
        caption="Commission by month"
        columns={monthColumns}
        rows={list.rows}
        total={list.total}
        loading={months.isFetching}
        error={months.error}
        query={list.query}
        onQueryChange={list.onQueryChange}
        searchable={false}
        empty={
          <EmptyState
            title="No commission yet"
            description="Commission is recorded when the partner's customers pay."
          />
        }
      />
    </Card>
  );
}
