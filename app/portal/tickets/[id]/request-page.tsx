"use client";
// One support request: the conversation with the team, a reply box, and "close" once it is
// sorted (a reply within a week of closing opens it again).
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ACCEPT, FileList, uploadFiles } from "@/app/support/file-uploads";
import { useConfirm } from "@/components/confirm";
import { TicketStatusBadge } from "@/components/support-format";
import { TicketThread } from "@/components/ticket-thread";
import { useToast } from "@/components/toast";
import { errorMessage, fieldErrors, useTRPC } from "@/components/trpc";
import { Alert, Button, DateTime, Field, Input, PageHeader, Spinner } from "@/components/ui";
import { TICKET_TYPE_LABELS } from "@/server/modules/tickets/schemas";

export function RequestPage({ id }: { id: string }) {
  const trpc = useTRPC();
  const toast = useToast();
  const confirm = useConfirm();
  const router = useRouter();
  const queryClient = useQueryClient();
  const ticket = useQuery(trpc.tickets.portal.get.queryOptions({ id }));
  const [body, setBody] = useState("");
  const [files, setFiles] = useState<File[]>([]);
  const [fileKey, setFileKey] = useState(0);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.tickets.portal.pathKey() });
  const reply = useMutation(
    trpc.tickets.portal.reply.mutationOptions({
      onSuccess: async (r) => {
        setBody("");
        try {
          await uploadFiles(
            `/portal/tickets/${r.ticketId}/attachments${r.entryId ? `?entry=${r.entryId}` : ""}`,
            files,
          );
        } catch (error) {
          toast.error(`Your message was sent, but the file was not attached: ${(error as Error).message}`);
        }
        setFiles([]);
        setFileKey((k) => k + 1);
        if (r.followUp) {
          toast.success("This request was closed a while ago, so we opened a new one for your message");
          router.push(`/portal/tickets/${r.ticketId}`);
        } else toast.success("Message sent");
        refresh();
      },
      onError: toast.error,
    }),
  );
  const close = useMutation(
    trpc.tickets.portal.close.mutationOptions({
      onSuccess: () => {
        toast.success("Request closed");
        refresh();
      },
      onError: toast.error,
    }),
  );
  if (ticket.isLoading) return <Spinner label="Loading the request" />;
  if (ticket.error || !ticket.data)
    return <Alert tone="danger">{errorMessage(ticket.error) || "The request was not found"}</Alert>;
  const t = ticket.data;
  return (
    <div className="stack">
      <PageHeader
        breadcrumbs={[{ label: "Support", href: "/portal/tickets" }, { label: t.reference }]}
        title={t.subject}
        description={
          <span className="row">
            <TicketStatusBadge status={t.status} />
            <span className="muted">
              {t.reference} · {TICKET_TYPE_LABELS[t.type]} · opened <DateTime value={t.createdAt} mode="relative" />
            </span>
          </span>
        }
        actions={
          t.canClose ? (
            <Button
              loading={close.isPending}
              onClick={async () => {
                if (
                  await confirm({
                    title: "Close this request?",
                    body: "Close it when the problem is solved. If it comes back within a week, reply here and we reopen it.",
                    confirmLabel: "Close request",
                  })
                )
                  close.mutate({ id });
              }}
            >
              Close request
            </Button>
          ) : null
        }
      />
      <TicketThread
        entries={t.entries}
        customerName="You"
        entryExtra={(e) => <FileList files={e.attachments} />}
        reply={
          t.mergedIntoId
            ? null
            : {
                label: t.closedish ? "Still a problem? Write to us" : "Your reply",
                body,
                onBodyChange: setBody,
                onSend: () => reply.mutate({ ticketId: id, body }),
                pending: reply.isPending,
                error: fieldErrors(reply.error).body,
                extraFields: (
                  <Field label="Attach files" hint="Images, PDF or text, up to 10 MB each (optional)">
                    <Input
                      key={fileKey}
                      type="file"
                      multiple
                      accept={ACCEPT}
                      onChange={(e) => setFiles(Array.from(e.target.files ?? []))}
                    />
                  </Field>
                ),
              }
        }
      />
    </div>
  );
}
