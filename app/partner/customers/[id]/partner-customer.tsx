"use client";
// One of the partner's customers: contact and services, and a plan change for an active
// service (J17): the dry run is shown and confirmed, then the change-plan saga runs and its
// steps are followed here.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { type FormEvent, useEffect, useState } from "react";
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
  StatusBadge,
  Textarea,
} from "@/components/ui";
import { formatMoney } from "@/lib/money";
import { TICKET_TYPE_LABELS, TICKET_TYPES } from "@/server/modules/tickets/schemas";

const FINISHED = ["COMPLETED", "ROLLED_BACK", "ROLLBACK_FAILED", "CANCELLED"];

type Service = {
  id: string;
  username: string;
  status: string;
  planId: string;
  planName: string;
  priceMinor: number;
  currency: string;
};

export function PartnerCustomerPage({ customerId }: { customerId: string }) {
  const trpc = useTRPC();
  const customer = useQuery(trpc.partners.portal.customer.queryOptions({ customerId }));
  if (customer.isLoading) return <Spinner label="Loading the customer" />;
  if (customer.error || !customer.data)
    return <Alert tone="danger">{errorMessage(customer.error) || "This customer could not be loaded"}</Alert>;
  const c = customer.data;
  return (
    <div className="stack">
      <PageHeader
        title={c.name}
        breadcrumbs={[{ label: "Dashboard", href: "/partner" }, { label: c.name }]}
        description={`Customer ${c.number}`}
      />
      <Card title="Contact">
        <DescriptionList
          items={[
            { label: "Email", value: c.email },
            { label: "Phone", value: c.phone ?? "—" },
          ]}
        />
      </Card>
      {c.services.length === 0 ? (
        <EmptyState title="No services" description="This customer has no service yet." />
      ) : (
        c.services.map((s) => <ServiceCard key={s.id} service={s} customerId={customerId} />)
      )}
      <OpenTicket customerId={customerId} services={c.services} />
    </div>
  );
}

/** A ticket with the ISP's desk on the customer's behalf; it is followed under Tickets. */
function OpenTicket({ customerId, services }: { customerId: string; services: Service[] }) {
  const trpc = useTRPC();
  const toast = useToast();
  const router = useRouter();
  const [form, setForm] = useState({ subject: "", description: "", type: "FAULT", subscriberId: "" });
  const open = useMutation(
    trpc.partners.portal.openTicket.mutationOptions({
      onSuccess: (t) => {
        toast.success(`Ticket ${t.reference} opened`);
        router.push(`/partner/tickets/${t.id}`);
      },
      onError: toast.error,
    }),
  );
  const errors = fieldErrors(open.error);
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [key]: e.target.value }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    open.mutate({
      customerId,
      subject: form.subject,
      description: form.description,
      type: form.type as (typeof TICKET_TYPES)[number],
      subscriberId: form.subscriberId || undefined,
    });
  };
  return (
    <Card title="Open a ticket">
      <form className="stack-sm" onSubmit={submit} noValidate aria-label="Open a ticket">
        <div className="form-grid">
          <Field label="Subject" required error={errors.subject}>
            <Input value={form.subject} onChange={set("subject")} maxLength={200} />
          </Field>
          <Field label="Category" error={errors.type}>
            <Select
              value={form.type}
              onChange={set("type")}
              options={TICKET_TYPES.map((t) => ({ value: t, label: TICKET_TYPE_LABELS[t] }))}
            />
          </Field>
          {services.length ? (
            <Field label="Service" error={errors.subscriberId}>
              <Select
                value={form.subscriberId}
                onChange={set("subscriberId")}
                placeholder="Not about one service"
                options={services.map((s) => ({ value: s.id, label: `${s.username} (${s.planName})` }))}
              />
            </Field>
          ) : null}
        </div>
        <Field label="What happened" required error={errors.description}>
          <Textarea rows={4} value={form.description} onChange={set("description")} maxLength={20_000} />
        </Field>
        {open.error && Object.keys(errors).length === 0 ? (
          <Alert tone="danger">{errorMessage(open.error)}</Alert>
        ) : null}
        <FormActions>
          <Button type="submit" variant="primary" loading={open.isPending}>
            Open ticket
          </Button>
        </FormActions>
      </form>
    </Card>
  );
}

function ServiceCard({ service, customerId }: { service: Service; customerId: string }) {
  const trpc = useTRPC();
  const toast = useToast();
  const queryClient = useQueryClient();
  const plans = useQuery(trpc.partners.portal.plans.queryOptions());
  const [planId, setPlanId] = useState("");
  const [previewing, setPreviewing] = useState(false);
  const [jobId, setJobId] = useState<string | null>(null);
  const [key] = useState(() => crypto.randomUUID());
  const preview = useQuery({
    ...trpc.partners.portal.previewPlan.queryOptions({ subscriberId: service.id, planId }),
    enabled: previewing && Boolean(planId),
    staleTime: 0,
  });
  const job = useQuery({
    ...trpc.partners.portal.job.queryOptions({ jobId: jobId ?? "" }),
    enabled: Boolean(jobId),
    refetchInterval: (q) => (q.state.data && FINISHED.includes(q.state.data.status) ? false : 1000),
  });
  const change = useMutation(
    trpc.partners.portal.changePlan.mutationOptions({
      onSuccess: (j) => {
        setJobId(j.id);
        setPreviewing(false);
        toast.success("The plan change has started");
      },
      onError: toast.error,
    }),
  );
  const done = job.data?.status === "COMPLETED";
  useEffect(() => {
    if (done) queryClient.invalidateQueries({ queryKey: trpc.partners.portal.customer.queryKey({ customerId }) });
  }, [done, queryClient, trpc, customerId]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!planId) return;
    if (!previewing) setPreviewing(true);
    else if (preview.data?.ok) change.mutate({ subscriberId: service.id, planId, idempotencyKey: `${key}:${planId}` });
  };
  const choices = (plans.data ?? []).filter((p) => p.id !== service.planId);
  return (
    <Card
      title={
        <>
          {service.username} <StatusBadge status={service.status} />
        </>
      }
    >
      <p>
        Plan: <strong>{service.planName}</strong> · <Money amount={service.priceMinor} currency={service.currency} /> a
        month
      </p>
      {service.status === "ACTIVE" ? (
        <form className="stack" onSubmit={submit} noValidate aria-label={`Change the plan of ${service.username}`}>
          <Field label="New plan" hint="The change applies at once; the customer's bill is prorated.">
            <Select
              value={planId}
              placeholder="Choose a plan…"
              onChange={(e) => {
                setPlanId(e.target.value);
                setPreviewing(false);
              }}
              options={choices.map((p) => ({
                value: p.id,
                label: `${p.name}: ${formatMoney(p.priceMinor, p.currency)} a month`,
              }))}
            />
          </Field>
          {previewing && preview.isFetching ? <Spinner label="Checking the change" /> : null}
          {previewing && preview.error ? <Alert tone="danger">{errorMessage(preview.error)}</Alert> : null}
          {previewing && preview.data ? (
            <Alert tone={preview.data.ok ? "info" : "danger"} title="What will happen">
              <ol data-testid="plan-change-preview">
                {preview.data.steps.map((s) => (
                  <li key={s.name}>
                    {s.title}: {s.error ?? s.summary}
                  </li>
                ))}
              </ol>
            </Alert>
          ) : null}
          <FormActions>
            <Button type="submit" disabled={!planId || change.isPending || (previewing && !preview.data?.ok)}>
              {previewing ? "Confirm plan change" : "Review plan change"}
            </Button>
          </FormActions>
        </form>
      ) : null}
      {job.data ? (
        <div className="stack" aria-live="polite">
          <p>
            Plan change: <StatusBadge status={job.data.status} />
          </p>
          <ul data-testid="plan-change-steps">
            {job.data.steps.map((s) => (
              <li key={s.name}>
                {s.title}{" "}
                <Badge tone={s.status === "COMPLETED" ? "success" : s.status === "FAILED" ? "danger" : "neutral"}>
                  {s.status.toLowerCase()}
                </Badge>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </Card>
  );
}
