"use client";
// One ticket: the thread (public replies and internal notes) with the reply box and canned
// replies, the properties (status, priority, assignee, team, tags), watch, merge, the history,
// and the subscriber's context beside it. Ctrl+Enter sends the reply.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { useConfirm } from "@/components/confirm";
import { formatMinutes, PriorityBadge, SlaClock, TicketStatusBadge } from "@/components/support-format";
import { useToast } from "@/components/toast";
import { errorMessage, fieldErrors, useTRPC } from "@/components/trpc";
import {
  Alert,
  Badge,
  Button,
  Card,
  Checkbox,
  DateTime,
  DescriptionList,
  Field,
  FormActions,
  Input,
  PageHeader,
  Select,
  Spinner,
  Textarea,
} from "@/components/ui";
import {
  TICKET_PRIORITIES,
  TICKET_STATUS_LABELS,
  TICKET_TYPE_LABELS,
  type TicketStatusKey,
} from "@/server/modules/tickets/schemas";
import { DiagnosticsPanel } from "../../diagnostics-panel";
import { ACCEPT, FileList, uploadFiles } from "../../file-uploads";
import styles from "../../support.module.css";
import { SubscriberContext } from "./subscriber-context";

export function TicketPage({ id, canWrite, permissions }: { id: string; canWrite: boolean; permissions: string[] }) {
  const trpc = useTRPC();
  const toast = useToast();
  const queryClient = useQueryClient();
  const ticket = useQuery(trpc.tickets.get.queryOptions({ id }));
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.tickets.pathKey() });
  const update = useMutation(
    trpc.tickets.update.mutationOptions({
      onSuccess: () => {
        toast.success("Ticket updated");
        refresh();
      },
      onError: toast.error,
    }),
  );
  const watch = useMutation(trpc.tickets.watch.mutationOptions({ onSuccess: refresh, onError: toast.error }));

  if (ticket.isLoading) return <Spinner label="Loading the ticket" />;
  if (ticket.error || !ticket.data)
    return <Alert tone="danger">{errorMessage(ticket.error) || "The ticket was not found"}</Alert>;
  const t = ticket.data;
  const linkCustomer = t.customerId ? (
    <Link href={`/noc/customers/${t.customerId}`}>{t.requesterName ?? "Customer"}</Link>
  ) : (
    (t.requesterName ?? t.requesterEmail ?? "Unknown")
  );

  return (
    <div className="stack">
      <PageHeader
        breadcrumbs={[{ label: "Support queue", href: "/support" }, { label: t.reference }]}
        title={
          <>
            <span className="mono">{t.reference}</span> {t.subject}
          </>
        }
        description={
          <span className="row">
            <TicketStatusBadge status={t.status} />
            <PriorityBadge priority={t.priority} />
            <SlaClock sla={t.sla} />
            <span className="muted">
              {TICKET_TYPE_LABELS[t.type]} · {t.channel.toLowerCase()} · {linkCustomer} · opened{" "}
              <DateTime value={t.createdAt} mode="relative" />
            </span>
          </span>
        }
        actions={
          <Button variant="ghost" loading={watch.isPending} onClick={() => watch.mutate({ id, watch: !t.watching })}>
            {t.watching ? "Stop watching" : "Watch"}
          </Button>
        }
      />
      {t.maintenance ? (
        <Alert tone="info">
          Opened during planned maintenance{" "}
          <Link href={`/noc/maintenance/${t.maintenance.id}`}>{t.maintenance.title}</Link> on the customer's service.
        </Alert>
      ) : null}
      {t.mergedInto ? (
        <Alert tone="info">
          Merged into <Link href={`/support/tickets/${t.mergedInto.id}`}>{t.mergedInto.reference}</Link>; replies land
          there.
        </Alert>
      ) : null}
      <div className={styles.ticketLayout}>
        <div className="stack">
          <Card title="Conversation">
            <ol className={styles.thread}>
              {t.entries.map((e) => (
                <li
                  key={e.id}
                  className={e.internal ? styles.note : e.author === "CUSTOMER" ? styles.customer : styles.agent}
                >
                  <div className="row-between small">
                    <strong>{e.authorName}</strong>
                    <span className="muted">
                      {e.internal ? <Badge tone="warning">Internal note</Badge> : null}
                      {e.channel ? ` via ${e.channel.toLowerCase()} · ` : " "}
                      <DateTime value={e.createdAt} />
                    </span>
                  </div>
                  <p className={styles.body}>{e.body}</p>
                  <FileList files={e.attachments} />
                </li>
              ))}
            </ol>
            {canWrite && !t.mergedInto ? <ReplyBox ticketId={id} status={t.status} onSent={refresh} /> : null}
          </Card>
          <Card title="History">
            <ol className="list-plain small">
              {t.events.map((e) => (
                <li key={e.id}>
                  <DateTime value={e.createdAt} /> — {e.detail} <span className="muted">({e.actorLabel})</span>
                </li>
              ))}
            </ol>
          </Card>
        </div>
        <div className="stack">
          <Card title="Ticket">
            {canWrite ? (
              <div className="stack-sm">
                <Field label="Status">
                  <Select
                    value={t.status}
                    onChange={(e) => update.mutate({ ticketId: id, status: e.target.value as TicketStatusKey })}
                    options={[t.status, ...t.allowedStatuses].map((s) => ({
                      value: s,
                      label: TICKET_STATUS_LABELS[s],
                    }))}
                  />
                </Field>
                <Field label="Priority">
                  <Select
                    value={t.priority}
                    onChange={(e) =>
                      update.mutate({ ticketId: id, priority: e.target.value as (typeof TICKET_PRIORITIES)[number] })
                    }
                    options={TICKET_PRIORITIES.map((p) => ({ value: p, label: p[0] + p.slice(1).toLowerCase() }))}
                  />
                </Field>
                <AssigneeField
                  ticketId={id}
                  assigneeId={t.assigneeId}
                  onChange={(v) => update.mutate({ ticketId: id, assigneeId: v })}
                />
                <TextSetting
                  label="Team"
                  value={t.team}
                  onSave={(team) => update.mutate({ ticketId: id, team })}
                  error={fieldErrors(update.error).team}
                />
                <TextSetting
                  label="Tags"
                  hint="Comma separated"
                  value={t.tags.join(", ")}
                  onSave={(v) =>
                    update.mutate({
                      ticketId: id,
                      tags: v
                        .split(",")
                        .map((s) => s.trim())
                        .filter(Boolean),
                    })
                  }
                />
              </div>
            ) : (
              <DescriptionList
                items={[
                  { label: "Assignee", value: t.assigneeName ?? "Unassigned" },
                  { label: "Team", value: t.team },
                  { label: "Tags", value: t.tags.join(", ") || null },
                ]}
              />
            )}
          </Card>
          <Card title="SLA">
            <DescriptionList
              items={[
                { label: "Clock", value: <SlaClock sla={t.sla} /> },
                {
                  label: "Targets",
                  value: `reply ${formatMinutes(t.targets.firstResponseMin)}, resolve ${formatMinutes(t.targets.resolutionMin)} (business time)`,
                },
                {
                  label: "First reply",
                  value: t.firstRespondedAt ? (
                    <DateTime value={t.firstRespondedAt} />
                  ) : (
                    <span className="muted">Not yet</span>
                  ),
                },
                { label: "Escalation", value: t.escalationLevel ? `Level ${t.escalationLevel}` : "None" },
              ]}
            />
          </Card>
          {t.subscriberId ? (
            <DiagnosticsPanel
              subscriberId={t.subscriberId}
              ticketId={id}
              canRun={permissions.includes("diagnostic.run")}
            />
          ) : null}
          <SubscriberContext
            ticketId={id}
            subscriberId={t.subscriberId}
            customerId={t.customerId}
            permissions={permissions}
          />
          {canWrite && !t.mergedInto ? <MergeBox ticketId={id} reference={t.reference} /> : null}
          {t.mergedTickets.length ? (
            <Card title="Merged into this ticket">
              <ul className="list-plain small">
                {t.mergedTickets.map((m) => (
                  <li key={m.id}>
                    <Link href={`/support/tickets/${m.id}`}>{m.reference}</Link> {m.subject}
                  </li>
                ))}
              </ul>
            </Card>
          ) : null}
        </div>
      </div>
    </div>
  );
}

function ReplyBox({ ticketId, status, onSent }: { ticketId: string; status: string; onSent: () => void }) {
  const trpc = useTRPC();
  const toast = useToast();
  const [body, setBody] = useState("");
  const [internal, setInternal] = useState(false);
  const [then, setThen] = useState("");
  const [files, setFiles] = useState<File[]>([]);
  const [fileKey, setFileKey] = useState(0);
  const canned = useQuery(trpc.tickets.cannedReplies.queryOptions());
  const reply = useMutation(
    trpc.tickets.reply.mutationOptions({
      onSuccess: async (r) => {
        try {
          await uploadFiles(`/support/tickets/${ticketId}/attachments?entry=${r.entry.id}`, files);
          toast.success(internal ? "Note added" : "Reply sent");
        } catch (error) {
          toast.error(`Sent, but the file was not attached: ${(error as Error).message}`);
        }
        setBody("");
        setThen("");
        setFiles([]);
        setFileKey((k) => k + 1);
        onSent();
      },
      onError: toast.error,
    }),
  );
  const send = (e?: FormEvent) => {
    e?.preventDefault();
    reply.mutate({ ticketId, body, internal, status: (then || undefined) as TicketStatusKey | undefined });
  };
  const closedish = status === "RESOLVED" || status === "CLOSED";
  return (
    <form className="stack-sm mt-2" onSubmit={send}>
      <Field
        label={internal ? "Internal note (only the team sees it)" : "Reply to the customer"}
        error={fieldErrors(reply.error).body}
      >
        <Textarea
          rows={5}
          value={body}
          onChange={(e) => setBody(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) send();
          }}
        />
      </Field>
      <div className="row">
        <Checkbox label="Internal note" checked={internal} onChange={(e) => setInternal(e.target.checked)} />
        {canned.data?.length ? (
          <Select
            aria-label="Insert a canned reply"
            value=""
            placeholder="Insert a canned reply…"
            onChange={(e) => {
              const c = canned.data?.find((r) => r.id === e.target.value);
              if (c) setBody((b) => (b ? `${b}\n\n${c.body}` : c.body));
            }}
            options={canned.data.map((c) => ({ value: c.id, label: c.title }))}
          />
        ) : null}
        <Select
          aria-label="Then set the status"
          value={then}
          onChange={(e) => setThen(e.target.value)}
          options={[
            { value: "", label: closedish ? "Keep the status" : "Keep the status (new → open)" },
            { value: "PENDING_CUSTOMER", label: "…and wait on the customer" },
            { value: "PENDING_THIRD_PARTY", label: "…and wait on a third party" },
            { value: "RESOLVED", label: "…and resolve" },
          ].filter((o) => !(closedish && o.value && o.value !== "RESOLVED") && o.value !== status)}
        />
      </div>
      <Field label="Attach files" hint="Images, PDF or text, up to 10 MB each">
        <Input
          key={fileKey}
          type="file"
          multiple
          accept={ACCEPT}
          onChange={(e) => setFiles(Array.from(e.target.files ?? []))}
        />
      </Field>
      <FormActions>
        <span className="muted small">Ctrl+Enter sends</span>
        <Button type="submit" variant="primary" loading={reply.isPending} disabled={!body.trim()}>
          {internal ? "Add note" : "Send reply"}
        </Button>
      </FormActions>
      {reply.error && !fieldErrors(reply.error).body ? <Alert tone="danger">{errorMessage(reply.error)}</Alert> : null}
    </form>
  );
}

function AssigneeField({
  ticketId,
  assigneeId,
  onChange,
}: {
  ticketId: string;
  assigneeId: string | null;
  onChange: (id: string | null) => void;
}) {
  const trpc = useTRPC();
  const agents = useQuery(trpc.tickets.agents.queryOptions());
  return (
    <Field label="Assignee">
      <Select
        key={ticketId}
        value={assigneeId ?? ""}
        onChange={(e) => onChange(e.target.value || null)}
        options={[
          { value: "", label: "Unassigned" },
          ...(agents.data ?? []).map((a) => ({ value: a.id, label: a.name })),
        ]}
      />
    </Field>
  );
}

function TextSetting({
  label,
  hint,
  value,
  onSave,
  error,
}: {
  label: string;
  hint?: string;
  value: string;
  onSave: (v: string) => void;
  error?: string;
}) {
  const [text, setText] = useState(value);
  return (
    <Field label={label} hint={hint} error={error}>
      <Input
        value={text}
        onChange={(e) => setText(e.target.value)}
        onBlur={() => text !== value && onSave(text)}
        onKeyDown={(e) => {
          if (e.key === "Enter" && text !== value) onSave(text);
        }}
      />
    </Field>
  );
}

function MergeBox({ ticketId, reference }: { ticketId: string; reference: string }) {
  const trpc = useTRPC();
  const toast = useToast();
  const confirm = useConfirm();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [number, setNumber] = useState("");
  const [error, setError] = useState<string | null>(null);
  const merge = useMutation(
    trpc.tickets.merge.mutationOptions({
      onSuccess: (r) => {
        toast.success(`${reference} merged`);
        queryClient.invalidateQueries({ queryKey: trpc.tickets.pathKey() });
        router.push(`/support/tickets/${r.ticketId}`);
      },
      onError: toast.error,
    }),
  );
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    const found = await queryClient.fetchQuery(
      trpc.tickets.list.queryOptions({ view: "all", search: number.trim(), pageSize: 1 }),
    );
    const target = found.rows[0];
    if (!/^(t-?)?\d+$/i.test(number.trim()) || !target || target.id === ticketId) {
      setError("Enter the number of another ticket, e.g. T-1042");
      return;
    }
    if (
      await confirm({
        title: `Merge ${reference} into ${target.reference}?`,
        body: `${reference} is closed and its conversation is copied to ${target.reference} "${target.subject}". Replies to ${reference} land on ${target.reference}.`,
        confirmLabel: "Merge",
        danger: true,
      })
    )
      merge.mutate({ ticketId, intoTicketId: target.id });
  };
  return (
    <Card title="Duplicate?">
      <form className="stack-sm" onSubmit={submit}>
        <Field label="Merge into ticket" hint="The other ticket's number" error={error}>
          <Input value={number} onChange={(e) => setNumber(e.target.value)} placeholder="T-1042" />
        </Field>
        <FormActions>
          <Button type="submit" loading={merge.isPending} disabled={!number.trim()}>
            Merge
          </Button>
        </FormActions>
      </form>
    </Card>
  );
}
