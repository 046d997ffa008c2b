"use client";
// Alerts and alert rules: the alerts (pending, firing, acknowledged, resolved) with acknowledge
// and resolve (confirmed), the rules with a form to add or edit one, enable/disable and delete
// (confirmed), and the threshold of the RADIUS reject alarm. Rules fire on the minute's sample;
// "Sample now" evaluates them at once.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useMemo, useRef, useState } from "react";
import { useConfirm } from "@/components/confirm";
import { DataTable, defineColumns, useListQuery, useLocalList } from "@/components/data-table";
import { useToast } from "@/components/toast";
import { fieldErrors, useTRPC } from "@/components/trpc";
import {
  Button,
  Card,
  Checkbox,
  DateTime,
  EmptyState,
  Field,
  FormActions,
  humanize,
  Input,
  PageHeader,
  Select,
  StatusBadge,
} from "@/components/ui";
import {
  ALERT_CHANNELS,
  ALERT_STATUSES,
  METRIC_NAMES,
  METRICS,
  type MetricName,
} from "@/server/modules/monitoring/schemas";

type AlertRow = {
  id: string;
  status: string;
  ruleName: string;
  metric: string;
  seriesLabel: string;
  condition: string;
  value: number;
  since: Date;
  firedAt: Date | null;
  acknowledgedBy: string | null;
  resolvedBy: string | null;
};

type RuleRow = {
  id: string;
  name: string;
  metric: string;
  series: string | null;
  comparator: "ABOVE" | "BELOW";
  threshold: number;
  durationMinutes: number;
  channels: string[];
  emailTo: string | null;
  smsTo: string | null;
  enabled: boolean;
  openAlerts: number;
};

const CHANNEL_LABELS: Record<(typeof ALERT_CHANNELS)[number], string> = {
  INBOX: "NOC inbox",
  EMAIL: "Email",
  SMS: "SMS",
  WEBHOOK: "Webhook (alert.firing / alert.resolved)",
};

function AlertActions({ row, canManage }: { row: AlertRow; canManage: boolean }) {
  const trpc = useTRPC();
  const client = useQueryClient();
  const toast = useToast();
  const confirm = useConfirm();
  const done = (what: string) => ({
    onSuccess: () => {
      toast.success(what);
      client.invalidateQueries({ queryKey: trpc.monitoring.pathKey() });
    },
    onError: toast.error,
  });
  const ack = useMutation(trpc.monitoring.acknowledge.mutationOptions(done("Alert acknowledged")));
  const resolve = useMutation(trpc.monitoring.resolve.mutationOptions(done("Alert resolved")));
  if (!canManage || (row.status !== "FIRING" && row.status !== "ACKNOWLEDGED")) return null;
  const label = `${row.ruleName}${row.seriesLabel ? ` on ${row.seriesLabel}` : ""}`;
  return (
    <span className="row">
      {row.status === "FIRING" ? (
        <Button
          size="sm"
          onClick={() => ack.mutate({ id: row.id })}
          loading={ack.isPending}
          aria-label={`Acknowledge ${label}`}
        >
          Acknowledge
        </Button>
      ) : null}
      <Button
        size="sm"
        variant="secondary"
        loading={resolve.isPending}
        aria-label={`Resolve ${label}`}
        onClick={async () => {
          const ok = await confirm({
            title: `Resolve "${label}"?`,
            body: "If the metric is still beyond the threshold, the next sample raises a new alert.",
            confirmLabel: "Resolve",
          });
          if (ok) resolve.mutate({ id: row.id });
        }}
      >
        Resolve…
      </Button>
    </span>
  );
}

function alertColumns(canManage: boolean) {
  return defineColumns<AlertRow>((c) => [
    c.accessor("ruleName", {
      header: "Alert",
      cell: (i) => (
        <span className="stack-sm">
          <span>{i.getValue()}</span>
          <span className="muted small mono">
            {i.row.original.metric}
            {i.row.original.seriesLabel ? ` · ${i.row.original.seriesLabel}` : ""}
          </span>
        </span>
      ),
    }),
    c.accessor("status", { header: "Status", enableSorting: true, cell: (i) => <StatusBadge status={i.getValue()} /> }),
    c.accessor("value", {
      header: "Value",
      enableSorting: true,
      meta: { align: "right" },
      cell: (i) => (
        <span>
          {i.getValue()} <span className="muted small">({i.row.original.condition})</span>
        </span>
      ),
    }),
    c.accessor("since", {
      header: "Since",
      enableSorting: true,
      meta: { hideOnMobile: true },
      cell: (i) => <DateTime value={i.getValue()} mode="relative" />,
    }),
    c.accessor("acknowledgedBy", {
      header: "Handled by",
      meta: { hideOnMobile: true },
      cell: (i) => i.row.original.resolvedBy ?? i.getValue() ?? <span className="muted">—</span>,
    }),
    c.display({
      id: "actions",
      header: "Actions",
      cell: (i) => <AlertActions row={i.row.original} canManage={canManage} />,
    }),
  ]);
}
const MANAGER_ALERT_COLUMNS = alertColumns(true);
const READER_ALERT_COLUMNS = alertColumns(false);

function RuleActions({ row, onEdit }: { row: RuleRow; onEdit: (row: RuleRow) => void }) {
  const trpc = useTRPC();
  const client = useQueryClient();
  const toast = useToast();
  const confirm = useConfirm();
  const refresh = () => client.invalidateQueries({ queryKey: trpc.monitoring.pathKey() });
  const toggle = useMutation(
    trpc.monitoring.updateRule.mutationOptions({
      onSuccess: (r) => {
        toast.success(r.enabled ? "Rule enabled" : "Rule disabled");
        refresh();
      },
      onError: toast.error,
    }),
  );
  const remove = useMutation(
    trpc.monitoring.deleteRule.mutationOptions({
      onSuccess: () => {
        toast.success("Rule deleted");
        refresh();
      },
      onError: toast.error,
    }),
  );
  const { id } = row;
  const rule = {
    name: row.name,
    metric: row.metric as MetricName,
    series: row.series,
    comparator: row.comparator,
    threshold: row.threshold,
    durationMinutes: row.durationMinutes,
    channels: row.channels as (typeof ALERT_CHANNELS)[number][],
    emailTo: row.emailTo,
    smsTo: row.smsTo,
  };
  return (
    <span className="row">
      <Button size="sm" variant="secondary" aria-label={`Edit ${row.name}`} onClick={() => onEdit(row)}>
        Edit
      </Button>
      <Button
        size="sm"
        variant="secondary"
        loading={toggle.isPending}
        aria-label={`${row.enabled ? "Disable" : "Enable"} ${row.name}`}
        onClick={() => toggle.mutate({ id, rule: { ...rule, enabled: !row.enabled } })}
      >
        {row.enabled ? "Disable" : "Enable"}
      </Button>
      <Button
        size="sm"
        variant="danger"
        loading={remove.isPending}
        aria-label={`Delete ${row.name}`}
        onClick={async () => {
          const ok = await confirm({
            title: `Delete the rule "${row.name}"?`,
            body: "Its alerts, open and past, are deleted with it.",
            confirmLabel: "Delete rule",
            danger: true,
          });
          if (ok) remove.mutate({ id });
        }}
      >
        Delete…
      </Button>
    </span>
  );
}

const ruleColumns = (onEdit: ((row: RuleRow) => void) | null) =>
  defineColumns<RuleRow>((c) => [
    c.accessor("name", { header: "Rule" }),
    c.accessor("metric", {
      header: "Condition",
      cell: (i) => {
        const r = i.row.original;
        return (
          <span className="mono small">
            {r.metric}
            {r.series ? `{${r.series}}` : ""} {r.comparator === "ABOVE" ? ">" : "<"} {r.threshold}
            {r.durationMinutes ? ` for ${r.durationMinutes} min` : ""}
          </span>
        );
      },
    }),
    c.accessor("channels", {
      header: "Tells",
      meta: { hideOnMobile: true },
      cell: (i) => (i.getValue() as string[]).map(humanize).join(", "),
    }),
    c.accessor("enabled", {
      header: "State",
      cell: (i) => (
        <StatusBadge status={i.getValue() ? (i.row.original.openAlerts ? "FIRING" : "ACTIVE") : "DISABLED"} />
      ),
    }),
    ...(onEdit
      ? [
          c.display({
            id: "actions",
            header: "Actions",
            cell: (i) => <RuleActions row={i.row.original} onEdit={onEdit} />,
          }),
        ]
      : []),
  ]);
const READER_RULE_COLUMNS = ruleColumns(null);

const EMPTY_RULE = {
  name: "",
  metric: "radius_reject_ratio" as MetricName,
  comparator: "ABOVE" as "ABOVE" | "BELOW",
  threshold: "0.5",
  durationMinutes: "5",
  channels: ["INBOX"] as string[],
  emailTo: "",
  smsTo: "",
};

const draftOf = (r: RuleRow) => ({
  name: r.name,
  metric: r.metric as MetricName,
  comparator: r.comparator,
  threshold: String(r.threshold),
  durationMinutes: String(r.durationMinutes),
  channels: r.channels,
  emailTo: r.emailTo ?? "",
  smsTo: r.smsTo ?? "",
});

const number = (text: string) => (text.trim() === "" ? Number.NaN : Number(text));

/** Adds a rule, or edits `editing` (its series and enabled state are kept). */
function RuleForm({ editing, onDone }: { editing: RuleRow | null; onDone: () => void }) {
  const trpc = useTRPC();
  const client = useQueryClient();
  const toast = useToast();
  const [form, setForm] = useState(editing ? draftOf(editing) : EMPTY_RULE);
  // Editing starts where the rule's fields are (the form is below the lists).
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (editing) formRef.current?.querySelector("input")?.focus();
  }, [editing]);
  const saved = (message: string) => {
    toast.success(message);
    setForm(EMPTY_RULE);
    client.invalidateQueries({ queryKey: trpc.monitoring.pathKey() });
    onDone();
  };
  const create = useMutation(
    trpc.monitoring.createRule.mutationOptions({
      onSuccess: (r) => saved(`Rule "${r.name}" created`),
      onError: toast.error,
    }),
  );
  const update = useMutation(
    trpc.monitoring.updateRule.mutationOptions({
      onSuccess: (r) => saved(`Rule "${r.name}" saved`),
      onError: toast.error,
    }),
  );
  const save = editing ? update : create;
  // The update's messages are about its `rule`: shown beside the same inputs.
  const errors = Object.fromEntries(
    Object.entries(fieldErrors(save.error)).map(([k, v]) => [k.replace(/^rule\./, ""), v]),
  );
  const set = (patch: Partial<typeof form>) => setForm((f) => ({ ...f, ...patch }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const rule = {
      name: form.name,
      metric: form.metric,
      comparator: form.comparator,
      threshold: number(form.threshold),
      durationMinutes: number(form.durationMinutes),
      channels: form.channels as (typeof ALERT_CHANNELS)[number][],
      emailTo: form.emailTo || null,
      smsTo: form.smsTo || null,
    };
    if (editing) update.mutate({ id: editing.id, rule: { ...rule, series: editing.series, enabled: editing.enabled } });
    else create.mutate(rule);
  };
  return (
    <form ref={formRef} onSubmit={submit} className="stack" noValidate>
      <div className="form-grid">
        <Field label="Name" error={errors.name} required>
          <Input value={form.name} onChange={(e) => set({ name: e.target.value })} placeholder="RADIUS rejects" />
        </Field>
        <Field label="Metric" error={errors.metric} hint={METRICS[form.metric].help} required>
          <Select
            value={form.metric}
            onChange={(e) => set({ metric: e.target.value as MetricName })}
            options={METRIC_NAMES.map((m) => ({ value: m, label: m }))}
          />
        </Field>
        <Field label="When the value is" error={errors.comparator}>
          <Select
            value={form.comparator}
            onChange={(e) => set({ comparator: e.target.value as "ABOVE" | "BELOW" })}
            options={[
              { value: "ABOVE", label: "Above" },
              { value: "BELOW", label: "Below" },
            ]}
          />
        </Field>
        <Field label="Threshold" error={errors.threshold} required>
          <Input inputMode="decimal" value={form.threshold} onChange={(e) => set({ threshold: e.target.value })} />
        </Field>
        <Field label="For (minutes)" hint="0 fires at the first sample" error={errors.durationMinutes} required>
          <Input
            inputMode="numeric"
            value={form.durationMinutes}
            onChange={(e) => set({ durationMinutes: e.target.value })}
          />
        </Field>
      </div>
      <fieldset className="stack-sm">
        <legend>Tell</legend>
        {ALERT_CHANNELS.map((ch) => (
          <Checkbox
            key={ch}
            label={CHANNEL_LABELS[ch]}
            checked={form.channels.includes(ch)}
            onChange={(e) =>
              set({ channels: e.target.checked ? [...form.channels, ch] : form.channels.filter((c) => c !== ch) })
            }
          />
        ))}
        {errors.channels ? <p className="field-error">{errors.channels}</p> : null}
      </fieldset>
      <div className="form-grid">
        {form.channels.includes("EMAIL") ? (
          <Field label="Email address" error={errors.emailTo} required>
            <Input type="email" value={form.emailTo} onChange={(e) => set({ emailTo: e.target.value })} />
          </Field>
        ) : null}
        {form.channels.includes("SMS") ? (
          <Field label="Phone for SMS" hint="International format, e.g. +351912345678" error={errors.smsTo} required>
            <Input type="tel" value={form.smsTo} onChange={(e) => set({ smsTo: e.target.value })} />
          </Field>
        ) : null}
      </div>
      <FormActions>
        {editing ? (
          <Button variant="ghost" onClick={onDone}>
            Cancel
          </Button>
        ) : null}
        <Button type="submit" loading={save.isPending}>
          {editing ? "Save rule" : "Add rule"}
        </Button>
      </FormActions>
    </form>
  );
}

/** The RADIUS reject spike alarm (an alarm in /noc/alarms, not an alert): its two thresholds. */
function RejectAlarmForm({ canManage }: { canManage: boolean }) {
  const trpc = useTRPC();
  const client = useQueryClient();
  const toast = useToast();
  const settings = useQuery(trpc.monitoring.settings.queryOptions());
  const [draft, setDraft] = useState<{ rejects: string; ratio: string } | null>(null);
  const save = useMutation(
    trpc.monitoring.updateSettings.mutationOptions({
      onSuccess: () => {
        toast.success("Reject alarm threshold saved");
        client.invalidateQueries({ queryKey: trpc.monitoring.settings.queryKey() });
      },
      onError: toast.error,
    }),
  );
  if (!settings.data) return null;
  const form = draft ?? {
    rejects: String(settings.data.rejectAlarmMinRejects),
    ratio: String(settings.data.rejectAlarmRatio),
  };
  const errors = fieldErrors(save.error);
  return (
    <form
      className="stack"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate({ rejectAlarmMinRejects: number(form.rejects), rejectAlarmRatio: number(form.ratio) });
      }}
    >
      <p className="muted small">
        Raises a RADIUS reject spike alarm when a minute has at least this many Access-Rejects and they are at least
        this share of its answers; cleared when a minute is under.
      </p>
      <div className="form-grid">
        <Field label="Rejects in a minute (at least)" error={errors.rejectAlarmMinRejects} required>
          <Input
            inputMode="numeric"
            value={form.rejects}
            disabled={!canManage}
            onChange={(e) => setDraft({ ...form, rejects: e.target.value })}
          />
        </Field>
        <Field label="Share of answers (0.01–1)" error={errors.rejectAlarmRatio} required>
          <Input
            inputMode="decimal"
            value={form.ratio}
            disabled={!canManage}
            onChange={(e) => setDraft({ ...form, ratio: e.target.value })}
          />
        </Field>
      </div>
      {canManage ? (
        <FormActions>
          <Button type="submit" loading={save.isPending}>
            Save threshold
          </Button>
        </FormActions>
      ) : null}
    </form>
  );
}

export function AlertsPage({ canManage }: { canManage: boolean }) {
  const trpc = useTRPC();
  const list = useListQuery({ sort: { id: "since", desc: true }, filters: { status: "open" } });
  const alerts = useQuery(
    trpc.monitoring.alerts.queryOptions(list.query, { placeholderData: keepPreviousData, refetchInterval: 15_000 }),
  );
  const rules = useQuery(trpc.monitoring.rules.queryOptions());
  const ruleList = useLocalList(rules.data as RuleRow[] | undefined, 10);
  const [editing, setEditing] = useState<RuleRow | null>(null);
  const ruleColumnsFor = useMemo(() => ruleColumns(setEditing), []);
  return (
    <div className="stack">
      <PageHeader
        title="Alerts"
        description="Alert rules watch the NOC's figures, sampled every minute. A rule fires once its condition has held for its duration, tells the channels it names, and resolves when the metric recovers."
      />
      <DataTable
        caption="Alerts"
        columns={canManage ? MANAGER_ALERT_COLUMNS : READER_ALERT_COLUMNS}
        rows={alerts.data?.rows as AlertRow[] | undefined}
        total={alerts.data?.total}
        loading={alerts.isFetching}
        error={alerts.error}
        query={list.query}
        onQueryChange={list.onQueryChange}
        searchPlaceholder="Rule, metric or OLT…"
        filters={[
          {
            id: "status",
            label: "Status",
            options: [
              { value: "open", label: "Pending, firing or acknowledged" },
              ...ALERT_STATUSES.map((s) => ({ value: s, label: humanize(s) })),
            ],
          },
        ]}
        empty={<EmptyState title="No alerts" description="Nothing is beyond a rule's threshold right now." />}
      />
      <Card title="Rules">
        <DataTable
          caption="Alert rules"
          columns={canManage ? ruleColumnsFor : READER_RULE_COLUMNS}
          rows={ruleList.rows}
          total={ruleList.total}
          loading={rules.isFetching}
          error={rules.error}
          query={ruleList.query}
          onQueryChange={ruleList.onQueryChange}
          searchable={false}
          empty={
            <EmptyState
              title="No alert rules"
              description="Add one below, e.g. RADIUS rejects above 0.5 for 5 minutes."
            />
          }
        />
      </Card>
      {canManage ? (
        <Card title={editing ? `Edit rule: ${editing.name}` : "New rule"}>
          {/* A new key per rule: the form starts from the rule chosen. */}
          <RuleForm key={editing?.id ?? "new"} editing={editing} onDone={() => setEditing(null)} />
        </Card>
      ) : null}
      <Card title="RADIUS reject alarm" aria-label="RADIUS reject alarm">
        <RejectAlarmForm canManage={canManage} />
      </Card>
    </div>
  );
}
