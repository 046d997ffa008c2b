"use client";
// The tenant's SLA policy: first-response and resolution targets per priority, business hours
// per weekday, holidays, the warning lead time and the reopen window. Everyone on the desk sees
// it; a tenant admin edits it (the clocks of tickets opened afterwards follow it).
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useState } from "react";
import { useToast } from "@/components/toast";
import { errorMessage, fieldErrors, useTRPC } from "@/components/trpc";
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Field,
  FormActions,
  Input,
  PageHeader,
  Spinner,
  Textarea,
} from "@/components/ui";

const PRIORITIES = ["URGENT", "HIGH", "NORMAL", "LOW"] as const;
type Priority = (typeof PRIORITIES)[number];
const DAYS = [
  [1, "Monday"],
  [2, "Tuesday"],
  [3, "Wednesday"],
  [4, "Thursday"],
  [5, "Friday"],
  [6, "Saturday"],
  [0, "Sunday"],
] as const;

type Form = {
  targets: Record<Priority, { firstResponseMin: string; resolutionMin: string }>;
  timeZone: string;
  hours: Record<number, { open: boolean; start: string; end: string }>;
  holidays: string;
  warnBeforeMin: string;
  reopenDays: string;
};

export function SlaSettingsPage({ canEdit }: { canEdit: boolean }) {
  const trpc = useTRPC();
  const toast = useToast();
  const queryClient = useQueryClient();
  const policy = useQuery(trpc.tickets.slaPolicy.queryOptions());
  const [form, setForm] = useState<Form | null>(null);
  useEffect(() => {
    const p = policy.data;
    if (!p || form) return;
    setForm({
      targets: Object.fromEntries(
        PRIORITIES.map((k) => [
          k,
          {
            firstResponseMin: String(p.targets[k].firstResponseMin),
            resolutionMin: String(p.targets[k].resolutionMin),
          },
        ]),
      ) as Form["targets"],
      timeZone: p.timeZone,
      hours: Object.fromEntries(
        DAYS.map(([day]) => {
          const w = p.businessHours.find((h) => h.day === day);
          return [day, { open: Boolean(w), start: w?.start ?? "08:00", end: w?.end ?? "18:00" }];
        }),
      ),
      holidays: p.holidays.join("\n"),
      warnBeforeMin: String(p.warnBeforeMin),
      reopenDays: String(p.reopenDays),
    });
  }, [policy.data, form]);
  const save = useMutation(
    trpc.tickets.updateSlaPolicy.mutationOptions({
      onSuccess: () => {
        toast.success("SLA policy saved");
        queryClient.invalidateQueries({ queryKey: trpc.tickets.slaPolicy.queryKey() });
      },
      onError: toast.error,
    }),
  );
  const errors = fieldErrors(save.error);
  if (policy.isLoading || (!form && !policy.error)) return <Spinner label="Loading the SLA policy" />;
  if (policy.error || !form) return <Alert tone="danger">{errorMessage(policy.error)}</Alert>;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate({
      targets: Object.fromEntries(
        PRIORITIES.map((k) => [
          k,
          {
            firstResponseMin: Number(form.targets[k].firstResponseMin),
            resolutionMin: Number(form.targets[k].resolutionMin),
          },
        ]),
      ) as Record<Priority, { firstResponseMin: number; resolutionMin: number }>,
      timeZone: form.timeZone.trim(),
      businessHours: DAYS.filter(([day]) => form.hours[day]?.open).map(([day]) => ({
        day,
        start: form.hours[day]?.start ?? "",
        end: form.hours[day]?.end ?? "",
      })),
      holidays: form.holidays
        .split(/\s+/)
        .map((d) => d.trim())
        .filter(Boolean),
      warnBeforeMin: Number(form.warnBeforeMin),
      reopenDays: Number(form.reopenDays),
    });
  };
  const target = (k: Priority, field: "firstResponseMin" | "resolutionMin") => (
    <Input
      type="number"
      min={1}
      value={form.targets[k][field]}
      disabled={!canEdit}
      onChange={(e) =>
        setForm({ ...form, targets: { ...form.targets, [k]: { ...form.targets[k], [field]: e.target.value } } })
      }
    />
  );
  const hours = (day: number, patch: Partial<Form["hours"][number]>) =>
    setForm({
      ...form,
      hours: { ...form.hours, [day]: { ...(form.hours[day] ?? { open: false, start: "", end: "" }), ...patch } },
    });
  // Errors of the targets (no field of their own above: a message per form).
  const SHOWN = new Set(["timeZone", "businessHours", "holidays", "warnBeforeMin", "reopenDays"]);
  const firstError = Object.entries(errors).find(([k, v]) => v && !SHOWN.has(k));

  return (
    <div className="stack">
      <PageHeader
        title="SLA policy"
        description="Targets count business minutes only; the clock stops while a ticket waits on the customer."
        breadcrumbs={[{ label: "Support queue", href: "/support" }, { label: "SLA policy" }]}
      />
      {policy.data?.isDefault ? (
        <Alert tone="info">This is the default policy; saving it makes it the tenant's own.</Alert>
      ) : null}
      {!canEdit ? <Alert tone="info">Only a tenant admin can change the policy.</Alert> : null}
      <form className="stack" onSubmit={submit} aria-label="SLA policy">
        <Card title="Targets per priority (minutes)">
          <div className="form-grid">
            {PRIORITIES.map((k) => (
              <fieldset key={k} className="stack-sm">
                <legend>{k.charAt(0) + k.slice(1).toLowerCase()}</legend>
                <Field label={`First response (${k.toLowerCase()})`} required>
                  {target(k, "firstResponseMin")}
                </Field>
                <Field label={`Resolution (${k.toLowerCase()})`} required>
                  {target(k, "resolutionMin")}
                </Field>
              </fieldset>
            ))}
          </div>
        </Card>
        <Card title="Business hours">
          <div className="stack-sm">
            <Field label="Time zone" hint="An IANA zone, e.g. Europe/Berlin" error={errors.timeZone} required>
              <Input
                value={form.timeZone}
                disabled={!canEdit}
                onChange={(e) => setForm({ ...form, timeZone: e.target.value })}
              />
            </Field>
            {DAYS.map(([day, name]) => (
              <div key={day} className="row">
                <Checkbox
                  label={name}
                  checked={form.hours[day]?.open ?? false}
                  disabled={!canEdit}
                  onChange={(e) => hours(day, { open: e.target.checked })}
                />
                {form.hours[day]?.open ? (
                  <>
                    <Field label={`${name} from`}>
                      <Input
                        type="time"
                        value={form.hours[day]?.start}
                        disabled={!canEdit}
                        onChange={(e) => hours(day, { start: e.target.value })}
                      />
                    </Field>
                    <Field label={`${name} until`}>
                      <Input
                        type="time"
                        value={form.hours[day]?.end}
                        disabled={!canEdit}
                        onChange={(e) => hours(day, { end: e.target.value })}
                      />
                    </Field>
                  </>
                ) : null}
              </div>
            ))}
            {errors.businessHours ? <p className="field-error">{errors.businessHours}</p> : null}
            <Field
              label="Holidays"
              hint="One date per line (YYYY-MM-DD): no business hours that day"
              error={errors.holidays}
            >
              <Textarea
                rows={4}
                value={form.holidays}
                disabled={!canEdit}
                onChange={(e) => setForm({ ...form, holidays: e.target.value })}
              />
            </Field>
          </div>
        </Card>
        <Card title="Warnings and reopening">
          <div className="form-grid">
            <Field label="Warn the team before a breach (minutes)" error={errors.warnBeforeMin}>
              <Input
                type="number"
                min={0}
                value={form.warnBeforeMin}
                disabled={!canEdit}
                onChange={(e) => setForm({ ...form, warnBeforeMin: e.target.value })}
              />
            </Field>
            <Field label="A reply reopens a resolved ticket within (days)" error={errors.reopenDays}>
              <Input
                type="number"
                min={0}
                value={form.reopenDays}
                disabled={!canEdit}
                onChange={(e) => setForm({ ...form, reopenDays: e.target.value })}
              />
            </Field>
          </div>
        </Card>
        {save.error && !Object.keys(errors).length ? <Alert tone="danger">{errorMessage(save.error)}</Alert> : null}
        {firstError ? <Alert tone="danger">{firstError[1]}</Alert> : null}
        {canEdit ? (
          <FormActions>
            <Button type="submit" variant="primary" loading={save.isPending}>
              Save policy
            </Button>
          </FormActions>
        ) : null}
      </form>
    </div>
  );
}
