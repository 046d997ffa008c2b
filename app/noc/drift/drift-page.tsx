"use client";
// Drift: where a system (RADIUS, IPAM, the BNG's sessions, VOLTHA, the ACS, billing, NetBox)
// disagrees with what the platform intends for a subscriber, and the saga that repairs it —
// previewed, confirmed, then followed on the jobs page.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect } from "react";
import { useConfirm } from "@/components/confirm";
import { DataTable, defineColumns, useListQuery } from "@/components/data-table";
import { useToast } from "@/components/toast";
import { errorMessage, useTRPC } from "@/components/trpc";
import { Alert, Badge, Button, DateTime, EmptyState, PageHeader, Stat } from "@/components/ui";

type Row = {
  id: string;
  type: string;
  label: string;
  system: string;
  subscriberId: string | null;
  username: string | null;
  summary: string;
  expected: unknown;
  actual: unknown;
  status: string;
  firstSeenAt: Date;
  lastSeenAt: Date;
  resolvedAt: Date | null;
  repairJobId: string | null;
};

function Evidence({ row }: { row: Row }) {
  return (
    <details>
      <summary>{row.summary}</summary>
      <dl className="dl small">
        <dt>Platform intends</dt>
        <dd>
          <code className="wrap-anywhere">{JSON.stringify(row.expected)}</code>
        </dd>
        <dt>{row.system} holds</dt>
        <dd>
          <code className="wrap-anywhere">{JSON.stringify(row.actual)}</code>
        </dd>
      </dl>
    </details>
  );
}

function RepairButton({ row }: { row: Row }) {
  const trpc = useTRPC();
  const client = useQueryClient();
  const confirm = useConfirm();
  const toast = useToast();
  const repair = useMutation(
    trpc.drift.repair.mutationOptions({
      onSuccess: (r) => {
        toast.success(`Repair started: ${r.job.title}`);
        client.invalidateQueries({ queryKey: trpc.drift.findings.queryKey() });
      },
      onError: toast.error,
    }),
  );
  const lastRepair = row.repairJobId ? (
    <Link href={`/noc/jobs/${row.repairJobId}`} className="small">
      last repair
    </Link>
  ) : null;
  if (row.status !== "OPEN")
    return (
      <span className="row">
        <span className="muted small">resolved</span>
        {lastRepair}
      </span>
    );
  const onClick = async () => {
    let preview: Awaited<ReturnType<typeof client.fetchQuery<unknown>>>;
    try {
      preview = await client.fetchQuery({ ...trpc.drift.preview.queryOptions({ id: row.id }), staleTime: 0 });
    } catch (error) {
      toast.error(errorMessage(error));
      return;
    }
    const p = preview as {
      saga: string | null;
      title?: string;
      why: string;
      ok: boolean;
      steps: Array<{ name: string; title: string; status: string; summary: string; noChange: boolean }>;
    };
    if (!p.saga) {
      await confirm({ title: "No automatic repair", body: p.why, confirmLabel: "Close" });
      return;
    }
    const ok = await confirm({
      title: `Repair: ${p.title}`,
      confirmLabel: `Run ${p.title?.toLowerCase()}`,
      body: (
        <div className="stack">
          <p>{p.why}.</p>
          {p.ok ? null : <Alert tone="warning">The dry run says this workflow would fail now (see the steps).</Alert>}
          <p>
            For <strong>{row.username}</strong>, the dry run of the workflow:
          </p>
          <ol>
            {p.steps.map((s) => (
              <li key={s.name}>
                {s.title}: <span className={s.noChange ? "muted" : undefined}>{s.summary}</span>
              </li>
            ))}
          </ol>
        </div>
      ),
    });
    if (ok) repair.mutate({ id: row.id });
  };
  return (
    <span className="row">
      <Button
        size="sm"
        onClick={onClick}
        loading={repair.isPending}
        aria-label={`Repair ${row.label} of ${row.username}`}
      >
        Repair…
      </Button>
      {lastRepair}
    </span>
  );
}

const columns = defineColumns<Row>((c) => [
  c.accessor("type", {
    header: "Drift",
    enableSorting: true,
    cell: (i) => (
      <span className="stack-sm">
        <span>{i.row.original.label}</span>
        <span className="row">
          <Badge tone="info">{i.row.original.system}</Badge>
          <span className="muted mono small">{i.getValue()}</span>
        </span>
      </span>
    ),
  }),
  c.accessor("username", {
    header: "Subscriber",
    enableSorting: true,
    cell: (i) =>
      i.row.original.subscriberId ? (
        <Link href={`/noc/subscribers/${i.row.original.subscriberId}`} className="mono">
          {i.getValue()}
        </Link>
      ) : (
        <span className="muted">—</span>
      ),
  }),
  c.accessor((r) => r, { id: "evidence", header: "Evidence", cell: (i) => <Evidence row={i.row.original} /> }),
  c.accessor("firstSeenAt", {
    header: "First seen",
    enableSorting: true,
    meta: { hideOnMobile: true },
    cell: (i) => <DateTime value={i.getValue()} mode="relative" />,
  }),
  c.accessor((r) => r, { id: "repair", header: "Repair", cell: (i) => <RepairButton row={i.row.original} /> }),
]);

export function DriftPage() {
  const trpc = useTRPC();
  const client = useQueryClient();
  const toast = useToast();
  const list = useListQuery({ sort: { id: "firstSeenAt", desc: true } });
  const overview = useQuery({
    ...trpc.drift.overview.queryOptions(),
    refetchInterval: (q) => (q.state.data?.running ? 2000 : false),
  });
  const types = useQuery(trpc.drift.types.queryOptions());
  const findings = useQuery(
    trpc.drift.findings.queryOptions(list.query, {
      placeholderData: keepPreviousData,
      refetchInterval: overview.data?.running ? 3000 : false,
    }),
  );
  const scan = useMutation(
    trpc.drift.scan.mutationOptions({
      onSuccess: () => {
        toast.success("Scan started: every subscriber is compared with every system");
        client.invalidateQueries({ queryKey: trpc.drift.overview.queryKey() });
      },
      onError: toast.error,
    }),
  );
  const last = overview.data?.scans[0];
  // A scan that just finished changed the findings: read them again (they are not polled then).
  const lastFinished = last?.finishedAt ? new Date(last.finishedAt).getTime() : null;
  useEffect(() => {
    if (lastFinished) client.invalidateQueries({ queryKey: trpc.drift.findings.queryKey() });
  }, [lastFinished, client, trpc]);
  const skipped = (last?.skipped ?? []) as Array<{ system: string; reason: string }>;
  return (
    <div className="stack">
      <PageHeader
        title="Drift"
        description="Every subscriber's status, plan and address compared with what RADIUS, IPAM, the live sessions, VOLTHA, the ACS, billing and NetBox hold. Each finding shows both sides; its repair runs the workflow that owns the change, after a preview. Scans run every hour and on demand."
        actions={
          <Button onClick={() => scan.mutate()} loading={scan.isPending || overview.data?.running}>
            {overview.data?.running ? "Scanning…" : "Scan now"}
          </Button>
        }
      />
      {overview.error ? <Alert tone="danger">{errorMessage(overview.error)}</Alert> : null}
      <div className="grid-4">
        <Stat
          label="Open findings"
          value={overview.data?.openTotal ?? "—"}
          tone={overview.data?.openTotal ? "warning" : undefined}
        />
        <Stat
          label="Last scan"
          value={last ? <DateTime value={last.startedAt} mode="relative" /> : "never"}
          hint={last ? `${last.status.toLowerCase()} · ${last.trigger}` : undefined}
        />
        <Stat label="Subscribers checked" value={last?.subscribers ?? "—"} />
        <Stat
          label="Scan took"
          value={
            last?.finishedAt
              ? `${((new Date(last.finishedAt).getTime() - new Date(last.startedAt).getTime()) / 1000).toFixed(1)} s`
              : "—"
          }
        />
      </div>
      {last?.status === "FAILED" ? (
        <Alert tone="danger" title="The last scan failed">
          {last.error}
        </Alert>
      ) : null}
      {skipped.length ? (
        <Alert tone="warning" title="Some systems could not be read; their checks were left out">
          <ul>
            {skipped.map((s) => (
              <li key={s.system}>
                {s.system}: {s.reason}
              </li>
            ))}
          </ul>
        </Alert>
      ) : null}
      <DataTable
        caption="Drift findings"
        columns={columns}
        rows={findings.data?.rows as Row[] | undefined}
        total={findings.data?.total}
        loading={findings.isFetching}
        error={findings.error}
        query={list.query}
        onQueryChange={list.onQueryChange}
        searchPlaceholder="Username or evidence…"
        filters={[
          {
            id: "status",
            label: "Status",
            // No status filter lists the open findings (the server's default).
            allLabel: "Open",
            options: [
              { value: "RESOLVED", label: "Resolved" },
              { value: "ALL", label: "All" },
            ],
          },
          { id: "system", label: "System", options: (types.data?.systems ?? []).map((s) => ({ value: s, label: s })) },
          {
            id: "type",
            label: "Drift",
            options: Object.entries(types.data?.types ?? {}).map(([value, t]) => ({ value, label: t.label })),
          },
        ]}
        empty={
          <EmptyState
            title={last ? "No drift" : "Not scanned yet"}
            description={
              last
                ? "Every system agrees with the platform for the findings shown here."
                : "Scan now to compare every subscriber with every system."
            }
          />
        }
      />
    </div>
  );
}
