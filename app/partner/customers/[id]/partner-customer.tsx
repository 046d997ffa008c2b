"use client";
// One of the partner's customers: contact and services, and a plan change for an active
// service (J17): the dry run is shown and confirmed, then the change-plan saga runs and its
// steps are followed here.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useState } from "react";
import { useToast } from "@/components/toast";
import { errorMessage, useTRPC } from "@/components/trpc";
import {
  Alert,
  Badge,
  Button,
  Card,
  DescriptionList,
  EmptyState,
  Field,
  FormActions,
  Money,
  PageHeader,
  Select,
  Spinner,
  StatusBadge,
} from "@/components/ui";
import { formatMoney } from "@/lib/money";

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
    </div>
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
