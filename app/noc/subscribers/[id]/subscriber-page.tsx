"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { useConfirm } from "@/components/confirm";
import { useToast } from "@/components/toast";
import { errorMessage, useTRPC } from "@/components/trpc";
import {
  Alert,
  Badge,
  Button,
  Card,
  DateTime,
  DescriptionList,
  EmptyState,
  Field,
  FormActions,
  Input,
  PageHeader,
  Select,
  Spinner,
  StatusBadge,
} from "@/components/ui";
import { IN_FLIGHT, JobStatusBadge, progressOf } from "../../jobs/format";
import { type DaeOutcome, describeDae, formatBytes, formatDuration, formatRate } from "../format";
import { NotificationHistory } from "./notification-history";

const NEXT: Record<string, string[]> = {
  PENDING: ["PROVISIONING", "TERMINATED"],
  PROVISIONING: ["ACTIVE", "PROVISIONING_FAILED", "PENDING"],
  PROVISIONING_FAILED: ["PROVISIONING", "PENDING", "TERMINATED"],
  ACTIVE: ["SUSPENDED", "TERMINATED"],
  SUSPENDED: ["ACTIVE", "TERMINATED"],
  TERMINATED: [],
};
const ACTION_LABEL: Record<string, string> = {
  ACTIVE: "Activate",
  PROVISIONING_FAILED: "Mark provisioning failed",
  PENDING: "Back to pending",
};

export function SubscriberPage({ id }: { id: string }) {
  const trpc = useTRPC();
  const toast = useToast();
  const confirm = useConfirm();
  const queryClient = useQueryClient();
  const sub = useQuery(trpc.subscribers.get.queryOptions({ id }));
  const [dae, setDae] = useState<{ title: string; results: DaeOutcome[] } | null>(null);
  const refresh = () => {
    queryClient.invalidateQueries({ queryKey: trpc.subscribers.pathKey() });
    queryClient.invalidateQueries({ queryKey: trpc.radius.pathKey() });
  };
  const showDae = (title: string, results: DaeOutcome[]) => {
    setDae({ title, results });
    const bad = results.some((r) => r.outcome !== "ACK" && r.fallback?.outcome !== "ACK");
    if (bad) toast.error(`${title}: ${describeDae(results)}`);
    else toast.success(`${title}: ${describeDae(results)}`);
  };
  const transition = useMutation(
    trpc.subscribers.transition.mutationOptions({
      onSuccess: (s) => {
        toast.success(`Status: ${s.status.toLowerCase().replace(/_/g, " ")}`);
        refresh();
      },
      onError: toast.error,
    }),
  );
  const suspend = useMutation(
    trpc.subscribers.suspend.mutationOptions({
      onSuccess: (r) => {
        showDae("Suspended", r.sessions);
        refresh();
      },
      onError: toast.error,
    }),
  );
  const restore = useMutation(
    trpc.subscribers.restore.mutationOptions({
      onSuccess: (r) => {
        showDae("Restored", r.sessions);
        refresh();
      },
      onError: toast.error,
    }),
  );
  const terminate = useMutation(
    trpc.subscribers.terminate.mutationOptions({
      onSuccess: (r) => {
        showDae("Terminated", r.sessions);
        refresh();
      },
      onError: toast.error,
    }),
  );
  const [suspendReason, setSuspendReason] = useState("NON_PAYMENT");
  const router = useRouter();
  // One key per page view: a double click starts one job.
  const [provisionKey] = useState(() => crypto.randomUUID());
  const provision = useMutation(
    trpc.orchestration.provisionSubscriber.mutationOptions({
      onSuccess: (job) => {
        toast.success("Provisioning started");
        queryClient.invalidateQueries({ queryKey: trpc.orchestration.pathKey() });
        router.push(`/noc/jobs/${job.id}`);
      },
      onError: toast.error,
    }),
  );

  if (sub.isLoading) return <Spinner label="Loading subscriber" />;
  if (sub.error || !sub.data) return <Alert tone="danger">{errorMessage(sub.error) || "Subscriber not found"}</Alert>;
  const s = sub.data;
  const actions = (NEXT[s.status] ?? []).map((to) => {
    if (to === "SUSPENDED")
      return (
        <span key={to} className="row">
          <Select
            aria-label="Suspension reason"
            value={suspendReason}
            onChange={(e) => setSuspendReason(e.target.value)}
            options={[
              { value: "NON_PAYMENT", label: "Non-payment" },
              { value: "FRAUD", label: "Fraud" },
              { value: "REQUESTED", label: "Customer request" },
              { value: "ADMINISTRATIVE", label: "Administrative" },
            ]}
          />
          <Button
            variant="danger"
            loading={suspend.isPending}
            onClick={async () => {
              if (
                await confirm({
                  title: `Suspend ${s.username}?`,
                  body: "RADIUS moves the subscriber to the suspension group and live sessions are disconnected.",
                  confirmLabel: "Suspend",
                  danger: true,
                })
              )
                suspend.mutate({ id, reason: suspendReason as "NON_PAYMENT" });
            }}
          >
            Suspend
          </Button>
        </span>
      );
    if (to === "TERMINATED")
      return (
        <Button
          key={to}
          variant="danger"
          loading={terminate.isPending}
          onClick={async () => {
            if (
              await confirm({
                title: `Terminate ${s.username}?`,
                body: "The RADIUS account is removed and live sessions are disconnected. This cannot be undone.",
                confirmLabel: "Terminate",
                danger: true,
                typeToConfirm: s.username,
              })
            )
              terminate.mutate({ id });
          }}
        >
          Terminate
        </Button>
      );
    if (to === "PROVISIONING")
      // Provisioning is a workflow across RADIUS, IPAM, the OLT, the CPE and billing.
      return (
        <Button
          key={to}
          variant="primary"
          loading={provision.isPending}
          onClick={() =>
            provision.mutate({
              input: { subscriberId: id },
              idempotencyKey: `provision:${id}:${provisionKey}`,
            })
          }
        >
          Provision
        </Button>
      );
    if (to === "ACTIVE" && s.status === "SUSPENDED")
      return (
        <Button key={to} variant="primary" loading={restore.isPending} onClick={() => restore.mutate({ id })}>
          Restore service
        </Button>
      );
    return (
      <Button key={to} loading={transition.isPending} onClick={() => transition.mutate({ id, to: to as "ACTIVE" })}>
        {ACTION_LABEL[to] ?? to}
      </Button>
    );
  });

  return (
    <div className="stack">
      <PageHeader
        title={<span className="mono">{s.username}</span>}
        breadcrumbs={[{ label: "Subscribers", href: "/noc/subscribers" }, { label: s.username }]}
        description={
          <>
            <StatusBadge status={s.status} />{" "}
            {s.suspendReason ? <Badge tone="warning">{s.suspendReason.toLowerCase().replace("_", " ")}</Badge> : null}{" "}
            <Link href={`/noc/customers/${s.customer.id}`}>{s.customer.name}</Link> · {s.plan.name}
          </>
        }
        actions={<div className="row">{actions}</div>}
      />
      {dae ? (
        <Alert
          tone={dae.results.every((r) => r.outcome === "ACK" || r.fallback?.outcome === "ACK") ? "success" : "warning"}
          title={`${dae.title} — answer from the NAS`}
        >
          <ul data-testid="dae-result">
            {dae.results.length ? (
              dae.results.map((r) => (
                <li key={`${r.action}-${r.nasIp}-${r.message}`}>
                  <Badge tone={r.outcome === "ACK" ? "success" : "danger"}>
                    {r.action} {r.outcome}
                    {r.errorCause ? ` ${r.errorCause}` : ""}
                  </Badge>{" "}
                  {r.message}
                  {r.fallback ? (
                    <>
                      {" → "}
                      <Badge tone={r.fallback.outcome === "ACK" ? "success" : "danger"}>
                        {r.fallback.action} {r.fallback.outcome}
                      </Badge>{" "}
                      {r.fallback.message}
                    </>
                  ) : null}
                </li>
              ))
            ) : (
              <li>No live session: nothing was sent to the NAS.</li>
            )}
          </ul>
        </Alert>
      ) : null}
      <div className="grid-2">
        <Card title="Service">
          <DescriptionList
            items={[
              { label: "Customer", value: <Link href={`/noc/customers/${s.customer.id}`}>{s.customer.name}</Link> },
              {
                label: "Address",
                value: s.serviceAddress
                  ? `${s.serviceAddress.line1}, ${s.serviceAddress.postcode} ${s.serviceAddress.city}`
                  : null,
              },
              {
                label: "Plan",
                value: `${s.plan.name} (${formatRate(s.plan.downloadKbps)} / ${formatRate(s.plan.uploadKbps)})`,
              },
              { label: "Access", value: s.accessType === "PPPOE" ? "PPPoE" : "IPoE" },
              { label: "IPv4", value: <span className="mono">{s.staticIpv4 ?? s.ipv4Address}</span> },
              { label: "ONU serial", value: <span className="mono">{s.onuSerial}</span> },
              { label: "CPE MAC", value: <span className="mono">{s.cpeMac}</span> },
              { label: "Activated", value: <DateTime value={s.activatedAt} /> },
            ]}
          />
        </Card>
        <PlanCard id={id} planId={s.planId} disabled={s.status === "TERMINATED"} onDone={showDae} refresh={refresh} />
      </div>
      <div className="grid-2">
        <CredentialsCard id={id} username={s.username} disabled={s.status === "TERMINATED"} refresh={refresh} />
        <SessionsCard id={id} onDae={showDae} />
      </div>
      <WorkflowsCard id={id} />
      <AuthLogCard id={id} />
      <div className="grid-2">
        <UsageCard id={id} />
        <HistoryCard id={id} />
      </div>
      <NotificationHistory subscriberId={id} />
    </div>
  );
}

function PlanCard({
  id,
  planId,
  disabled,
  onDone,
  refresh,
}: {
  id: string;
  planId: string;
  disabled: boolean;
  onDone: (title: string, r: DaeOutcome[]) => void;
  refresh: () => void;
}) {
  const trpc = useTRPC();
  const toast = useToast();
  const plans = useQuery(trpc.catalog.plans.list.queryOptions({ page: 1, pageSize: 100, filters: { active: "true" } }));
  const [next, setNext] = useState("");
  const change = useMutation(
    trpc.subscribers.changePlan.mutationOptions({
      onSuccess: (r) => {
        onDone("Plan changed", r.sessions);
        setNext("");
        refresh();
      },
      onError: toast.error,
    }),
  );
  return (
    <Card title="Change plan">
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          if (next) change.mutate({ id, planId: next });
        }}
      >
        <p className="muted small">
          Effective now: RADIUS is updated at once and live sessions get a CoA-Request with the new rate (a NAK falls
          back to a Disconnect so the new profile applies at re-authentication).
        </p>
        <Field label="New plan">
          <Select
            value={next}
            onChange={(e) => setNext(e.target.value)}
            placeholder="Choose…"
            disabled={disabled}
            options={(plans.data?.rows ?? [])
              .filter((p) => p.id !== planId)
              .map((p) => ({ value: p.id, label: `${p.name} (${formatRate(p.downloadKbps)})` }))}
          />
        </Field>
        <FormActions>
          <Button type="submit" variant="primary" disabled={!next || disabled} loading={change.isPending}>
            Change plan now
          </Button>
        </FormActions>
      </form>
    </Card>
  );
}

function CredentialsCard({
  id,
  username,
  disabled,
  refresh,
}: {
  id: string;
  username: string;
  disabled: boolean;
  refresh: () => void;
}) {
  const trpc = useTRPC();
  const toast = useToast();
  const [reveal, setReveal] = useState(false);
  const creds = useQuery({ ...trpc.subscribers.credentials.queryOptions({ id }), enabled: reveal });
  const [password, setPassword] = useState("");
  const queryClient = useQueryClient();
  const set = useMutation(
    trpc.subscribers.setPassword.mutationOptions({
      onSuccess: () => {
        toast.success("Password saved: RADIUS uses it from the next authentication");
        setPassword("");
        queryClient.invalidateQueries({ queryKey: trpc.subscribers.credentials.queryKey({ id }) });
        refresh();
      },
      onError: toast.error,
    }),
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    set.mutate({ id, password: password || undefined });
  };
  return (
    <Card title="Access credentials">
      <div className="stack">
        <DescriptionList
          items={[
            { label: "Username", value: <span className="mono">{username}</span> },
            {
              label: "Password",
              value: reveal ? (
                <span className="mono" data-testid="subscriber-password">
                  {creds.data?.password ?? "…"}
                </span>
              ) : (
                <Button size="sm" variant="ghost" onClick={() => setReveal(true)}>
                  Show password
                </Button>
              ),
            },
          ]}
        />
        <form className="stack-sm" onSubmit={submit} noValidate>
          <Field label="New password" hint="E.g. the value configured on the CPE. Leave empty to generate one.">
            <Input
              name="newPassword"
              value={password}
              autoComplete="new-password"
              onChange={(e) => setPassword(e.target.value)}
              disabled={disabled}
            />
          </Field>
          <FormActions>
            <Button type="submit" loading={set.isPending} disabled={disabled}>
              Set password
            </Button>
          </FormActions>
        </form>
      </div>
    </Card>
  );
}

function SessionsCard({ id, onDae }: { id: string; onDae: (title: string, r: DaeOutcome[]) => void }) {
  const trpc = useTRPC();
  const toast = useToast();
  const queryClient = useQueryClient();
  const sessions = useQuery({
    ...trpc.radius.sessions.ofSubscriber.queryOptions({ subscriberId: id }),
    refetchInterval: 3000,
  });
  const disconnect = useMutation(
    trpc.radius.sessions.disconnect.mutationOptions({
      onSuccess: (r) => {
        onDae("Disconnect", r);
        queryClient.invalidateQueries({ queryKey: trpc.radius.pathKey() });
      },
      onError: toast.error,
    }),
  );
  const applyPlan = useMutation(
    trpc.radius.sessions.applyPlan.mutationOptions({ onSuccess: (r) => onDae("CoA", r), onError: toast.error }),
  );
  return (
    <Card
      title="Live sessions"
      actions={
        <div className="row">
          <Button size="sm" loading={applyPlan.isPending} onClick={() => applyPlan.mutate({ subscriberId: id })}>
            Re-apply plan (CoA)
          </Button>
          <Button
            size="sm"
            variant="danger"
            loading={disconnect.isPending}
            onClick={() => disconnect.mutate({ subscriberId: id })}
          >
            Force re-auth
          </Button>
        </div>
      }
    >
      {sessions.data?.length ? (
        <table className="table">
          <thead>
            <tr>
              <th>NAS</th>
              <th>IP</th>
              <th>Since</th>
              <th>Duration</th>
              <th className="num">Down / Up</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {sessions.data.map((r) => (
              <tr key={r.id}>
                <td className="mono">{r.nasIp}</td>
                <td className="mono">{r.framedIp}</td>
                <td>
                  <DateTime value={r.startedAt} mode="relative" />
                </td>
                <td>{formatDuration(r.durationSeconds)}</td>
                <td className="num">
                  {formatBytes(r.downloadBytes)} / {formatBytes(r.uploadBytes)}
                </td>
                <td>
                  <Button
                    size="sm"
                    variant="ghost"
                    onClick={() => disconnect.mutate({ subscriberId: id, sessionId: r.acctUniqueId })}
                  >
                    Disconnect
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <EmptyState
          title="No live session"
          description="The CPE is not connected (see the authentication log below)."
        />
      )}
    </Card>
  );
}

function AuthLogCard({ id }: { id: string }) {
  const trpc = useTRPC();
  const log = useQuery({
    ...trpc.radius.authLog.queryOptions({ page: 1, pageSize: 10, filters: { subscriberId: id } }),
    refetchInterval: 3000,
  });
  return (
    <Card title="Recent authentications" actions={<Link href={`/noc/auth-log?f.subscriberId=${id}`}>All</Link>}>
      {log.data?.rows.length ? (
        <table className="table" data-testid="auth-log">
          <thead>
            <tr>
              <th>When</th>
              <th>Result</th>
              <th>Reason</th>
              <th>What to do</th>
              <th>NAS</th>
              <th>MAC</th>
            </tr>
          </thead>
          <tbody>
            {log.data.rows.map((r) => (
              <tr key={r.id}>
                <td className="nowrap">
                  <DateTime value={r.authdate} mode="relative" />
                </td>
                <td>
                  <Badge tone={r.accepted ? "success" : "danger"}>
                    {r.accepted ? "Access-Accept" : "Access-Reject"}
                  </Badge>
                </td>
                <td>{r.reasonLabel ?? <span className="muted">—</span>}</td>
                <td className="small">{r.fix ?? ""}</td>
                <td className="mono">{r.nasipaddress}</td>
                <td className="mono">{r.callingstationid}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <EmptyState title="No authentication attempts yet" />
      )}
    </Card>
  );
}

function UsageCard({ id }: { id: string }) {
  const trpc = useTRPC();
  const usage = useQuery(trpc.radius.sessions.usage.queryOptions({ subscriberId: id, days: 30 }));
  return (
    <Card title="Usage per day (30 days, UTC)">
      {usage.data?.length ? (
        <table className="table">
          <thead>
            <tr>
              <th>Day</th>
              <th className="num">Download</th>
              <th className="num">Upload</th>
              <th className="num">Sessions</th>
            </tr>
          </thead>
          <tbody>
            {usage.data.map((d) => (
              <tr key={d.day}>
                <td>{d.day}</td>
                <td className="num">{formatBytes(d.downloadBytes)}</td>
                <td className="num">{formatBytes(d.uploadBytes)}</td>
                <td className="num">{d.sessions}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <EmptyState title="No usage recorded" />
      )}
    </Card>
  );
}

function HistoryCard({ id }: { id: string }) {
  const trpc = useTRPC();
  const history = useQuery(trpc.subscribers.history.queryOptions({ id }));
  return (
    <Card title="History">
      {history.data?.length ? (
        <ul className="stack-sm">
          {history.data.map((h) => (
            <li key={h.id}>
              <DateTime value={h.createdAt} /> — <strong>{h.action}</strong>{" "}
              <span className="muted">by {h.actorLabel}</span>
            </li>
          ))}
        </ul>
      ) : (
        <EmptyState title="No changes yet" />
      )}
    </Card>
  );
}

function WorkflowsCard({ id }: { id: string }) {
  const trpc = useTRPC();
  const jobs = useQuery({
    ...trpc.orchestration.jobs.forSubscriber.queryOptions({ subscriberId: id }),
    refetchInterval: (q) => ((q.state.data ?? []).some((j) => IN_FLIGHT.has(j.status)) ? 2000 : false),
  });
  return (
    <Card title="Workflows" actions={<Link href={`/noc/jobs?f.subscriberId=${id}`}>All</Link>}>
      {jobs.data?.length ? (
        <table className="table" data-testid="subscriber-workflows">
          <thead>
            <tr>
              <th>Workflow</th>
              <th>Status</th>
              <th>Progress</th>
              <th>Started</th>
            </tr>
          </thead>
          <tbody>
            {jobs.data.map((j) => {
              const { done, total } = progressOf(j.steps);
              return (
                <tr key={j.id}>
                  <td>
                    <Link href={`/noc/jobs/${j.id}`}>{j.title}</Link>
                  </td>
                  <td>
                    <JobStatusBadge status={j.status} />
                  </td>
                  <td className="small">
                    {done} of {total} steps{j.failedStep ? ` · failed at ${j.failedStep}` : ""}
                  </td>
                  <td>
                    <DateTime value={j.createdAt} mode="relative" />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : (
        <EmptyState
          title="No workflows yet"
          description="Provisioning, suspension, plan changes and teardown run as workflows and appear here."
        />
      )}
    </Card>
  );
}
