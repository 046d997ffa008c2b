"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { DataTable, defineColumns, useListQuery } from "@/components/data-table";
import { useTRPC } from "@/components/trpc";
import { Badge, DateTime, PageHeader } from "@/components/ui";

type Row = {
  id: string;
  username: string;
  accepted: boolean;
  reason: string | null;
  reasonLabel: string | null;
  fix: string | null;
  message: string | null;
  nasipaddress: string | null;
  callingstationid: string | null;
  authdate: Date;
  subscriberId: string | null;
};

const columns = defineColumns<Row>((c) => [
  c.accessor("authdate", { header: "When", cell: (i) => <DateTime value={i.getValue()} /> }),
  c.accessor("username", {
    header: "Username",
    cell: ({ row }) =>
      row.original.subscriberId ? (
        <Link className="mono" href={`/noc/subscribers/${row.original.subscriberId}`}>
          {row.original.username}
        </Link>
      ) : (
        <span className="mono">{row.original.username}</span>
      ),
  }),
  c.accessor("accepted", {
    header: "Result",
    cell: (i) => (
      <Badge tone={i.getValue() ? "success" : "danger"}>{i.getValue() ? "Access-Accept" : "Access-Reject"}</Badge>
    ),
  }),
  c.accessor("reasonLabel", { header: "Reason", cell: (i) => i.getValue() ?? "" }),
  c.accessor("fix", {
    header: "What to do",
    meta: { hideOnMobile: true, className: "small" },
    cell: (i) => i.getValue() ?? "",
  }),
  c.accessor("nasipaddress", {
    header: "NAS",
    meta: { hideOnMobile: true },
    cell: (i) => <span className="mono">{i.getValue()}</span>,
  }),
  c.accessor("callingstationid", {
    header: "MAC",
    meta: { hideOnMobile: true },
    cell: (i) => <span className="mono">{i.getValue()}</span>,
  }),
]);

export function AuthLogPage() {
  const trpc = useTRPC();
  const list = useListQuery({ filters: { result: "reject" } });
  const q = useQuery({
    ...trpc.radius.authLog.queryOptions(list.query, { placeholderData: keepPreviousData }),
    refetchInterval: 5000,
  });
  return (
    <div className="stack">
      <PageHeader
        title="Authentication log"
        description="Every Access-Accept and Access-Reject from FreeRADIUS (radpostauth), with the reason of each reject. Passwords are never stored."
      />
      <DataTable
        caption="Authentication attempts"
        columns={columns}
        rows={q.data?.rows as Row[] | undefined}
        total={q.data?.total}
        loading={q.isFetching}
        error={q.error}
        query={list.query}
        onQueryChange={list.onQueryChange}
        searchPlaceholder="Username starts with…"
        filters={[
          {
            id: "result",
            label: "Result",
            options: [
              { value: "reject", label: "Rejects" },
              { value: "accept", label: "Accepts" },
            ],
          },
          {
            id: "reason",
            label: "Reason",
            options: [
              { value: "bad_password", label: "Wrong password" },
              { value: "unknown_user", label: "Unknown user" },
              { value: "suspended", label: "Suspended" },
              { value: "wrong_nas", label: "Wrong NAS" },
              { value: "wrong_mac", label: "MAC mismatch" },
              { value: "not_provisioned", label: "Not provisioned" },
              { value: "terminated", label: "Terminated" },
            ],
          },
        ]}
      />
    </div>
  );
}
