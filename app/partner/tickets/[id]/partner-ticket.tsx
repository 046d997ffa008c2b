"use client";
// One ticket of a partner's customer: the public conversation with the desk, and a reply.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { TicketStatusBadge } from "@/components/support-format";
import { TicketThread } from "@/components/ticket-thread";
import { useToast } from "@/components/toast";
import { errorMessage, fieldErrors, useTRPC } from "@/components/trpc";
import { Alert, PageHeader, Spinner } from "@/components/ui";

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
      <TicketThread
        entries={t.entries}
        reply={
          t.mergedIntoId
            ? null
            : {
                label: "Your reply",
                body,
                onBodyChange: setBody,
                onSend: () => reply.mutate({ ticketId, body }),
                pending: reply.isPending,
                error: fieldErrors(reply.error).body,
              }
        }
      />
    </div>
  );
}
