"use client";
// One of the partner's leads: contact, address and serviceability, its quotes (the PDF under
// the reseller's brand), a new quote from the catalogue and sending it to the lead by email.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useConfirm } from "@/components/confirm";
import { ServiceabilityBadge, StageBadge } from "@/components/crm-format";
import { type QuoteRow, QuotesTable } from "@/components/quotes-table";
import { useToast } from "@/components/toast";
import { errorMessage, fieldErrors, useTRPC } from "@/components/trpc";
import {
  Alert,
  Button,
  Card,
  DateTime,
  DescriptionList,
  Field,
  FormActions,
  Input,
  PageHeader,
  Select,
  Spinner,
} from "@/components/ui";
import { formatMoney } from "@/lib/money";

export function PartnerLeadPage({ leadId }: { leadId: string }) {
  const trpc = useTRPC();
  const lead = useQuery(trpc.partners.portal.lead.queryOptions({ leadId }));
  if (lead.isLoading) return <Spinner label="Loading the lead" />;
  if (lead.error || !lead.data)
    return <Alert tone="danger">{errorMessage(lead.error) || "This lead could not be loaded"}</Alert>;
  const l = lead.data;
  const closed = l.stage === "WON" || l.stage === "LOST";
  return (
    <div className="stack">
      <PageHeader
        title={l.name}
        breadcrumbs={[{ label: "Leads and quotes", href: "/partner/leads" }, { label: `L-${l.number}` }]}
        description={`Lead L-${l.number}`}
      />
      <Card title="Lead">
        <DescriptionList
          items={[
            { label: "Stage", value: <StageBadge stage={l.stage} /> },
            { label: "Email", value: l.email ?? "—" },
            { label: "Phone", value: l.phone ?? "—" },
            { label: "Address", value: l.addressLabel || "—" },
            { label: "Serviceability", value: <ServiceabilityBadge value={l.serviceability} /> },
            { label: "Registered", value: <DateTime value={l.createdAt} /> },
          ]}
        />
      </Card>
      <Card title="Quotes">
        <QuoteTable leadId={leadId} quotes={l.quotes} canSend={!closed} />
        {closed ? null : <NewQuote leadId={leadId} hasAddress={Boolean(l.addressLabel)} />}
      </Card>
    </div>
  );
}

function QuoteTable({ leadId, quotes, canSend }: { leadId: string; quotes: QuoteRow[]; canSend: boolean }) {
  const trpc = useTRPC();
  const toast = useToast();
  const confirm = useConfirm();
  const queryClient = useQueryClient();
  const send = useMutation(
    trpc.partners.portal.sendQuote.mutationOptions({
      onSuccess: (q) => {
        toast.success(`Quote ${q.number} sent by email`);
        void queryClient.invalidateQueries({ queryKey: trpc.partners.portal.lead.queryKey({ leadId }) });
      },
      onError: toast.error,
    }),
  );
  return (
    <QuotesTable
      quotes={quotes}
      actions={(q) => (
        <>
          <a href={`/partner/quotes/${q.id}/pdf`} target="_blank" rel="noreferrer">
            PDF<span className="sr-only"> of quote {q.number}</span>
          </a>
          {canSend && (q.status === "DRAFT" || q.status === "SENT") ? (
            <Button
              size="sm"
              variant="primary"
              loading={send.isPending}
              onClick={async () => {
                if (
                  await confirm({
                    title: `Send quote ${q.number}?`,
                    body: "The lead receives it by email with a link to accept and sign it.",
                    confirmLabel: "Send",
                  })
                )
                  send.mutate({ quoteId: q.id });
              }}
            >
              {q.status === "SENT" ? "Send again" : "Send"}
            </Button>
          ) : null}
        </>
      )}
    />
  );
}

function NewQuote({ leadId, hasAddress }: { leadId: string; hasAddress: boolean }) {
  const trpc = useTRPC();
  const toast = useToast();
  const queryClient = useQueryClient();
  const plans = useQuery(trpc.partners.portal.plans.queryOptions());
  const [form, setForm] = useState({ planId: "", discountPercent: "0" });
  const create = useMutation(
    trpc.partners.portal.createQuote.mutationOptions({
      onSuccess: (q) => {
        toast.success(
          q.status === "PENDING_APPROVAL"
            ? `Quote ${q.number} waits for the ISP's approval`
            : `Quote ${q.number} created`,
        );
        void queryClient.invalidateQueries({ queryKey: trpc.partners.portal.lead.queryKey({ leadId }) });
      },
      onError: toast.error,
    }),
  );
  const errors = fieldErrors(create.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate({
      leadId,
      planId: form.planId,
      discountBasisPoints: Math.round(Number(form.discountPercent.replace(",", ".")) * 100) || 0,
    });
  };
  if (!hasAddress) return <Alert tone="info">The lead needs a service address before it can be quoted.</Alert>;
  return (
    <form onSubmit={submit} className="stack-sm" noValidate aria-label="New quote">
      <h3>New quote</h3>
      <p className="small muted">
        A new quote replaces this lead's open ones. Discounts above 15% need the ISP's approval.
      </p>
      <div className="form-grid">
        <Field label="Plan" required error={errors.planId}>
          <Select
            value={form.planId}
            onChange={(e) => setForm((f) => ({ ...f, planId: e.target.value }))}
            placeholder="Choose a plan"
            options={(plans.data ?? []).map((p) => ({
              value: p.id,
              label: `${p.name}: ${formatMoney(p.priceMinor, p.currency)} a month`,
            }))}
          />
        </Field>
        <Field label="Discount (%)" error={errors.discountBasisPoints}>
          <Input
            inputMode="decimal"
            value={form.discountPercent}
            onChange={(e) => setForm((f) => ({ ...f, discountPercent: e.target.value }))}
          />
        </Field>
      </div>
      {create.error && Object.keys(errors).length === 0 ? (
        <Alert tone="danger">{errorMessage(create.error)}</Alert>
      ) : null}
      <FormActions>
        <Button type="submit" variant="primary" loading={create.isPending} disabled={!form.planId}>
          Create quote
        </Button>
      </FormActions>
    </form>
  );
}
