"use client";
// The sales pipeline: a board of open stages (cards link to the lead) and the full list with
// stage, source and owner filters, duplicates flagged; follow-ups due this week; CSV import.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { type ChangeEvent, useMemo, useState } from "react";
import { ServiceabilityBadge, StageBadge } from "@/components/crm-format";
import { DataTable, defineColumns, useListQuery } from "@/components/data-table";
import { useToast } from "@/components/toast";
import { useTRPC } from "@/components/trpc";
import { Alert, Badge, ButtonLink, Card, DateTime, PageHeader, Tabs } from "@/components/ui";
import { LEAD_SOURCE_LABELS, LEAD_SOURCES, LEAD_STAGE_LABELS, LEAD_STAGES } from "@/server/modules/crm/schemas";
import styles from "./crm.module.css";

type Row = {
  id: string;
  number: number;
  name: string;
  email: string | null;
  phone: string | null;
  addressLabel: string;
  stage: (typeof LEAD_STAGES)[number];
  source: (typeof LEAD_SOURCES)[number];
  ownerId: string | null;
  serviceability: string | null;
  duplicateOfId: string | null;
  createdAt: Date;
};

export function PipelinePage({ canWrite }: { canWrite: boolean }) {
  const trpc = useTRPC();
  const toast = useToast();
  const router = useRouter();
  const qc = useQueryClient();
  const [view, setView] = useState<"board" | "list">("board");
  const list = useListQuery({ sort: { id: "createdAt", desc: true } });
  const board = useQuery(trpc.crm.board.queryOptions(undefined, { enabled: view === "board" }));
  const leads = useQuery(
    trpc.crm.list.queryOptions(list.query, { enabled: view === "list", placeholderData: keepPreviousData }),
  );
  const owners = useQuery(trpc.crm.owners.queryOptions());
  const due = useQuery(trpc.crm.dueTasks.queryOptions());
  const ownerName = useMemo(() => new Map((owners.data ?? []).map((o) => [o.id, o.name])), [owners.data]);
  const importCsv = useMutation(
    trpc.crm.import.mutationOptions({
      onSuccess: (r) => {
        if (r.failed.length)
          toast.error(
            `${r.created.length} imported; ${r.failed.length} refused (line ${r.failed[0].line}: ${r.failed[0].reason})`,
          );
        else toast.success(`${r.created.length} leads imported`);
        void qc.invalidateQueries({ queryKey: trpc.crm.pathKey() });
      },
      onError: toast.error,
    }),
  );
  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    if (file) importCsv.mutate({ csv: await file.text() });
    e.target.value = "";
  };

  const columns = useMemo(
    () =>
      defineColumns<Row>((c) => [
        c.accessor("number", {
          header: "Lead",
          enableSorting: true,
          cell: (i) => (
            <Link href={`/crm/leads/${i.row.original.id}`} className="mono">
              L-{i.getValue()}
            </Link>
          ),
        }),
        c.accessor("name", {
          header: "Name",
          enableSorting: true,
          cell: (i) => (
            <span>
              {i.getValue()}
              {i.row.original.duplicateOfId ? (
                <>
                  {" "}
                  <Badge tone="warning">Possible duplicate</Badge>
                </>
              ) : null}
            </span>
          ),
        }),
        c.accessor("addressLabel", { header: "Address", meta: { hideOnMobile: true } }),
        c.accessor("stage", { header: "Stage", enableSorting: true, cell: (i) => <StageBadge stage={i.getValue()} /> }),
        c.accessor("serviceability", {
          header: "Serviceable",
          meta: { hideOnMobile: true },
          cell: (i) => <ServiceabilityBadge value={i.getValue()} />,
        }),
        c.accessor("source", {
          header: "Source",
          meta: { hideOnMobile: true },
          cell: (i) => LEAD_SOURCE_LABELS[i.getValue() as (typeof LEAD_SOURCES)[number]],
        }),
        c.accessor("ownerId", {
          header: "Owner",
          meta: { hideOnMobile: true },
          cell: (i) => (i.getValue() ? (ownerName.get(i.getValue()!) ?? "—") : <span className="muted">Nobody</span>),
        }),
        c.accessor("createdAt", {
          header: "Created",
          enableSorting: true,
          meta: { hideOnMobile: true },
          cell: (i) => <DateTime value={i.getValue()} mode="relative" />,
        }),
      ]),
    [ownerName],
  );

  return (
    <div className="stack">
      <PageHeader
        title="Sales pipeline"
        description="Leads from the web form, partners, phone and imports, from first contact to a live service."
        actions={
          <>
            <ButtonLink href="/crm/dashboard">Dashboard</ButtonLink>
            <ButtonLink href="/crm/quotes">Quotes</ButtonLink>
            {canWrite ? (
              <>
                <label className="btn btn-secondary">
                  Import CSV
                  <input type="file" accept=".csv,text/csv" className="sr-only" onChange={onFile} />
                </label>
                <ButtonLink href="/crm/leads/new" variant="primary">
                  New lead
                </ButtonLink>
              </>
            ) : null}
          </>
        }
      />
      {due.data?.length ? (
        <Card title={`Follow-ups due this week (${due.data.length})`}>
          <ul className="list-plain">
            {due.data.map((task) => (
              <li key={task.id}>
                <Link href={`/crm/leads/${task.lead.id}`}>
                  L-{task.lead.number} {task.lead.name}
                </Link>
                : {task.title} — <DateTime value={task.dueAt} mode="relative" />
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
      <Tabs
        label="View"
        items={[
          { id: "board", label: "Board" },
          { id: "list", label: "List" },
        ]}
        value={view}
        onChange={(id) => setView(id as "board" | "list")}
      />
      {view === "board" ? (
        board.error ? (
          <Alert tone="danger">{board.error.message}</Alert>
        ) : (
          <div className={styles.board} aria-busy={board.isLoading}>
            {(board.data ?? []).map((column) => (
              <section
                key={column.stage}
                className={`card ${styles.column}`}
                aria-label={`${column.label}: ${column.count}`}
              >
                <h2 className={styles.columnTitle}>
                  {column.label} <span className="muted">{column.count}</span>
                </h2>
                {column.cards.length ? (
                  <ul className="list-plain stack-sm">
                    {column.cards.map((lead) => (
                      <li key={lead.id} className={styles.card}>
                        <Link href={`/crm/leads/${lead.id}`}>
                          <strong>{lead.name}</strong>
                        </Link>
                        <div className="small muted">{lead.addressLabel || lead.email || lead.phone}</div>
                        <div className="row small">
                          <ServiceabilityBadge value={lead.serviceability} />
                          {lead.duplicateOfId ? <Badge tone="warning">Duplicate?</Badge> : null}
                        </div>
                      </li>
                    ))}
                  </ul>
                ) : (
                  <p className="small muted">
                    {column.stage === "WON" || column.stage === "LOST" ? "See the list" : "No leads"}
                  </p>
                )}
              </section>
            ))}
          </div>
        )
      ) : (
        <DataTable
          caption="Leads"
          columns={columns}
          rows={leads.data?.rows as Row[] | undefined}
          total={leads.data?.total}
          loading={leads.isFetching}
          error={leads.error}
          query={list.query}
          onQueryChange={list.onQueryChange}
          searchPlaceholder="Search name, email, phone, address or L-number…"
          onRowClick={(r) => router.push(`/crm/leads/${r.id}`)}
          filters={[
            {
              id: "stage",
              label: "Stage",
              options: LEAD_STAGES.map((s) => ({ value: s, label: LEAD_STAGE_LABELS[s] })),
            },
            {
              id: "source",
              label: "Source",
              options: LEAD_SOURCES.map((s) => ({ value: s, label: LEAD_SOURCE_LABELS[s] })),
            },
            {
              id: "ownerId",
              label: "Owner",
              options: [
                { value: "none", label: "Nobody" },
                ...(owners.data ?? []).map((o) => ({ value: o.id, label: o.name })),
              ],
            },
            { id: "duplicates", label: "Duplicates", options: [{ value: "true", label: "Possible duplicates only" }] },
          ]}
          empty={
            <div className="empty-state">
              <p className="empty-state-title">No leads yet</p>
              <p className="muted">
                Leads from the availability page, partners, the phone and CSV imports appear here.
              </p>
            </div>
          }
        />
      )}
    </div>
  );
}
