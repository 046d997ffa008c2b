"use client";
// The subscriber's latest notifications (from the delivery log), with a link to all of them.
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { errorCode, useTRPC } from "@/components/trpc";
import { Card, DateTime, StatusBadge } from "@/components/ui";

const CHANNEL: Record<string, string> = { EMAIL: "Email", SMS: "SMS", PUSH: "Push", INBOX: "Inbox" };

export function NotificationHistory({ subscriberId }: { subscriberId: string }) {
  const trpc = useTRPC();
  const q = useQuery(trpc.notifications.deliveries.queryOptions({ page: 1, pageSize: 8, subscriberId }));
  // Without notification.read there is nothing to show.
  if (errorCode(q.error) === "FORBIDDEN") return null;
  return (
    <Card
      title="Notifications"
      actions={<Link href={`/noc/notifications/deliveries?f.subscriberId=${subscriberId}`}>All</Link>}
      padded={false}
    >
      {q.error ? <p className="card-body text-danger">{q.error.message}</p> : null}
      {q.data && q.data.rows.length === 0 ? <p className="card-body muted">No notifications sent yet.</p> : null}
      {q.data?.rows.length ? (
        <table className="table" aria-label="Notifications">
          <tbody>
            {q.data.rows.map((d) => (
              <tr key={d.id}>
                <td className="nowrap">
                  <DateTime value={d.createdAt} mode="relative" />
                </td>
                <td>{CHANNEL[d.channel]}</td>
                <td className="wrap-anywhere">{d.subject ?? d.template}</td>
                <td title={d.error ?? undefined}>
                  <StatusBadge status={d.status} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </Card>
  );
}
