"use client";
// The subscriber cancels its own service on a later day (J4): the preview shows the final
// invoice prorated to that day and the equipment to give back (and what each item costs if it
// is not); confirming requests the same cancellation customer service would. Before the day it
// can be withdrawn.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useConfirm } from "@/components/confirm";
import { useToast } from "@/components/toast";
import { errorMessage, useTRPC } from "@/components/trpc";
import {
  Alert,
  Button,
  Card,
  EmptyState,
  Field,
  FormActions,
  Input,
  Money,
  PageHeader,
  Select,
  Spinner,
  Textarea,
} from "@/components/ui";

export function CancelPage() {
  const trpc = useTRPC();
  const toast = useToast();
  const confirm = useConfirm();
  const queryClient = useQueryClient();
  const state = useQuery(trpc.subscribers.portal.cancellations.queryOptions());
  const [chosen, setChosen] = useState({ subscriberId: "", effectiveOn: "", reason: "" });
  const [previewing, setPreviewing] = useState(false);
  const [dateError, setDateError] = useState<string | null>(null);
  const [key] = useState(() => crypto.randomUUID());
  const services = state.data?.services ?? [];
  const subscriberId = chosen.subscriberId || services[0]?.id || "";
  const service = services.find((s) => s.id === subscriberId);
  const input = { ...chosen, subscriberId };
  const ready = previewing && Boolean(subscriberId && chosen.effectiveOn);
  const preview = useQuery({
    ...trpc.subscribers.portal.previewCancellation.queryOptions(input),
    enabled: ready,
    staleTime: 0,
  });
  const equipment = useQuery({
    ...trpc.inventory.returns.portalToReturn.queryOptions({ subscriberId }),
    enabled: ready,
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.subscribers.portal.pathKey() });
  const cancel = useMutation(
    trpc.subscribers.portal.cancel.mutationOptions({
      onSuccess: async (c) => {
        toast.success(`Your service ends on ${c.effectiveOn}`);
        setPreviewing(false);
        setChosen({ subscriberId, effectiveOn: "", reason: "" });
        await refresh();
      },
      onError: toast.error,
    }),
  );
  const withdraw = useMutation(
    trpc.subscribers.portal.withdrawCancellation.mutationOptions({
      onSuccess: async () => {
        toast.success("Cancellation withdrawn: your service carries on");
        await refresh();
      },
      onError: toast.error,
    }),
  );

  if (state.isLoading) return <Spinner label="Loading your services" />;
  if (state.error || !state.data)
    return <Alert tone="danger">{errorMessage(state.error) || "Your services could not be loaded"}</Alert>;
  const today = state.data.today ?? "";
  const open = service?.cancellation ?? null;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!chosen.effectiveOn) return setDateError("Choose the day your service ends");
    if (chosen.effectiveOn <= today) return setDateError(`Choose a day after today (${today})`);
    setDateError(null);
    if (!previewing) setPreviewing(true);
    else if (preview.data?.ok) cancel.mutate({ ...input, idempotencyKey: `${key}:${input.effectiveOn}` });
  };
  const set = (patch: Partial<typeof chosen>) => {
    setChosen({ ...chosen, subscriberId, ...patch });
    setPreviewing(false);
  };
  const currency = preview.data?.currency ?? equipment.data?.currency ?? "EUR";

  return (
    <div className="stack">
      <PageHeader title="Cancel service" description="End your service on a day you choose; withdraw before then." />
      {!service ? (
        <EmptyState title="No service to cancel" description="You have no service in use." />
      ) : (
        <>
          {services.length > 1 ? (
            <Field label="Service">
              <Select
                value={subscriberId}
                onChange={(e) => set({ subscriberId: e.target.value })}
                options={services.map((s) => ({ value: s.id, label: s.username }))}
              />
            </Field>
          ) : null}
          {open ? (
            <Card title="Cancellation requested" aria-label="Cancellation requested">
              <div className="stack-sm" data-testid="cancellation-status">
                <p>
                  Your service {service.username} ends on <strong>{open.effectiveOn}</strong>
                  {open.status === "STARTED" ? ": it is being disconnected." : "."}
                </p>
                {open.status === "SCHEDULED" ? (
                  <FormActions>
                    <Button
                      variant="danger"
                      loading={withdraw.isPending}
                      onClick={async () => {
                        if (
                          await confirm({
                            title: "Withdraw the cancellation?",
                            body: "Your service carries on as it is, and is billed as before.",
                            confirmLabel: "Withdraw cancellation",
                          })
                        )
                          withdraw.mutate({ id: open.id });
                      }}
                    >
                      Withdraw cancellation
                    </Button>
                  </FormActions>
                ) : null}
              </div>
            </Card>
          ) : (
            <Card title={`Cancel ${service.username}`} aria-label={`Cancel ${service.username}`}>
              <form className="stack" onSubmit={submit} noValidate>
                <Field
                  label="Last day of service (the day it ends)"
                  hint={`A day after today (${today}). You are billed up to the day before.`}
                  error={dateError}
                  required
                >
                  <Input
                    type="date"
                    min={today}
                    value={chosen.effectiveOn}
                    onChange={(e) => set({ effectiveOn: e.target.value })}
                  />
                </Field>
                <Field label="Why are you leaving? (optional)">
                  <Textarea value={chosen.reason} maxLength={500} onChange={(e) => set({ reason: e.target.value })} />
                </Field>
                {ready && (preview.isFetching || equipment.isFetching) ? (
                  <Spinner label="Working out your final bill" />
                ) : null}
                {ready && preview.error ? <Alert tone="danger">{errorMessage(preview.error)}</Alert> : null}
                {ready && preview.data ? (
                  preview.data.ok ? (
                    <Alert tone="warning" title={`Your service ends on ${preview.data.effectiveOn}`}>
                      <div className="stack-sm" data-testid="cancellation-preview">
                        <p>
                          Final invoice (before tax), prorated to that day:{" "}
                          <Money amount={preview.data.netMinor} currency={currency} signDisplay="always" />
                        </p>
                        {preview.data.lines.length ? (
                          <ul>
                            {preview.data.lines.map((l) => (
                              <li key={l.description}>
                                {l.description}: <Money amount={l.amountMinor} currency={currency} />
                              </li>
                            ))}
                          </ul>
                        ) : null}
                        {equipment.data?.items.length ? (
                          <>
                            <p>
                              Equipment to give back within {equipment.data.dueDays} days after your service ends
                              (charged if it is not):
                            </p>
                            <ul data-testid="equipment-to-return">
                              {equipment.data.items.map((i) => (
                                <li key={i.serial}>
                                  {i.model} ({i.serial}): <Money amount={i.chargeMinor} currency={currency} />
                                </li>
                              ))}
                            </ul>
                          </>
                        ) : (
                          <p>No equipment of ours to give back.</p>
                        )}
                      </div>
                    </Alert>
                  ) : (
                    <Alert tone="danger">
                      {preview.data.error ?? "This service cannot be cancelled here; contact us"}
                    </Alert>
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
                    variant={previewing ? "danger" : "primary"}
                    disabled={previewing && !preview.data?.ok}
                    loading={cancel.isPending}
                  >
                    {previewing ? "Confirm cancellation" : "Preview"}
                  </Button>
                </FormActions>
              </form>
            </Card>
          )}
        </>
      )}
    </div>
  );
}
