"use client";
// One ticket of a partner's customer: the public conversation with the desk, and a reply.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { TicketStatusBadge } from "@/app/support/format";
import { useToast } from "@/components/toast";
import { errorMessage, fieldErrors, useTRPC } from "@/components/trpc";
import { Alert, Button, Card, DateTime, Field, FormActions, PageHeader, Spinner, Textarea } from "@/components/ui";

export function PartnerTicketPage({ ticketId }: { ticketId: string }) {
  const trpc = useTRPC();
  const toast = useToast();
  const router = useRouter();
  const queryClient = useQueryClient();
  const ticket = useQuery(trpc.partners.portal.ticket.queryOptions({ ticketId }));
  const [body, setBody] = useState("");
  const reply = useMutation(
    trpc.partners.portal.replyTicket.mutationOptions({
      onSuccess: (r) => {
        setBody("");
        if (r.followUp) {
          toast.success("The ticket was closed long ago: your reply opened a follow-up");
          router.push(`/partner/tickets/${r.ticketId}`);
        } else {
          toast.success("Reply sent to the desk");
          void queryClient.invalidateQueries({ queryKey: trpc.partners.portal.ticket.queryKey({ ticketId }) });
        }
      },
      onError: toast.error,
    }),
  );
  if (ticket.isLoading) return <Spinner label="Loading the ticket" />;
  if (ticket.error || !ticket.data)
    return <Alert tone="danger">{errorMessage(ticket.error) || "This ticket could not be loaded"}</Alert>;
  const t = ticket.data;
  const send = (e: FormEvent) => {
    e.preventDefault();
    reply.mutate({ ticketId, body });
  };
  return (
    <div className="stack">
      <PageHeader
        title={t.subject}
        breadcrumbs={[{ label: "Tickets", href: "/partner/tickets" }, { label: t.reference }]}
        description={
          <>
            {t.reference} · <TicketStatusBadge status={t.status} />
          </>
        }
      />
      <Card title="Conversation">
        <ol className="stack-sm" aria-label="Messages">
          {t.entries.map((e) => (
            <li key={e.id}>
              <div className="row-between small">
                <strong>{e.authorName ?? "Customer"}</strong>
                <DateTime value={e.createdAt} />
              </div>
              <p style={{ whiteSpace: "pre-wrap" }}>{e.body}</p>
            </li>
          ))}
        </ol>
        {t.mergedIntoId ? (
          <Alert tone="info">This ticket was merged into another one.</Alert>
        ) : (
          <form className="stack-sm" onSubmit={send} noValidate>
            <Field label="Your reply" error={fieldErrors(reply.error).body}>
              <Textarea rows={4} value={body} onChange={(e) => setBody(e.target.value)} maxLength={20_000} />
            </Field>
            <FormActions>
              <Button type="submit" variant="primary" loading={reply.isPending} disabled={!body.trim()}>
                Send
              </Button>
            </FormActions>
          </form>
        )}
      </Card>
    </div>
  );
}
