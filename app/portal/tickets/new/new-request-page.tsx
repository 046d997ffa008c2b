"use client";
// Open a support request: category, which service (when there are several), what happened.
import { useMutation, useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { ACCEPT, uploadFiles } from "@/app/support/file-uploads";
import { useToast } from "@/components/toast";
import { errorMessage, fieldErrors, useTRPC } from "@/components/trpc";
import { Alert, Button, Card, Field, FormActions, Input, PageHeader, Select, Textarea } from "@/components/ui";
import { TICKET_TYPE_LABELS, TICKET_TYPES } from "@/server/modules/tickets/schemas";

// Subscribers report outages through the same form; "installation" covers moves and new lines.
const CATEGORIES = TICKET_TYPES.map((t) => ({ value: t, label: TICKET_TYPE_LABELS[t] }));

export function NewRequestPage() {
  const trpc = useTRPC();
  const toast = useToast();
  const router = useRouter();
  const overview = useQuery(trpc.subscribers.portal.overview.queryOptions());
  const services = overview.data?.services ?? [];
  const [type, setType] = useState<(typeof TICKET_TYPES)[number]>("FAULT");
  const [subscriberId, setSubscriberId] = useState("");
  const [subject, setSubject] = useState("");
  const [description, setDescription] = useState("");
  const [files, setFiles] = useState<File[]>([]);
  const open = useMutation(
    trpc.tickets.portal.open.mutationOptions({
      onSuccess: async (t) => {
        try {
          await uploadFiles(`/portal/tickets/${t.id}/attachments`, files);
          toast.success(`Request ${t.reference} sent`);
        } catch (error) {
          toast.error(`Request ${t.reference} sent, but the file was not attached: ${(error as Error).message}`);
        }
        router.push(`/portal/tickets/${t.id}`);
      },
      onError: toast.error,
    }),
  );
  const errors = fieldErrors(open.error);
  const chosen = subscriberId || (services.length === 1 ? (services[0]?.subscriberId ?? "") : "");
  const submit = (e: FormEvent) => {
    e.preventDefault();
    open.mutate({ type, subject, description, subscriberId: chosen || undefined });
  };
  return (
    <div className="stack">
      <PageHeader
        title="New support request"
        breadcrumbs={[{ label: "Support", href: "/portal/tickets" }, { label: "New request" }]}
      />
      <Card>
        <form className="stack" onSubmit={submit}>
          <Field label="Category" required>
            <Select value={type} onChange={(e) => setType(e.target.value as typeof type)} options={CATEGORIES} />
          </Field>
          {services.length > 1 ? (
            <Field label="Which service?" hint="Leave empty if it is about your account">
              <Select
                value={subscriberId}
                onChange={(e) => setSubscriberId(e.target.value)}
                placeholder="My account"
                options={services.map((s) => ({
                  value: s.subscriberId,
                  label: `${s.plan?.name ?? "Service"} (${s.username ?? s.subscriberId.slice(0, 8)})`,
                }))}
              />
            </Field>
          ) : null}
          <Field label="Subject" required error={errors.subject}>
            <Input value={subject} onChange={(e) => setSubject(e.target.value)} maxLength={200} />
          </Field>
          <Field
            label="What happened?"
            required
            hint="When did it start, which devices, any lights on the router"
            error={errors.description}
          >
            <Textarea rows={6} value={description} onChange={(e) => setDescription(e.target.value)} />
          </Field>
          <Field label="Attach a photo or file" hint="Images, PDF or text, up to 10 MB each (optional)">
            <Input type="file" multiple accept={ACCEPT} onChange={(e) => setFiles(Array.from(e.target.files ?? []))} />
          </Field>
          {open.error && !errors.subject && !errors.description ? (
            <Alert tone="danger">{errorMessage(open.error)}</Alert>
          ) : null}
          <FormActions>
            <Button type="submit" variant="primary" loading={open.isPending}>
              Send request
            </Button>
          </FormActions>
        </form>
      </Card>
    </div>
  );
}
