"use client";
// The tenant's dunning policy: steps by days overdue, each an email, SMS, suspension or
// disconnection. Checked here with the server's schema before saving (the server checks again).
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useToast } from "@/components/toast";
import { fieldErrors, useTRPC } from "@/components/trpc";
import { Alert, Button, Card, Checkbox, FormActions, Input, Select, Spinner } from "@/components/ui";
import { DUNNING_ACTIONS, type DunningStep, dunningSteps } from "@/server/modules/dunning/schemas";

export const ACTION_LABELS: Record<string, string> = {
  EMAIL: "Email reminder",
  SMS: "SMS reminder",
  SUSPEND: "Suspend service",
  DISCONNECT: "Disconnect service",
  RESTORE: "Restore service",
};

type Draft = { enabled: boolean; steps: Array<{ day: string; action: string }> };
type Problems = { form?: string; rows: Record<number, { day?: string; action?: string }> };

function check(draft: Draft): { steps?: DunningStep[]; problems: Problems } {
  const parsed = dunningSteps.safeParse(
    draft.steps.map((s) => ({ day: s.day.trim() === "" ? Number.NaN : Number(s.day), action: s.action })),
  );
  if (parsed.success) return { steps: parsed.data, problems: { rows: {} } };
  const problems: Problems = { rows: {} };
  for (const issue of parsed.error.issues) {
    const [index, field] = issue.path as [number | undefined, string | undefined];
    if (typeof index === "number" && (field === "day" || field === "action")) {
      problems.rows[index] = { ...problems.rows[index], [field]: problems.rows[index]?.[field] ?? issue.message };
    } else problems.form ??= issue.message;
  }
  return { problems };
}

export function PolicyEditor({ canManage }: { canManage: boolean }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const toast = useToast();
  const policy = useQuery(trpc.dunning.policy.queryOptions());
  const [draft, setDraft] = useState<Draft | null>(null);
  const [problems, setProblems] = useState<Problems>({ rows: {} });
  useEffect(() => {
    if (policy.data && !draft)
      setDraft({
        enabled: policy.data.enabled,
        steps: policy.data.steps.map((s) => ({ day: String(s.day), action: s.action })),
      });
  }, [policy.data, draft]);
  const save = useMutation(
    trpc.dunning.updatePolicy.mutationOptions({
      onSuccess: (saved) => {
        toast.success("Dunning policy saved");
        setDraft({ enabled: saved.enabled, steps: saved.steps.map((s) => ({ day: String(s.day), action: s.action })) });
        void qc.invalidateQueries({ queryKey: trpc.dunning.pathKey() });
      },
      onError: (e) => {
        const server = fieldErrors(e).steps;
        if (server) setProblems({ form: server, rows: {} });
        else toast.error(e);
      },
    }),
  );
  if (!draft) return <Spinner label="Loading the policy" />;
  const update = (i: number, patch: Partial<Draft["steps"][number]>) =>
    setDraft({ ...draft, steps: draft.steps.map((s, j) => (j === i ? { ...s, ...patch } : s)) });
  return (
    <Card title="Dunning policy" data-testid="dunning-policy">
      <form
        className="stack-sm"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const r = check(draft);
          setProblems(r.problems);
          if (r.steps) save.mutate({ enabled: draft.enabled, steps: r.steps });
        }}
      >
        <p className="small muted mb-0">
          Each step runs once per overdue episode, on the given day after the oldest unpaid invoice's due date. A
          payment that clears the overdue balance stops the sequence and restores a suspended service.
          {policy.data?.isDefault ? " (The built-in default: not saved yet.)" : ""}
        </p>
        <Checkbox
          label="Dunning is on"
          checked={draft.enabled}
          disabled={!canManage}
          onChange={(e) => setDraft({ ...draft, enabled: e.target.checked })}
        />
        <table className="table">
          <thead>
            <tr>
              <th>Days overdue</th>
              <th>Action</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {draft.steps.map((s, i) => (
              <tr key={i}>
                <td>
                  <Input
                    type="number"
                    min={0}
                    max={365}
                    aria-label={`Day of step ${i + 1}`}
                    aria-invalid={Boolean(problems.rows[i]?.day)}
                    aria-describedby={problems.rows[i]?.day ? `dunning-step-${i}-day-error` : undefined}
                    value={s.day}
                    disabled={!canManage}
                    onChange={(e) => update(i, { day: e.target.value })}
                    style={{ width: 100 }}
                  />
                  {problems.rows[i]?.day ? (
                    <p id={`dunning-step-${i}-day-error`} className="field-error">
                      {problems.rows[i]?.day}
                    </p>
                  ) : null}
                </td>
                <td>
                  <Select
                    aria-label={`Action of step ${i + 1}`}
                    aria-invalid={Boolean(problems.rows[i]?.action)}
                    aria-describedby={problems.rows[i]?.action ? `dunning-step-${i}-action-error` : undefined}
                    value={s.action}
                    disabled={!canManage}
                    onChange={(e) => update(i, { action: e.target.value })}
                    options={DUNNING_ACTIONS.map((a) => ({ value: a, label: ACTION_LABELS[a] }))}
                  />
                  {problems.rows[i]?.action ? (
                    <p id={`dunning-step-${i}-action-error`} className="field-error">
                      {problems.rows[i]?.action}
                    </p>
                  ) : null}
                </td>
                <td className="num">
                  {canManage ? (
                    <Button
                      size="sm"
                      variant="ghost"
                      aria-label={`Remove step ${i + 1}`}
                      onClick={() => setDraft({ ...draft, steps: draft.steps.filter((_, j) => j !== i) })}
                    >
                      Remove
                    </Button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {problems.form ? <Alert tone="danger">{problems.form}</Alert> : null}
        {canManage ? (
          <FormActions>
            <Button
              onClick={() => {
                const last = draft.steps.at(-1);
                setDraft({
                  ...draft,
                  steps: [...draft.steps, { day: String((Number(last?.day) || 0) + 7), action: "EMAIL" }],
                });
              }}
            >
              Add step
            </Button>
            <Button type="submit" variant="primary" loading={save.isPending}>
              Save policy
            </Button>
          </FormActions>
        ) : null}
      </form>
    </Card>
  );
}
