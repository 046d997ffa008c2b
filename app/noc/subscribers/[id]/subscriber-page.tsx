"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { type FormEvent, type ReactNode, useCallback, useEffect, useRef, useState } from "react";
import { DiagnosticsPanel } from "@/app/support/diagnostics-panel";
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
import { IN_FLIGHT, JobStatusBadge, progressOf, type SagaPlanData, SagaPlanView } from "../../jobs/format";
import { type DaeOutcome, describeDae, formatBytes, formatDuration, formatRate } from "../format";
import { NotificationHistory } from "./notification-history";

const SUSPEND_REASONS = [
  { value: "NON_PAYMENT", label: "Non-payment" },
  { value: "FRAUD", label: "Fraud" },
  { value: "REQUESTED", label: "Customer request" },
  { value: "ADMINISTRATIVE", label: "Administrative" },
] as const;
type SuspendReason = (typeof SUSPEND_REASONS)[number]["value"];

/**
 * Every lifecycle change runs its workflow, previewed first: the dry run's steps are shown in
 * the confirmation, and confirming starts the job (followed in the Workflows card).
 */
function usePreviewedWorkflow(refresh: () => void) {
  const confirm = useConfirm();
  const toast = useToast();
  return async (opts: {
    title: string;
    preview: () => Promise<SagaPlanData>;
    confirmLabel: string;
    danger?: boolean;
    typeToConfirm?: string;
    intro?: ReactNode;
    start: () => Promise<unknown>;
    started: string;
  }) => {
    let plan: SagaPlanData;
    try {
      plan = await opts.preview();
    } catch (error) {
      toast.error(error);
      return;
    }
    if (!plan.ok) {
      await confirm({
        title: `${opts.title}: a step would fail`,
        body: <SagaPlanView plan={plan} />,
        confirmLabel: "Close",
      });
      return;
    }
    const ok = await confirm({
      title: opts.title,
      body: (
        <div className="stack-sm">
          {opts.intro}
          <SagaPlanView plan={plan} />
        </div>
      ),
      confirmLabel: opts.confirmLabel,
      danger: opts.danger,
      typeToConfirm: opts.typeToConfirm,
    });
    if (!ok) return;
    try {
      await opts.start();
      toast.success(opts.started);
      refresh();
    } catch (error) {
      toast.error(error);
    }
  };
}

export function SubscriberPage({
  id,
  canDiagnose,
  canTerminate,
}: {
  id: string;
  canDiagnose: boolean;
  canTerminate: boolean;
}) {
  const trpc = useTRPC();
  const toast = useToast();
  const queryClient = useQueryClient();
  const jobs = useQuery({
    ...trpc.orchestration.jobs.forSubscriber.queryOptions({ subscriberId: id }),
    refetchInterval: (q) => ((q.state.data ?? []).some((j) => IN_FLIGHT.has(j.status)) ? 2000 : false),
  });
  const inFlight = (jobs.data ?? []).some((j) => IN_FLIGHT.has(j.status));
  const sub = useQuery({ ...trpc.subscribers.get.queryOptions({ id }), refetchInterval: inFlight ? 2000 : false });
  const [dae, setDae] = useState<{ title: string; results: DaeOutcome[] } | null>(null);
  const refresh = useCallback(() => {
    queryClient.invalidateQueries({ queryKey: trpc.subscribers.pathKey() });
    queryClient.invalidateQueries({ queryKey: trpc.radius.pathKey() });
    queryClient.invalidateQueries({ queryKey: trpc.orchestration.pathKey() });
  }, [queryClient, trpc]);
  // A workflow just finished: show the subscriber as it left it.
  useEffect(() => {
    if (!inFlight) refresh();
  }, [inFlight, refresh]);
  const showDae = (title: string, results: DaeOutcome[]) => {
    setDae({ title, results });
    const bad = results.some((r) => r.outcome !== "ACK" && r.fallback?.outcome !== "ACK");
    if (bad) toast.error(`${title}: ${describeDae(results)}`);
    else toast.success(`${title}: ${describeDae(results)}`);
  };
  const run = usePreviewedWorkflow(refresh);
  // Suspend and Restore replace each other during their workflow (the status changes before its
  // last steps). While a workflow started here runs, both show busy (aria-disabled, still
  // focusable, not disabled), so the button that appears can take focus from the one that
  // leaves, which would otherwise fall to <body>.
  const [startedBy, setStartedBy] = useState<"suspend" | "restore" | null>(null);
  const handOff = useRef<"suspend" | "restore" | null>(null);
  const takesFocus = (name: "suspend" | "restore") => (el: HTMLButtonElement | null) => {
    if (!el || handOff.current !== name) return;
    if (document.activeElement !== document.body && document.activeElement !== null) return;
    el.focus();
    if (document.activeElement === el) handOff.current = null;
  };
  const busy = inFlight && startedBy !== null;
  useEffect(() => {
    if (!inFlight) setStartedBy(null);
  }, [inFlight]);
  const [suspendReason, setSuspendReason] = useState<SuspendReason>("NON_PAYMENT");
  // Empty: today on the billing clock (the cancellation's own "today").
  const [endsOn, setEndsOn] = useState("");
  const router = useRouter();
  const key = () => crypto.randomUUID();
  const provision = useMutation(trpc.orchestration.provisionSubscriber.mutationOptions());
  const suspend = useMutation(trpc.orchestration.suspendSubscriber.mutationOptions());
  const restore = useMutation(trpc.orchestration.restoreSubscriber.mutationOptions());
  const cancellation = useQuery(trpc.subscribers.cancellation.get.queryOptions({ subscriberId: id }));
  const terminate = useMutation(trpc.subscribers.cancellation.request.mutationOptions());

  if (sub.isLoading) return <Spinner label="Loading subscriber" />;
  if (sub.error || !sub.data) return <Alert tone="danger">{errorMessage(sub.error) || "Subscriber not found"}</Alert>;
  const s = sub.data;
  const live = s.status === "ACTIVE" || s.status === "SUSPENDED";
  const actions: ReactNode[] = [];
  if (s.status === "PENDING" || s.status === "PROVISIONING_FAILED")
    // Provisioning is a workflow across RADIUS, IPAM, the OLT, the CPE and billing.
    actions.push(
      <Button
        key="provision"
        variant="primary"
        loading={provision.isPending}
        disabled={inFlight}
        onClick={() =>
          run({
            title: `Provision ${s.username}?`,
            preview: () =>
              queryClient.fetchQuery({
                ...trpc.orchestration.preview.provisionSubscriber.queryOptions({ input: { subscriberId: id } }),
                staleTime: 0,
              }),
            confirmLabel: "Provision",
            started: "Provisioning started",
            start: async () => {
              const job = await provision.mutateAsync({
                input: { subscriberId: id },
                idempotencyKey: `provision:${id}:${key()}`,
              });
              router.push(`/noc/jobs/${job.id}`);
            },
          })
        }
      >
        Provision
      </Button>,
    );
  if (s.status === "ACTIVE")
    actions.push(
      <span key="suspend" className="row">
        <Select
          aria-label="Suspension reason"
          value={suspendReason}
          onChange={(e) => setSuspendReason(e.target.value as SuspendReason)}
          options={[...SUSPEND_REASONS]}
        />
        <Button
          ref={takesFocus("suspend")}
          variant="danger"
          loading={suspend.isPending || busy}
          disabled={inFlight && !busy}
          onClick={() =>
            run({
              title: `Suspend ${s.username}?`,
              preview: () =>
                queryClient.fetchQuery({
                  ...trpc.orchestration.preview.suspendSubscriber.queryOptions({
                    input: { subscriberId: id, reason: suspendReason },
                  }),
                  staleTime: 0,
                }),
              confirmLabel: "Suspend",
              danger: true,
              started: "Suspension started",
              start: async () => {
                await suspend.mutateAsync({
                  input: { subscriberId: id, reason: suspendReason },
                  idempotencyKey: `suspend:${id}:${key()}`,
                });
                setStartedBy("suspend");
                handOff.current = "restore";
              },
            })
          }
        >
          Suspend
        </Button>
      </span>,
    );
  if (s.status === "SUSPENDED")
    actions.push(
      <Button
        key="restore"
        ref={takesFocus("restore")}
        variant="primary"
        loading={restore.isPending || busy}
        disabled={inFlight && !busy}
        onClick={() =>
          run({
            title: `Restore ${s.username}?`,
            preview: () =>
              queryClient.fetchQuery({
                ...trpc.orchestration.preview.restoreSubscriber.queryOptions({ input: { subscriberId: id } }),
                staleTime: 0,
              }),
            confirmLabel: "Restore service",
            started: "Restoration started",
            start: async () => {
              await restore.mutateAsync({ input: { subscriberId: id }, idempotencyKey: `restore:${id}:${key()}` });
              setStartedBy("restore");
              handOff.current = "suspend";
            },
          })
        }
      >
        Restore service
      </Button>,
    );
  const open = cancellation.data?.cancellation ?? null;
  const today = cancellation.data?.today ?? "";
  if (canTerminate && s.status !== "TERMINATED" && s.status !== "PROVISIONING" && !open && cancellation.data)
    actions.push(
      <span key="terminate" className="row">
        {live ? (
          <Field label="Service ends on" hint="The last billed day is the day before">
            <Input type="date" value={endsOn || today} min={today} onChange={(e) => setEndsOn(e.target.value)} />
          </Field>
        ) : null}
        <Button
          variant="danger"
          loading={terminate.isPending}
          disabled={inFlight}
          onClick={() => {
            const effectiveOn = live && endsOn ? endsOn : today;
            const input = { subscriberId: id, effectiveOn };
            const later = effectiveOn > today;
            run({
              title: live ? `Cancel ${s.username}'s service?` : `Cancel ${s.username}?`,
              intro: later ? (
                <p>The teardown is scheduled for {effectiveOn}; until then the service stays as it is.</p>
              ) : null,
              preview: async () =>
                (
                  await queryClient.fetchQuery({
                    ...trpc.subscribers.cancellation.preview.queryOptions(input),
                    staleTime: 0,
                  })
                ).plan,
              confirmLabel: later ? "Schedule cancellation" : "Terminate",
              danger: true,
              typeToConfirm: s.username,
              started: later ? `Cancellation scheduled for ${effectiveOn}` : "Teardown started",
              start: () => terminate.mutateAsync({ ...input, idempotencyKey: `cancel:${id}:${key()}` }),
            });
          }}
        >
          {live ? "Cancel service" : "Cancel subscriber"}
        </Button>
      </span>,
    );

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
      {open ? <CancellationBanner cancellation={open} canWithdraw={canTerminate} refresh={refresh} /> : null}
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
              {
                label: "IPv4",
                value: (
                  <span className="mono" data-testid="subscriber-ipv4">
                    {s.staticIpv4 ?? s.ipv4Address ?? (s.framedPool ? `BNG pool ${s.framedPool}` : null)}
                  </span>
                ),
              },
              { label: "ONU serial", value: <span className="mono">{s.onuSerial}</span> },
              { label: "CPE MAC", value: <span className="mono">{s.cpeMac}</span> },
              { label: "Activated", value: <DateTime value={s.activatedAt} /> },
            ]}
          />
        </Card>
        <PlanCard id={id} planId={s.planId} disabled={!live || inFlight} />
      </div>
      <div className="grid-2">
        <CredentialsCard id={id} username={s.username} disabled={s.status === "TERMINATED"} refresh={refresh} />
        <SessionsCard id={id} onDae={showDae} />
      </div>
      <DiagnosticsPanel subscriberId={id} canRun={canDiagnose} />
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

function PlanCard({ id, planId, disabled }: { id: string; planId: string; disabled: boolean }) {
  const trpc = useTRPC();
  const toast = useToast();
  const queryClient = useQueryClient();
  const plans = useQuery(trpc.catalog.plans.list.queryOptions({ page: 1, pageSize: 100, filters: { active: "true" } }));
  const [next, setNext] = useState("");
  const [effective, setEffective] = useState<"now" | "next_cycle">("now");
  const [previewed, setPreviewed] = useState<{ planId: string; effective: string } | null>(null);
  const input = { subscriberId: id, planId: next, effective };
  const preview = useQuery({
    ...trpc.orchestration.preview.changePlan.queryOptions({ input }),
    enabled: previewed?.planId === next && previewed.effective === effective && Boolean(next),
    staleTime: 0,
  });
  const change = useMutation(
    trpc.orchestration.changePlan.mutationOptions({
      onSuccess: () => {
        toast.success(effective === "now" ? "Plan change started" : "Plan change booked for the next cycle");
        setNext("");
        setPreviewed(null);
        queryClient.invalidateQueries({ queryKey: trpc.orchestration.pathKey() });
        queryClient.invalidateQueries({ queryKey: trpc.subscribers.pathKey() });
      },
      onError: toast.error,
    }),
  );
  const ready = preview.data && previewed?.planId === next && previewed.effective === effective;
  return (
    <Card title="Change plan" aria-label="Change plan">
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          if (!next) return;
          if (!ready) setPreviewed({ planId: next, effective });
          else if (preview.data?.ok)
            change.mutate({ input, idempotencyKey: `change-plan:${id}:${crypto.randomUUID()}` });
        }}
      >
        <p className="muted small">
          Now: RADIUS at once, a CoA-Request with the new rate to live sessions (a NAK falls back to a Disconnect), the
          ONU's bandwidth profile and a prorated bill. Next cycle: the new plan is billed and applied from the next
          billing cycle.
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
        <Field label="Effective">
          <Select
            value={effective}
            onChange={(e) => setEffective(e.target.value as "now" | "next_cycle")}
            disabled={disabled}
            options={[
              { value: "now", label: "Now (prorated)" },
              { value: "next_cycle", label: "From the next billing cycle" },
            ]}
          />
        </Field>
        {preview.error ? <Alert tone="danger">{errorMessage(preview.error)}</Alert> : null}
        {ready && preview.data ? (
          <Alert tone={preview.data.ok ? "info" : "danger"} title="Preview: nothing has changed yet">
            <SagaPlanView plan={preview.data} />
          </Alert>
        ) : null}
        <FormActions>
          {ready ? (
            <Button type="button" onClick={() => setPreviewed(null)}>
              Back
            </Button>
          ) : null}
          <Button
            type="submit"
            variant="primary"
            disabled={!next || disabled || (ready ? !preview.data?.ok : false)}
            loading={change.isPending || (previewed !== null && preview.isFetching)}
          >
            {ready ? "Change plan" : "Preview"}
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
    trpc.subscribers.applyPlanToSessions.mutationOptions({ onSuccess: (r) => onDae("CoA", r), onError: toast.error }),
  );
  return (
    <Card
      title="Live sessions"
      actions={
        <div className="row">
          <Button size="sm" loading={applyPlan.isPending} onClick={() => applyPlan.mutate({ id })}>
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

type OpenCancellation = { id: string; effectiveOn: string; status: string; jobId: string | null; reason: string };

/** A scheduled cancellation can be withdrawn until its day; a started one links its teardown. */
function CancellationBanner({
  cancellation: c,
  canWithdraw,
  refresh,
}: {
  cancellation: OpenCancellation;
  canWithdraw: boolean;
  refresh: () => void;
}) {
  const trpc = useTRPC();
  const toast = useToast();
  const confirm = useConfirm();
  const withdraw = useMutation(trpc.subscribers.cancellation.withdraw.mutationOptions());
  if (c.status === "STARTED")
    return (
      <Alert tone="warning" title={`Cancelled: the service ends on ${c.effectiveOn}`}>
        The teardown is under way {c.jobId ? <Link href={`/noc/jobs/${c.jobId}`}>(follow the job)</Link> : null}.
      </Alert>
    );
  return (
    <Alert tone="warning" title={`Cancellation scheduled for ${c.effectiveOn}`}>
      <div className="row">
        <span>Until then the service stays as it is. {c.reason ? `Reason: ${c.reason}` : null}</span>
        {canWithdraw ? (
          <Button
            loading={withdraw.isPending}
            onClick={async () => {
              const ok = await confirm({
                title: "Withdraw the cancellation?",
                body: <p>The service carries on; nothing is torn down on {c.effectiveOn}.</p>,
                confirmLabel: "Withdraw cancellation",
              });
              if (!ok) return;
              try {
                await withdraw.mutateAsync({ id: c.id });
                toast.success("Cancellation withdrawn");
                refresh();
              } catch (error) {
                toast.error(error);
              }
            }}
          >
            Withdraw cancellation
          </Button>
        ) : null}
      </div>
    </Alert>
  );
}
