"use client";
// A lead: contact and address with its serviceability, the stage (lost needs a reason), owner,
// the site survey, quotes (create from the catalogue, approve, send, withdraw, PDF and
// acceptance certificate, retry a stopped conversion), activities and follow-up tasks.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { type FormEvent, useState } from "react";
import { useConfirm } from "@/components/confirm";
import { ServiceabilityBadge, StageBadge } from "@/components/crm-format";
import { QuotesTable } from "@/components/quotes-table";
import { useToast } from "@/components/toast";
import { errorMessage, fieldErrors, useTRPC } from "@/components/trpc";
import {
  Alert,
  Badge,
  Button,
  Card,
  DateTime,
  DescriptionList,
  Field,
  FormActions,
  Input,
  PageHeader,
  Select,
  Textarea,
} from "@/components/ui";
import { LEAD_SOURCE_LABELS, LEAD_STAGE_LABELS, LEAD_STAGES, LOST_REASONS } from "@/server/modules/crm/schemas";

export function LeadPage({ id, canWrite, canApprove }: { id: string; canWrite: boolean; canApprove: boolean }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const toast = useToast();
  const lead = useQuery(trpc.crm.get.queryOptions({ id }));
  const owners = useQuery(trpc.crm.owners.queryOptions());
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: trpc.crm.pathKey() });
    void qc.invalidateQueries({ queryKey: trpc.quotes.pathKey() });
  };
  const move = useMutation(trpc.crm.move.mutationOptions({ onSuccess: refresh, onError: toast.error }));
  const assign = useMutation(trpc.crm.assign.mutationOptions({ onSuccess: refresh, onError: toast.error }));
  const survey = useMutation(
    trpc.crm.scheduleSurvey.mutationOptions({
      onSuccess: (o) => {
        toast.success(`Survey work order ${o.number} created; dispatch assigns a technician`);
        refresh();
      },
      onError: toast.error,
    }),
  );
  const [stage, setStage] = useState("");
  const [lostReason, setLostReason] = useState("");

  if (lead.error) return <Alert tone="danger">{lead.error.message}</Alert>;
  if (!lead.data) return <p className="muted">Loading…</p>;
  const l = lead.data;
  const closed = l.stage === "WON" || l.stage === "LOST";
  return (
    <div className="stack">
      <PageHeader
        title={`L-${l.number} ${l.name}`}
        breadcrumbs={[{ label: "Sales pipeline", href: "/crm" }, { label: `L-${l.number}` }]}
        description={
          <>
            <StageBadge stage={l.stage} /> {LEAD_SOURCE_LABELS[l.source]} · created{" "}
            <DateTime value={l.createdAt} mode="relative" />
          </>
        }
      />
      {l.duplicateOf ? (
        <Alert tone="warning" title="Possible duplicate">
          Same email, phone or address as{" "}
          <Link href={`/crm/leads/${l.duplicateOf.id}`}>
            L-{l.duplicateOf.number} {l.duplicateOf.name}
          </Link>
          .
        </Alert>
      ) : null}
      <div className="grid-2">
        <Card title="Contact and home">
          <DescriptionList
            items={[
              { label: "Email", value: l.email ?? "—" },
              { label: "Phone", value: l.phone ?? "—" },
              { label: "Address", value: l.addressLabel || "—" },
              { label: "Serviceability", value: <ServiceabilityBadge value={l.serviceability} /> },
              ...(l.lostReason ? [{ label: "Lost because", value: l.lostReason }] : []),
              ...(l.customerId
                ? [{ label: "Customer", value: <Link href={`/noc/customers/${l.customerId}`}>Open customer</Link> }]
                : []),
              ...(l.subscriberId
                ? [
                    {
                      label: "Subscriber",
                      value: <Link href={`/noc/subscribers/${l.subscriberId}`}>Open subscriber</Link>,
                    },
                  ]
                : []),
            ]}
          />
        </Card>
        {canWrite ? (
          <Card title="Work the lead">
            <div className="stack-sm">
              <Field label="Owner">
                <Select
                  value={l.ownerId ?? ""}
                  onChange={(e) => assign.mutate({ id, ownerId: e.target.value || null })}
                  placeholder="Nobody"
                  options={(owners.data ?? []).map((o) => ({ value: o.id, label: o.name }))}
                />
              </Field>
              {l.stage !== "WON" ? (
                <form
                  className="stack-sm"
                  onSubmit={(e) => {
                    e.preventDefault();
                    if (stage)
                      move.mutate({
                        id,
                        stage: stage as (typeof LEAD_STAGES)[number],
                        lostReason: lostReason || undefined,
                      });
                  }}
                >
                  <Field label="Move to stage" error={fieldErrors(move.error).lostReason}>
                    <Select
                      value={stage}
                      onChange={(e) => setStage(e.target.value)}
                      placeholder="Choose a stage"
                      options={LEAD_STAGES.filter((s) => s !== "WON" && s !== l.stage).map((s) => ({
                        value: s,
                        label: LEAD_STAGE_LABELS[s],
                      }))}
                    />
                  </Field>
                  {stage === "LOST" ? (
                    <Field label="Why was it lost?" required error={fieldErrors(move.error).lostReason}>
                      <Select
                        value={lostReason}
                        onChange={(e) => setLostReason(e.target.value)}
                        placeholder="Choose a reason"
                        options={LOST_REASONS.map((r) => ({ value: r, label: r }))}
                      />
                    </Field>
                  ) : null}
                  <FormActions>
                    <Button type="submit" loading={move.isPending} disabled={!stage}>
                      Move
                    </Button>
                  </FormActions>
                </form>
              ) : null}
              {!closed && l.addressId ? (
                <Button loading={survey.isPending} onClick={() => survey.mutate({ leadId: id })}>
                  Schedule site survey
                </Button>
              ) : null}
            </div>
          </Card>
        ) : null}
      </div>
      <Quotes leadId={id} canWrite={canWrite && !closed} canApprove={canApprove} onChange={refresh} />
      <div className="grid-2">
        <Activities leadId={id} activities={l.activities} canWrite={canWrite} onChange={refresh} />
        <Tasks leadId={id} tasks={l.tasks} canWrite={canWrite} onChange={refresh} />
      </div>
    </div>
  );
}

function Quotes({
  leadId,
  canWrite,
  canApprove,
  onChange,
}: {
  leadId: string;
  canWrite: boolean;
  canApprove: boolean;
  onChange: () => void;
}) {
  const trpc = useTRPC();
  const toast = useToast();
  const confirm = useConfirm();
  const quotes = useQuery(trpc.quotes.list.queryOptions({ page: 1, pageSize: 50, filters: { leadId } }));
  const plans = useQuery(trpc.catalog.plans.list.queryOptions({ page: 1, pageSize: 100, filters: { active: "true" } }));
  const [form, setForm] = useState({
    planId: "",
    equipment: "",
    equipmentMinor: "",
    discountPercent: "0",
    validDays: "14",
  });
  const done = (message: string) => () => {
    toast.success(message);
    onChange();
  };
  const create = useMutation(
    trpc.quotes.create.mutationOptions({ onSuccess: done("Quote created"), onError: toast.error }),
  );
  const send = useMutation(
    trpc.quotes.send.mutationOptions({ onSuccess: done("Quote sent by email"), onError: toast.error }),
  );
  const approve = useMutation(
    trpc.quotes.approve.mutationOptions({ onSuccess: done("Discount approved"), onError: toast.error }),
  );
  const cancel = useMutation(
    trpc.quotes.cancel.mutationOptions({ onSuccess: done("Quote withdrawn"), onError: toast.error }),
  );
  const retry = useMutation(
    trpc.quotes.retryConversion.mutationOptions({ onSuccess: done("Conversion completed"), onError: toast.error }),
  );
  const errors = fieldErrors(create.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const equipmentMinor = Math.round(Number(form.equipmentMinor.replace(",", ".")) * 100);
    create.mutate({
      leadId,
      planId: form.planId,
      equipment:
        form.equipment.trim() && Number.isFinite(equipmentMinor)
          ? [{ description: form.equipment.trim(), unitMinor: equipmentMinor, quantity: 1 }]
          : [],
      discountBasisPoints: Math.round(Number(form.discountPercent.replace(",", ".")) * 100) || 0,
      validDays: Number(form.validDays) || 14,
    });
  };
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [key]: e.target.value }));
  return (
    <Card title="Quotes">
      <QuotesTable
        quotes={quotes.data?.rows}
        loading={quotes.isFetching}
        error={quotes.error}
        actions={(q) => (
          <>
            {q.sentAt ? (
              <a href={`/crm/quotes/${q.id}/pdf`} target="_blank" rel="noreferrer">
                PDF
              </a>
            ) : null}
            {q.status === "ACCEPTED" ? (
              <a href={`/crm/quotes/${q.id}/certificate`} target="_blank" rel="noreferrer">
                Certificate
              </a>
            ) : null}
            {canApprove && q.status === "PENDING_APPROVAL" ? (
              <Button size="sm" loading={approve.isPending} onClick={() => approve.mutate({ id: q.id })}>
                Approve discount
              </Button>
            ) : null}
            {canWrite && (q.status === "DRAFT" || q.status === "SENT") ? (
              <Button size="sm" variant="primary" loading={send.isPending} onClick={() => send.mutate({ id: q.id })}>
                {q.status === "SENT" ? "Send again" : "Send"}
              </Button>
            ) : null}
            {canWrite && ["DRAFT", "PENDING_APPROVAL", "SENT"].includes(q.status) ? (
              <Button
                size="sm"
                variant="danger"
                onClick={async () => {
                  if (
                    await confirm({
                      title: `Withdraw quote ${q.number}?`,
                      body: "Its link stops working; the customer sees that it is no longer valid.",
                      confirmLabel: "Withdraw",
                      danger: true,
                    })
                  )
                    cancel.mutate({ id: q.id });
                }}
              >
                Withdraw
              </Button>
            ) : null}
            {q.status === "ACCEPTED" && q.conversionError ? (
              <Button
                size="sm"
                loading={retry.isPending}
                onClick={() => retry.mutate({ id: q.id })}
                title={q.conversionError}
              >
                Retry conversion
              </Button>
            ) : null}
          </>
        )}
      />
      {canWrite ? (
        <form onSubmit={submit} className="stack-sm" noValidate>
          <h3>New quote</h3>
          <p className="small muted">A new quote replaces this lead's open ones. Discounts above 15% need approval.</p>
          <div className="form-grid">
            <Field label="Plan" required error={errors.planId}>
              <Select
                value={form.planId}
                onChange={set("planId")}
                placeholder="Choose a plan"
                options={(plans.data?.rows ?? []).map((p) => ({ value: p.id, label: p.name }))}
              />
            </Field>
            <Field label="Equipment" hint="Optional, e.g. Wi-Fi mesh point">
              <Input value={form.equipment} onChange={set("equipment")} maxLength={200} />
            </Field>
            <Field label="Equipment price" hint="In the tenant's currency, e.g. 49.99">
              <Input value={form.equipmentMinor} onChange={set("equipmentMinor")} inputMode="decimal" />
            </Field>
            <Field label="Discount %" error={errors.discountBasisPoints}>
              <Input value={form.discountPercent} onChange={set("discountPercent")} inputMode="decimal" />
            </Field>
            <Field label="Valid for days" error={errors.validDays}>
              <Input value={form.validDays} onChange={set("validDays")} inputMode="numeric" />
            </Field>
          </div>
          {create.error && !errors.planId ? <Alert tone="danger">{errorMessage(create.error)}</Alert> : null}
          <FormActions>
            <Button type="submit" loading={create.isPending}>
              Create quote
            </Button>
          </FormActions>
        </form>
      ) : null}
    </Card>
  );
}

type Activity = { id: string; kind: string; body: string; authorLabel: string; createdAt: Date };

function Activities({
  leadId,
  activities,
  canWrite,
  onChange,
}: {
  leadId: string;
  activities: Activity[];
  canWrite: boolean;
  onChange: () => void;
}) {
  const trpc = useTRPC();
  const toast = useToast();
  const [kind, setKind] = useState<"CALL" | "EMAIL" | "NOTE">("CALL");
  const [body, setBody] = useState("");
  const add = useMutation(
    trpc.crm.addActivity.mutationOptions({
      onSuccess: () => {
        setBody("");
        onChange();
      },
      onError: toast.error,
    }),
  );
  return (
    <Card title="Activity">
      {canWrite ? (
        <form
          className="stack-sm"
          onSubmit={(e) => {
            e.preventDefault();
            add.mutate({ leadId, kind, body });
          }}
        >
          <Field label="What happened" error={fieldErrors(add.error).body}>
            <Textarea rows={2} value={body} onChange={(e) => setBody(e.target.value)} maxLength={4000} />
          </Field>
          <div className="row">
            <Select
              aria-label="Kind"
              value={kind}
              onChange={(e) => setKind(e.target.value as typeof kind)}
              options={[
                { value: "CALL", label: "Call" },
                { value: "EMAIL", label: "Email" },
                { value: "NOTE", label: "Note" },
              ]}
            />
            <Button type="submit" loading={add.isPending}>
              Log
            </Button>
          </div>
        </form>
      ) : null}
      <ul className="list-plain stack-sm">
        {activities.map((a) => (
          <li key={a.id}>
            <Badge>{a.kind.toLowerCase()}</Badge> {a.body}
            <div className="small muted">
              {a.authorLabel} · <DateTime value={a.createdAt} mode="relative" />
            </div>
          </li>
        ))}
      </ul>
    </Card>
  );
}

type Task = { id: string; title: string; dueAt: Date; doneAt: Date | null };

function Tasks({
  leadId,
  tasks,
  canWrite,
  onChange,
}: {
  leadId: string;
  tasks: Task[];
  canWrite: boolean;
  onChange: () => void;
}) {
  const trpc = useTRPC();
  const toast = useToast();
  const [title, setTitle] = useState("");
  const [due, setDue] = useState("");
  const add = useMutation(
    trpc.crm.addTask.mutationOptions({
      onSuccess: () => {
        setTitle("");
        setDue("");
        onChange();
      },
      onError: toast.error,
    }),
  );
  const complete = useMutation(trpc.crm.completeTask.mutationOptions({ onSuccess: onChange, onError: toast.error }));
  const errors = fieldErrors(add.error);
  return (
    <Card title="Follow-ups">
      {canWrite ? (
        <form
          className="form-grid"
          onSubmit={(e) => {
            e.preventDefault();
            add.mutate({ leadId, title, dueAt: due });
          }}
        >
          <Field label="Follow-up" error={errors.title}>
            <Input value={title} onChange={(e) => setTitle(e.target.value)} maxLength={200} />
          </Field>
          <Field label="Due" error={errors.dueAt ? "Choose when it is due" : undefined}>
            <Input type="datetime-local" value={due} onChange={(e) => setDue(e.target.value)} />
          </Field>
          <FormActions>
            <Button type="submit" loading={add.isPending}>
              Add
            </Button>
          </FormActions>
        </form>
      ) : null}
      {tasks.length ? (
        <ul className="list-plain stack-sm">
          {tasks.map((task) => (
            <li key={task.id} className="row">
              <input
                type="checkbox"
                id={`task-${task.id}`}
                checked={Boolean(task.doneAt)}
                disabled={!canWrite}
                onChange={(e) => complete.mutate({ id: task.id, done: e.target.checked })}
              />
              <label htmlFor={`task-${task.id}`} className={task.doneAt ? "muted" : undefined}>
                {task.title} — due <DateTime value={task.dueAt} mode="datetime" />
              </label>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">No follow-ups.</p>
      )}
    </Card>
  );
}
