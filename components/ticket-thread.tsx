"use client";
// A ticket's public conversation with the desk and the reply box, for the subscriber portal and
// the partner portal: the customer's side (written by them, or by the partner for them) and the
// team's, newest last.
import type { FormEvent, ReactNode } from "react";
import { Alert, Button, Card, DateTime, Field, FormActions, Textarea } from "@/components/ui";
import styles from "./ticket-thread.module.css";

export type ThreadEntry = {
  id: string;
  author: string;
  authorName: string | null;
  body: string;
  createdAt: Date | string;
};

export type ThreadReply = {
  label: string;
  body: string;
  onBodyChange: (body: string) => void;
  onSend: () => void;
  pending: boolean;
  error?: string;
  /** More fields above the button (attachments). */
  extraFields?: ReactNode;
};

export function TicketThread<E extends ThreadEntry>({
  entries,
  customerName,
  entryExtra,
  reply,
}: {
  entries: E[];
  /** How the customer's side is named ("You" in their own portal); default: who wrote it. */
  customerName?: string;
  /** Shown under a message (its attachments). */
  entryExtra?: (entry: E) => ReactNode;
  /** The reply box; null for a ticket merged into another (replies go there). */
  reply: ThreadReply | null;
}) {
  const send = (e: FormEvent) => {
    e.preventDefault();
    reply?.onSend();
  };
  return (
    <Card title="Conversation">
      <ol className={styles.thread} aria-label="Messages">
        {entries.map((e) => {
          const customer = e.author === "CUSTOMER";
          return (
            <li key={e.id} className={customer ? styles.customer : styles.team}>
              <div className="row-between small">
                <strong>{(customer && customerName) || e.authorName || "Customer"}</strong>
                <DateTime value={e.createdAt} />
              </div>
              <p className={styles.message}>{e.body}</p>
              {entryExtra?.(e)}
            </li>
          );
        })}
      </ol>
      {reply ? (
        <form className="stack-sm mt-2" onSubmit={send} noValidate>
          <Field label={reply.label} error={reply.error}>
            <Textarea
              rows={4}
              value={reply.body}
              onChange={(e) => reply.onBodyChange(e.target.value)}
              maxLength={20_000}
            />
          </Field>
          {reply.extraFields}
          <FormActions>
            <Button type="submit" variant="primary" loading={reply.pending} disabled={!reply.body.trim()}>
              Send
            </Button>
          </FormActions>
        </form>
      ) : (
        <Alert tone="info">This ticket was merged into another one.</Alert>
      )}
    </Card>
  );
}
