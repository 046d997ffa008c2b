"use client";
// The tenant's SLA credit for outages: when an incident that lasted at least the minimum
// resolves, each affected subscriber gets a share of their monthly plan price back on the next
// invoice, once. Checked here with the server's schema before saving (the server checks again);
// every change is audited.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useToast } from "@/components/toast";
import { errorMessage, fieldErrors, useTRPC } from "@/components/trpc";
import { Alert, Button, Card, Checkbox, Field, FormActions, Input, PageHeader, Spinner } from "@/components/ui";
import { creditPolicyInput } from "@/server/modules/incidents/schemas";

type Draft = { enabled: boolean; minOutageMinutes: string; percentOfMonthly: string };
type Problems = Partial<Record<"minOutageMinutes" | "percentOfMonthly", string>>;

const number = (text: string) => (text.trim() === "" ? Number.NaN : Number(text));

export function CreditPolicyPage({ canManage }: { canManage: boolean }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const toast = useToast();
  const policy = useQuery(trpc.incidents.creditPolicy.queryOptions());
  const [draft, setDraft] = useState<Draft | null>(null);
  const [problems, setProblems] = useState<Problems>({});
  useEffect(() => {
    if (policy.data && !draft)
      setDraft({
        enabled: policy.data.enabled,
        minOutageMinutes: String(policy.data.minOutageMinutes),
        percentOfMonthly: String(policy.data.percentOfMonthly),
      });
  }, [policy.data, draft]);
  const save = useMutation(
    trpc.incidents.setCreditPolicy.mutationOptions({
      onSuccess: () => {
        toast.success("Outage credit policy saved");
        void qc.invalidateQueries({ queryKey: trpc.incidents.creditPolicy.queryKey() });
      },
      onError: (e) => {
        const server = fieldErrors(e);
        if (server.minOutageMinutes || server.percentOfMonthly)
          setProblems({ minOutageMinutes: server.minOutageMinutes, percentOfMonthly: server.percentOfMonthly });
        else toast.error(e);
      },
    }),
  );

  const header = (
    <PageHeader
      title="Outage credit policy"
      breadcrumbs={[{ label: "Incidents", href: "/noc/incidents" }, { label: "Outage credit policy" }]}
      description="When an outage incident resolves after lasting at least the minimum, every affected subscriber gets a share of their monthly plan price back on their next invoice, once."
    />
  );
  if (policy.error) return <Alert tone="danger">{errorMessage(policy.error)}</Alert>;
  if (!draft)
    return (
      <div className="stack">
        {header}
        <Spinner label="Loading the policy" />
      </div>
    );
  const minutes = number(draft.minOutageMinutes);
  return (
    <div className="stack">
      {header}
      <Card title="Credit">
        <form
          className="stack-sm"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            const parsed = creditPolicyInput.safeParse({
              enabled: draft.enabled,
              minOutageMinutes: number(draft.minOutageMinutes),
              percentOfMonthly: number(draft.percentOfMonthly),
            });
            if (!parsed.success) {
              const found: Problems = {};
              for (const issue of parsed.error.issues) {
                const field = issue.path[0] as keyof Problems;
                found[field] ??= issue.code === "invalid_type" ? "Enter a whole number" : issue.message;
              }
              setProblems(found);
              return;
            }
            setProblems({});
            save.mutate(parsed.data);
          }}
        >
          <Checkbox
            label="Credit subscribers for outages"
            checked={draft.enabled}
            disabled={!canManage}
            onChange={(e) => setDraft({ ...draft, enabled: e.target.checked })}
          />
          <Field
            label="Minimum outage (minutes)"
            hint={
              Number.isInteger(minutes) && minutes >= 60
                ? `Incidents shorter than ${Math.floor(minutes / 60)} h${minutes % 60 ? ` ${minutes % 60} min` : ""} earn no credit.`
                : "Incidents shorter than this earn no credit."
            }
            error={problems.minOutageMinutes}
            required
          >
            <Input
              type="number"
              inputMode="numeric"
              min={0}
              max={10_080}
              value={draft.minOutageMinutes}
              disabled={!canManage}
              onChange={(e) => setDraft({ ...draft, minOutageMinutes: e.target.value })}
            />
          </Field>
          <Field
            label="Credit (% of the monthly plan price)"
            hint="Rounded to the cent; 0 turns the credit off."
            error={problems.percentOfMonthly}
            required
          >
            <Input
              type="number"
              inputMode="numeric"
              min={0}
              max={100}
              value={draft.percentOfMonthly}
              disabled={!canManage}
              onChange={(e) => setDraft({ ...draft, percentOfMonthly: e.target.value })}
            />
          </Field>
          {canManage ? (
            <FormActions>
              <Button type="submit" variant="primary" loading={save.isPending}>
                Save policy
              </Button>
            </FormActions>
          ) : (
            <p className="small muted">Only users who manage incidents can change it.</p>
          )}
        </form>
      </Card>
    </div>
  );
}
