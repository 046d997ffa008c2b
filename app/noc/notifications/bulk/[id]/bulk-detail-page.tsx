"use client";
// One bulk send: live progress (polled while it is scheduled or running), counts per channel
// and status, and cancel (confirmed) while messages are still to go.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useConfirm } from "@/components/confirm";
import { useToast } from "@/components/toast";
import { useTRPC } from "@/components/trpc";
import {
  Alert,
  Button,
  Card,
  DateTime,
  DescriptionList,
  PageHeader,
  Spinner,
  Stat,
  StatusBadge,
} from "@/components/ui";
import { CHANNEL_LABEL, ChannelBadges } from "../../shared";

export function BulkDetailPage({ id, canCancel }: { id: string; canCancel: boolean }) {
  const trpc = useTRPC();
  const toast = useToast();
  const confirm = useConfirm();
  const queryClient = useQueryClient();
  const q = useQuery({
    ...trpc.notifications.bulk.get.queryOptions({ id }),
    refetchInterval: (query) => {
      const s = query.state.data?.status;
      return s === "SCHEDULED" || s === "RUNNING" ? 2000 : false;
    },
  });
  const cancel = useMutation(
    trpc.notifications.bulk.cancel.mutationOptions({
      onSuccess: () => {
        toast.success("Bulk send cancelled");
        void queryClient.invalidateQueries({ queryKey: trpc.notifications.bulk.get.queryKey({ id }) });
      },
      onError: (e) => toast.error(e),
    }),
  );
  if (q.isLoading) return <Spinner label="Loading bulk send" />;
  if (q.error) return <Alert tone="danger">{q.error.message}</Alert>;
  const j = q.data;
  if (!j) return null;
  const open = j.status === "SCHEDULED" || j.status === "RUNNING";
  const channels = [...new Set(j.byChannel.map((c) => c.channel))];
  const count = (channel: string, status: string) =>
    j.byChannel.find((c) => c.channel === channel && c.status === status)?.count ?? 0;

  return (
    <div className="stack">
      <PageHeader
        title={j.name}
        breadcrumbs={[{ label: "Bulk sends", href: "/noc/notifications/bulk" }, { label: j.name }]}
        description={
          <>
            <StatusBadge status={j.status} /> <span className="mono small">{j.template}</span>{" "}
            <ChannelBadges channels={j.channels} />
          </>
        }
        actions={
          canCancel && open ? (
            <Button
              variant="danger"
              loading={cancel.isPending}
              onClick={async () => {
                if (
                  await confirm({
                    title: "Cancel this bulk send?",
                    body: "Messages already sent stay sent; nobody else gets it. This cannot be undone.",
                    confirmLabel: "Cancel bulk send",
                    cancelLabel: "Keep sending",
                    danger: true,
                  })
                )
                  cancel.mutate({ id });
              }}
            >
              Cancel send
            </Button>
          ) : null
        }
      />
      <Card title="Progress">
        <div className="stack">
          <div
            role="progressbar"
            aria-label="Progress"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={j.progress}
            style={{ height: 10, borderRadius: 5, background: "var(--surface-2)", border: "1px solid var(--border)" }}
          >
            <div
              style={{
                width: `${j.progress}%`,
                height: "100%",
                borderRadius: 5,
                background: "var(--brand)",
                transition: "width .4s",
              }}
            />
          </div>
          <div className="grid-4">
            <Stat label="Recipients" value={j.materializedAt ? j.total : "—"} />
            <Stat label="Sent" value={j.sent} />
            <Stat label="Skipped" value={j.suppressed} />
            <Stat label="Failed" value={j.failed} />
          </div>
          {j.status === "SCHEDULED" ? (
            <p className="muted">
              Starts <DateTime value={j.scheduleAt} mode="relative" /> (<DateTime value={j.scheduleAt} />
              ). Recipients are resolved then.
            </p>
          ) : null}
        </div>
      </Card>
      <div className="grid-2" style={{ alignItems: "start" }}>
        <Card title="Details">
          <DescriptionList
            items={[
              { label: "Scheduled for", value: <DateTime value={j.scheduleAt} /> },
              { label: "Started", value: j.startedAt ? <DateTime value={j.startedAt} /> : "—" },
              { label: "Finished", value: j.finishedAt ? <DateTime value={j.finishedAt} /> : "—" },
              { label: "Recipients", value: describeRecipients(j) },
              { label: "Created", value: <DateTime value={j.createdAt} /> },
              ...(j.error ? [{ label: "Error", value: <span className="text-danger">{j.error}</span> }] : []),
            ]}
          />
        </Card>
        <Card
          title="Per channel"
          actions={<Link href={`/noc/notifications/deliveries?f.bulkJobId=${j.id}`}>Open in delivery log</Link>}
          padded={false}
        >
          {channels.length ? (
            <table className="table" aria-label="Per channel">
              <thead>
                <tr>
                  <th>Channel</th>
                  <th className="num">Waiting</th>
                  <th className="num">Sent</th>
                  <th className="num">Skipped</th>
                  <th className="num">Failed</th>
                </tr>
              </thead>
              <tbody>
                {channels.map((c) => (
                  <tr key={c}>
                    <td>{CHANNEL_LABEL[c]}</td>
                    <td className="num">{count(c, "PENDING") + count(c, "CLAIMED")}</td>
                    <td className="num">{count(c, "SENT")}</td>
                    <td className="num">{count(c, "SUPPRESSED")}</td>
                    <td className="num">{count(c, "FAILED")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p className="card-body muted">Nothing yet: the counts appear when the send starts.</p>
          )}
        </Card>
      </div>
    </div>
  );
}

function describeRecipients(j: { subscriberIds: string[]; filter: unknown }) {
  if (j.subscriberIds.length) return `${j.subscriberIds.length} chosen subscribers`;
  const f = (j.filter ?? {}) as {
    statuses?: string[];
    planIds?: string[];
    oltIds?: string[];
    ponPortIds?: string[];
    postcode?: string;
    search?: string;
  };
  const parts = [
    f.statuses?.length ? `status ${f.statuses.map((s) => s.toLowerCase()).join(" or ")}` : null,
    f.planIds?.length ? `${f.planIds.length} plan(s)` : null,
    f.oltIds?.length ? `behind ${f.oltIds.length} OLT(s)` : null,
    f.ponPortIds?.length ? `on ${f.ponPortIds.length} PON port(s)` : null,
    f.postcode ? `postcode ${f.postcode}…` : null,
    f.search ? `matching “${f.search}”` : null,
  ].filter(Boolean);
  return parts.length ? `Subscribers with ${parts.join(", ")}` : "Every subscriber";
}
