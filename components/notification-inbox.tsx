"use client";
// The in-app notification inbox, for staff (/noc/inbox: their own items) and subscribers
// (/portal/inbox: every service of their customer), and the bell with the unread count that
// the app shell shows. Both read the same procedures: notifications.inbox.* (staff) and
// notifications.portal.* (subscribers).
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useMemo } from "react";
import { DataTable, defineColumns, useListQuery } from "./data-table";
import { useToast } from "./toast";
import { useTRPC } from "./trpc";
import { Badge, Button, DateTime, EmptyState, PageHeader } from "./ui";

export type InboxAudience = "staff" | "portal";

type Item = {
  id: string;
  title: string;
  body: string;
  url: string | null;
  category: string;
  readAt: Date | null;
  createdAt: Date;
};

const CATEGORY: Record<string, string> = {
  TRANSACTIONAL: "Account",
  BILLING: "Billing",
  OUTAGES: "Outage",
  MAINTENANCE: "Maintenance",
  SUPPORT: "Support",
  MARKETING: "News",
};

function useInboxApi(audience: InboxAudience) {
  const trpc = useTRPC();
  const api = audience === "staff" ? trpc.notifications.inbox : trpc.notifications.portal;
  return {
    list: audience === "staff" ? trpc.notifications.inbox.list : trpc.notifications.portal.inbox,
    markRead: api.markRead,
    archive: api.archive,
    key: audience === "staff" ? trpc.notifications.inbox.pathKey() : trpc.notifications.portal.inbox.pathKey(),
  };
}

export function InboxBell({ audience, href }: { audience: InboxAudience; href: string }) {
  const api = useInboxApi(audience);
  const q = useQuery(
    api.list.queryOptions({ page: 1, pageSize: 1 }, { refetchInterval: 30_000, refetchOnWindowFocus: true }),
  );
  const unread = q.data?.unread ?? 0;
  return (
    <Link
      href={href}
      className="btn btn-ghost btn-sm"
      aria-label={unread ? `Inbox, ${unread} unread` : "Inbox"}
      data-testid="inbox-bell"
    >
      <span aria-hidden="true">🔔</span>
      {unread ? <span className="badge badge-danger">{unread > 99 ? "99+" : unread}</span> : null}
    </Link>
  );
}

export function InboxPage({ audience, description }: { audience: InboxAudience; description: string }) {
  const api = useInboxApi(audience);
  const toast = useToast();
  const queryClient = useQueryClient();
  const list = useListQuery();
  const unreadOnly = list.query.filters?.unread === "true";
  const q = useQuery(
    api.list.queryOptions(
      { ...list.query, filters: undefined, unread: unreadOnly || undefined },
      { placeholderData: keepPreviousData, refetchInterval: 30_000 },
    ),
  );
  const refresh = () => queryClient.invalidateQueries({ queryKey: api.key });
  const markRead = useMutation(api.markRead.mutationOptions({ onSuccess: refresh, onError: (e) => toast.error(e) }));
  const archive = useMutation(
    api.archive.mutationOptions({
      onSuccess: () => {
        toast.success("Message archived");
        void refresh();
      },
      onError: (e) => toast.error(e),
    }),
  );

  const { mutate: read } = markRead;
  const { mutate: hide } = archive;
  const columns = useMemo(
    () =>
      defineColumns<Item>((c) => [
        c.accessor("title", {
          header: "Message",
          cell: (i) => {
            const item = i.row.original;
            return (
              <div className="stack-sm" data-testid="inbox-item">
                <span className="row">
                  {item.readAt ? null : <Badge tone="info">New</Badge>}
                  <strong style={{ fontWeight: item.readAt ? 400 : 600 }}>{item.title}</strong>
                </span>
                <span className="small">{item.body}</span>
                {item.url ? (
                  <a href={item.url} className="small">
                    Open
                  </a>
                ) : null}
              </div>
            );
          },
        }),
        c.accessor("category", {
          header: "Type",
          meta: { hideOnMobile: true },
          cell: (i) => CATEGORY[i.getValue()] ?? i.getValue(),
        }),
        c.accessor("createdAt", { header: "Received", cell: (i) => <DateTime value={i.getValue()} mode="relative" /> }),
        c.display({
          id: "actions",
          header: () => <span className="sr-only">Actions</span>,
          cell: (i) => (
            <span className="row">
              {i.row.original.readAt ? null : (
                <Button size="sm" variant="ghost" onClick={() => read({ ids: [i.row.original.id] })}>
                  Mark read
                </Button>
              )}
              <Button size="sm" variant="ghost" onClick={() => hide({ id: i.row.original.id })}>
                Archive
              </Button>
            </span>
          ),
        }),
      ]),
    [read, hide],
  );

  return (
    <div className="stack">
      <PageHeader
        title="Inbox"
        description={description}
        actions={
          q.data?.unread ? (
            <Button loading={markRead.isPending} onClick={() => markRead.mutate({ all: true })}>
              Mark all read ({q.data.unread})
            </Button>
          ) : null
        }
      />
      <DataTable
        caption="Inbox"
        columns={columns}
        rows={q.data?.rows as Item[] | undefined}
        total={q.data?.total}
        loading={q.isFetching}
        error={q.error}
        query={list.query}
        onQueryChange={list.onQueryChange}
        searchPlaceholder="Search messages…"
        filters={[
          { id: "unread", label: "Show", allLabel: "All messages", options: [{ value: "true", label: "Unread only" }] },
        ]}
        empty={
          <EmptyState
            title={unreadOnly ? "No unread messages" : "Your inbox is empty"}
            description="Notices about your service appear here."
          />
        }
      />
    </div>
  );
}
