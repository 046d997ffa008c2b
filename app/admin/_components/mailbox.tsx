"use client";
// The dev mailbox: the outbox of rendered emails, and one message shown in a sandboxed
// iframe (no scripts, no same-origin access). Tenant staff see their tenant's messages,
// platform staff all of them.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { DataTable, defineColumns, useListQuery } from "@/components/data-table";
import { useTRPC } from "@/components/trpc";
import {
  Alert,
  Badge,
  Card,
  DateTime,
  DescriptionList,
  EmptyState,
  PageHeader,
  Spinner,
  statusTone,
} from "@/components/ui";

type Row = {
  id: string;
  toAddress: string;
  subject: string;
  template: string;
  status: string;
  provider: string;
  error: string | null;
  createdAt: Date;
};

const columns = defineColumns<Row>((c) => [
  c.accessor("createdAt", { header: "Sent", enableSorting: true, cell: (i) => <DateTime value={i.getValue()} /> }),
  c.accessor("toAddress", { header: "To", enableSorting: true }),
  c.accessor("subject", { header: "Subject", enableSorting: true }),
  c.accessor("template", { header: "Template", meta: { hideOnMobile: true } }),
  c.accessor("status", {
    header: "Status",
    cell: (i) => <Badge tone={statusTone(i.getValue())}>{i.getValue()}</Badge>,
  }),
  c.accessor("provider", { header: "Via", meta: { hideOnMobile: true } }),
]);

const STATUS_FILTER = {
  id: "status",
  label: "Status",
  options: ["SENT", "FAILED", "QUEUED"].map((s) => ({ value: s, label: s })),
};

export function MailboxList({ scope, basePath }: { scope: "tenant" | "platform"; basePath: string }) {
  const trpc = useTRPC();
  const list = useListQuery({ sort: { id: "createdAt", desc: true } });
  const tenantQ = useQuery({
    ...trpc.mailbox.list.queryOptions(list.query, { placeholderData: keepPreviousData }),
    enabled: scope === "tenant",
  });
  const platformQ = useQuery({
    ...trpc.mailbox.listAll.queryOptions(list.query, { placeholderData: keepPreviousData }),
    enabled: scope === "platform",
  });
  const q = scope === "tenant" ? tenantQ : platformQ;
  return (
    <div className="stack">
      <PageHeader
        title="Mailbox"
        description={
          scope === "tenant"
            ? "Every email sent on behalf of your organisation, as rendered. Without a resend key, email stays here."
            : "Every email the platform sent, for all tenants, as rendered."
        }
      />
      <DataTable
        caption="Emails"
        columns={columns}
        rows={q.data?.rows}
        total={q.data?.total}
        loading={q.isFetching}
        error={q.error}
        query={list.query}
        onQueryChange={list.onQueryChange}
        searchPlaceholder="Search recipient, subject…"
        filters={[STATUS_FILTER]}
        rowHref={(r) => `${basePath}/${r.id}`}
        empty={<EmptyState title="No emails yet" description="Invitations, password resets and notices appear here." />}
      />
    </div>
  );
}

export function MailboxMessage({
  scope,
  id,
  basePath,
}: {
  scope: "tenant" | "platform";
  id: string;
  basePath: string;
}) {
  const trpc = useTRPC();
  const tenantQ = useQuery({ ...trpc.mailbox.get.queryOptions({ id }), enabled: scope === "tenant" });
  const platformQ = useQuery({ ...trpc.mailbox.getAny.queryOptions({ id }), enabled: scope === "platform" });
  const q = scope === "tenant" ? tenantQ : platformQ;
  if (q.isLoading) return <Spinner label="Loading email" />;
  if (q.error) return <Alert tone="danger">{q.error.message}</Alert>;
  const m = q.data;
  if (!m) return null;
  const links = [
    ...new Set([...m.html.matchAll(/href="(https?:\/\/[^"]+)"/g)].map((x) => x[1]!.replaceAll("&amp;", "&"))),
  ];
  return (
    <div className="stack">
      <PageHeader title={m.subject} breadcrumbs={[{ label: "Mailbox", href: basePath }, { label: m.subject }]} />
      <Card>
        <DescriptionList
          items={[
            { label: "To", value: m.toAddress },
            { label: "From", value: m.fromAddress },
            { label: "Created", value: <DateTime value={m.createdAt} /> },
            { label: "Status", value: <Badge tone={statusTone(m.status)}>{m.status}</Badge> },
            {
              label: "Delivered via",
              value: `${m.provider}${m.providerId && m.provider !== "outbox" ? ` (${m.providerId})` : ""}`,
            },
            ...(m.error ? [{ label: "Error", value: <span className="text-danger">{m.error}</span> }] : []),
          ]}
        />
      </Card>
      <Card title="Message" padded={false}>
        <iframe
          title="Email content"
          sandbox="allow-popups allow-popups-to-escape-sandbox"
          srcDoc={m.html.replace("<head>", '<head><base target="_blank">')}
          style={{ width: "100%", minHeight: 560, border: 0, background: "#fff" }}
        />
      </Card>
      {links.length ? (
        <Card title="Links in this message">
          <ul className="list-plain">
            {links.map((href) => (
              <li key={href} className="wrap-anywhere">
                <a href={href}>{href}</a>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
      <Card title="Plain text">
        <pre className="code-block" style={{ whiteSpace: "pre-wrap" }}>
          {m.text}
        </pre>
      </Card>
    </div>
  );
}
