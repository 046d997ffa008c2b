"use client";
// The subscriber changes its own plan (J2): one of the plans its ISP offers for self-service,
// now (prorated) or from the next billing cycle. The proration is shown before confirming.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useToast } from "@/components/toast";
import { errorMessage, useTRPC } from "@/components/trpc";
import {
  Alert,
  Button,
  Card,
  EmptyState,
  Field,
  FormActions,
  Money,
  PageHeader,
  Select,
  Spinner,
} from "@/components/ui";
import { formatMoney } from "@/lib/money";
import { formatSpeed } from "../portal-ui";

export function PlanChangePage() {
  const trpc = useTRPC();
  const toast = useToast();
  const queryClient = useQueryClient();
  const options = useQuery(trpc.subscribers.portal.planOptions.queryOptions());
  const [chosen, setChosen] = useState<{ subscriberId: string; planId: string; effective: "now" | "next_cycle" }>({
    subscriberId: "",
    planId: "",
    effective: "now",
  });
  const [previewing, setPreviewing] = useState(false);
  const subscriberId = chosen.subscriberId || options.data?.services[0]?.id || "";
  const input = { ...chosen, subscriberId };
  const preview = useQuery({
    ...trpc.subscribers.portal.previewPlanChange.queryOptions(input),
    enabled: previewing && Boolean(subscriberId && chosen.planId),
    staleTime: 0,
  });
  const [key] = useState(() => crypto.randomUUID());
  const change = useMutation(
    trpc.subscribers.portal.changePlan.mutationOptions({
      onSuccess: (r) => {
        toast.success(
          r.effective === "now"
            ? "Your plan is being changed: it applies within a minute"
            : "Done: the new plan starts with your next billing cycle",
        );
        setPreviewing(false);
        setChosen({ subscriberId, planId: "", effective: "now" });
        queryClient.invalidateQueries({ queryKey: trpc.billing.portal.pathKey() });
        queryClient.invalidateQueries({ queryKey: trpc.subscribers.portal.pathKey() });
      },
      onError: toast.error,
    }),
  );

  if (options.isLoading) return <Spinner label="Loading your plans" />;
  if (options.error || !options.data)
    return <Alert tone="danger">{errorMessage(options.error) || "Your plans could not be loaded"}</Alert>;
  const { services, plans } = options.data;
  const service = services.find((s) => s.id === subscriberId);
  const choices = plans.filter((p) => p.id !== service?.plan.id);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!previewing) setPreviewing(true);
    else if (preview.data?.ok) change.mutate({ ...input, idempotencyKey: `${key}:${input.planId}:${input.effective}` });
  };
  const set = (patch: Partial<typeof chosen>) => {
    setChosen({ ...chosen, subscriberId, ...patch });
    setPreviewing(false);
  };
  return (
    <div className="stack">
      <PageHeader title="Change plan" description="Switch to another plan, today or from your next bill." />
      {!service ? (
        <EmptyState title="No active service" description="Plans can be changed for an active service." />
      ) : (
        <Card title={`Your plan: ${service.plan.name}`}>
          <form className="stack" onSubmit={submit} noValidate>
            <p>
              {formatSpeed(service.plan.downloadKbps)} down, {formatSpeed(service.plan.uploadKbps)} up ·{" "}
              <Money amount={service.plan.priceMinor} currency={service.plan.currency} /> a month
            </p>
            {services.length > 1 ? (
              <Field label="Service">
                <Select
                  value={subscriberId}
                  onChange={(e) => set({ subscriberId: e.target.value, planId: "" })}
                  options={services.map((s) => ({ value: s.id, label: `${s.username} (${s.plan.name})` }))}
                />
              </Field>
            ) : null}
            {choices.length ? (
              <>
                <Field label="New plan">
                  <Select
                    value={chosen.planId}
                    placeholder="Choose a plan…"
                    onChange={(e) => set({ planId: e.target.value })}
                    options={choices.map((p) => ({
                      value: p.id,
                      label: `${p.name}: ${formatSpeed(p.downloadKbps)}, ${formatMoney(p.priceMinor, p.currency)} a month`,
                    }))}
                  />
                </Field>
                <Field label="When">
                  <Select
                    value={chosen.effective}
                    onChange={(e) => set({ effective: e.target.value as "now" | "next_cycle" })}
                    options={[
                      { value: "now", label: "Now (this month is prorated)" },
                      { value: "next_cycle", label: "From my next billing cycle" },
                    ]}
                  />
                </Field>
              </>
            ) : (
              <EmptyState title="No other plan to choose" description="Contact us to change your plan." />
            )}
            {previewing && preview.isFetching ? <Spinner label="Working out the price" /> : null}
            {previewing && preview.error ? <Alert tone="danger">{errorMessage(preview.error)}</Alert> : null}
            {previewing && preview.data ? (
              preview.data.ok ? (
                <Alert tone="info" title="What changes on your bill">
                  <div data-testid="proration-preview">
                    {preview.data.lines.length ? (
                      <ul>
                        {preview.data.lines.map((l) => (
                          <li key={l.description}>
                            {l.description}: <Money amount={l.amountMinor} currency={preview.data?.currency ?? "EUR"} />
                          </li>
                        ))}
                      </ul>
                    ) : null}
                    <p>
                      {chosen.effective === "now"
                        ? `From ${preview.data.effectiveOn}; on your next invoice: `
                        : `From ${preview.data.effectiveOn}, your next billing cycle. Nothing is charged now`}
                      {chosen.effective === "now" ? (
                        <Money
                          amount={preview.data.netMinor}
                          currency={preview.data.currency ?? "EUR"}
                          signDisplay="always"
                        />
                      ) : null}
                    </p>
                  </div>
                </Alert>
              ) : (
                <Alert tone="danger">{preview.data.error ?? "This change cannot be made now; contact us"}</Alert>
              )
            ) : null}
            <FormActions>
              {previewing ? (
                <Button type="button" onClick={() => setPreviewing(false)}>
                  Back
                </Button>
              ) : null}
              <Button
                type="submit"
                variant="primary"
                disabled={!chosen.planId || (previewing && !preview.data?.ok)}
                loading={change.isPending}
              >
                {previewing ? "Confirm plan change" : "Preview"}
              </Button>
            </FormActions>
          </form>
        </Card>
      )}
    </div>
  );
}
