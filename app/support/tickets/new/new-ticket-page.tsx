"use client";
// A ticket the team opens (a phone call, a walk-in): about a subscriber found by name,
// username, address or serial, or about no one yet.
import { keepPreviousData, useMutation, useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { SearchBox } from "@/components/data-table";
import { useToast } from "@/components/toast";
import { errorMessage, fieldErrors, useTRPC } from "@/components/trpc";
import { Alert, Button, Card, Field, FormActions, Input, PageHeader, Select, Textarea } from "@/components/ui";
import {
  type TICKET_CHANNELS,
  TICKET_PRIORITIES,
  TICKET_TYPE_LABELS,
  TICKET_TYPES,
} from "@/server/modules/tickets/schemas";

export function NewTicketPage({ subscriberId: initial }: { subscriberId?: string }) {
  const trpc = useTRPC();
  const toast = useToast();
  const router = useRouter();
  const [subscriberId, setSubscriberId] = useState(initial ?? "");
  const [search, setSearch] = useState("");
  const [form, setForm] = useState({
    subject: "",
    description: "",
    type: "FAULT" as (typeof TICKET_TYPES)[number],
    priority: "NORMAL" as (typeof TICKET_PRIORITIES)[number],
    channel: "PHONE" as (typeof TICKET_CHANNELS)[number],
  });
  const found = useQuery(
    trpc.subscribers.list.queryOptions(
      { page: 1, pageSize: 5, search: search || undefined },
      { enabled: search.length > 1, placeholderData: keepPreviousData },
    ),
  );
  const chosen = useQuery(trpc.subscribers.get.queryOptions({ id: subscriberId }, { enabled: Boolean(subscriberId) }));
  const open = useMutation(
    trpc.tickets.open.mutationOptions({
      onSuccess: (t) => {
        toast.success(`Ticket T-${t.number} opened`);
        router.push(`/support/tickets/${t.id}`);
      },
      onError: toast.error,
    }),
  );
  const errors = fieldErrors(open.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    open.mutate({ ...form, subscriberId: subscriberId || undefined });
  };
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [key]: e.target.value }));
  return (
    <div className="stack">
      <PageHeader
        title="New ticket"
        breadcrumbs={[{ label: "Support queue", href: "/support" }, { label: "New ticket" }]}
      />
      <form onSubmit={submit} className="stack">
        <Card title="Who is it about?">
          {chosen.data ? (
            <div className="row">
              <span>
                <strong>{chosen.data.customer.name}</strong> — <span className="mono">{chosen.data.username}</span>
              </span>
              <Button variant="ghost" size="sm" onClick={() => setSubscriberId("")}>
                Change
              </Button>
            </div>
          ) : (
            <div className="stack-sm">
              <SearchBox
                value={search}
                onChange={setSearch}
                placeholder="Find a subscriber: name, username, address, serial…"
              />
              {found.data?.rows.length ? (
                <ul className="list-plain">
                  {found.data.rows.map((s) => (
                    <li key={s.id}>
                      <Button variant="ghost" size="sm" onClick={() => setSubscriberId(s.id)}>
                        {s.customer.name} — {s.username}
                      </Button>
                    </li>
                  ))}
                </ul>
              ) : search.length > 1 && found.data ? (
                <p className="muted">No subscriber matches; the ticket can be opened without one.</p>
              ) : null}
            </div>
          )}
        </Card>
        <Card title="The request">
          <div className="form-grid">
            <Field label="Subject" required error={errors.subject}>
              <Input value={form.subject} onChange={set("subject")} maxLength={200} />
            </Field>
            <Field label="Type">
              <Select
                value={form.type}
                onChange={set("type")}
                options={TICKET_TYPES.map((t) => ({ value: t, label: TICKET_TYPE_LABELS[t] }))}
              />
            </Field>
            <Field label="Priority">
              <Select
                value={form.priority}
                onChange={set("priority")}
                options={TICKET_PRIORITIES.map((p) => ({ value: p, label: p[0] + p.slice(1).toLowerCase() }))}
              />
            </Field>
            <Field label="Came in by">
              <Select
                value={form.channel}
                onChange={set("channel")}
                options={[
                  { value: "PHONE", label: "Phone" },
                  { value: "EMAIL", label: "Email" },
                  { value: "PORTAL", label: "Portal" },
                  { value: "PARTNER", label: "Partner" },
                ]}
              />
            </Field>
          </div>
          <Field label="Description" required error={errors.description}>
            <Textarea rows={6} value={form.description} onChange={set("description")} />
          </Field>
          {open.error && !errors.subject && !errors.description ? (
            <Alert tone="danger">{errorMessage(open.error)}</Alert>
          ) : null}
          <FormActions>
            <Button type="submit" variant="primary" loading={open.isPending}>
              Open ticket
            </Button>
          </FormActions>
        </Card>
      </form>
    </div>
  );
}
