"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { DataTable, defineColumns, useListQuery } from "@/components/data-table";
import { useTRPC } from "@/components/trpc";
import { DateTime, PageHeader, Stat, Tabs } from "@/components/ui";
import { formatBytes, formatDuration } from "../subscribers/format";

type Row = {
  id: string;
  acctSessionId: string;
  username: string | null;
  subscriberId: string | null;
  nasIp: string;
  framedIp: string | null;
  callingStationId: string | null;
  startedAt: Date | null;
  stoppedAt: Date | null;
  durationSeconds: number | null;
  uploadBytes: number;
  downloadBytes: number;
  terminateCause: string | null;
};

const columns = defineColumns<Row>((c) => [
  c.accessor("username", {
    header: "Subscriber",
    enableSorting: true,
    cell: ({ row }) =>
      row.original.subscriberId ? (
        <Link className="mono" href={`/noc/subscribers/${row.original.subscriberId}`}>
          {row.original.username}
        </Link>
      ) : (
        <span className="mono">{row.original.username}</span>
      ),
  }),
  c.accessor("nasIp", {
    id: "nasipaddress",
    header: "NAS",
    enableSorting: true,
    cell: (i) => <span className="mono">{i.getValue()}</span>,
  }),
  c.accessor("framedIp", { header: "IP", cell: (i) => <span className="mono">{i.getValue()}</span> }),
  c.accessor("startedAt", {
    id: "acctstarttime",
    header: "Start",
    enableSorting: true,
    cell: (i) => <DateTime value={i.getValue()} />,
  }),
  c.accessor("durationSeconds", { header: "Duration", cell: (i) => formatDuration(i.getValue()) }),
  c.accessor("downloadBytes", {
    id: "acctoutputoctets",
    header: "Download",
    enableSorting: true,
    meta: { align: "right" },
    cell: (i) => formatBytes(i.getValue()),
  }),
  c.accessor("uploadBytes", {
    id: "acctinputoctets",
    header: "Upload",
    enableSorting: true,
    meta: { align: "right" },
    cell: (i) => formatBytes(i.getValue()),
  }),
  c.accessor("terminateCause", { header: "Ended by", meta: { hideOnMobile: true }, cell: (i) => i.getValue() ?? "" }),
]);

export function SessionsPage() {
  const trpc = useTRPC();
  const [tab, setTab] = useState<"live" | "history">("live");
  const list = useListQuery({ sort: { id: "acctstarttime", desc: true } });
  const live = useQuery({
    ...trpc.radius.sessions.live.queryOptions(list.query, { placeholderData: keepPreviousData }),
    enabled: tab === "live",
    refetchInterval: 5000,
  });
  const history = useQuery({
    ...trpc.radius.sessions.history.queryOptions(list.query, { placeholderData: keepPreviousData }),
    enabled: tab === "history",
  });
  const stats = useQuery({ ...trpc.radius.sessions.stats.queryOptions(), refetchInterval: 10000 });
  const q = tab === "live" ? live : history;
  return (
    <div className="stack">
      <PageHeader
        title="Sessions"
        description="RADIUS accounting (radacct): who is online, on which NAS, since when, and how much traffic. Sessions silent for too long are closed as stale; Accounting-On/Off closes a rebooted NAS's sessions."
      />
      <div className="grid-3">
        <Stat label="Live sessions" value={stats.data?.liveSessions ?? "—"} />
        <Stat label="Accepts (last hour)" value={stats.data?.acceptsLastHour ?? "—"} tone="success" />
        <Stat
          label="Rejects (last hour)"
          value={stats.data?.rejectsLastHour ?? "—"}
          tone="danger"
          href="/noc/auth-log"
        />
      </div>
      <Tabs
        value={tab}
        onChange={(v) => setTab(v as "live" | "history")}
        items={[
          { id: "live", label: "Live" },
          { id: "history", label: "History" },
        ]}
      />
      <DataTable
        caption={tab === "live" ? "Live sessions" : "Session history"}
        columns={columns}
        rows={q.data?.rows as Row[] | undefined}
        total={q.data?.total}
        loading={q.isFetching}
        error={q.error}
        query={list.query}
        onQueryChange={list.onQueryChange}
        searchPlaceholder="Username, session id, MAC or IP…"
      />
    </div>
  );
}
