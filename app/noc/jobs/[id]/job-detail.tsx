"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useConfirm } from "@/components/confirm";
import { useToast } from "@/components/toast";
import { errorMessage, useTRPC } from "@/components/trpc";
import { Alert, Button, Card, DateTime, DescriptionList, PageHeader, Spinner } from "@/components/ui";
import { formatMs, IN_FLIGHT, JobStatusBadge, progressOf, StepStatusBadge } from "../format";
import styles from "../jobs.module.css";

const RETRYABLE = new Set(["ROLLED_BACK", "ROLLBACK_FAILED", "CANCELLED"]);

function Json({ value }: { value: unknown }) {
  if (value === null || value === undefined) return <span className="muted">—</span>;
  return <pre className="code-block small">{JSON.stringify(value, null, 2)}</pre>;
}

export function JobDetail({ id }: { id: string }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const toast = useToast();
  const confirm = useConfirm();
  // Live progress: poll every second while the job moves.
  const job = useQuery({
    ...trpc.orchestration.jobs.get.queryOptions({ id }),
    refetchInterval: (q) => (q.state.data && !IN_FLIGHT.has(q.state.data.status) ? false : 1000),
  });
  const refresh = () => qc.invalidateQueries({ queryKey: trpc.orchestration.pathKey() });
  const retry = useMutation(
    trpc.orchestration.jobs.retry.mutationOptions({
      onSuccess: () => {
        toast.success("Retrying: completed steps are kept, the rest run again");
        refresh();
      },
      onError: toast.error,
    }),
  );
  const cancel = useMutation(
    trpc.orchestration.jobs.cancel.mutationOptions({
      onSuccess: () => {
        toast.success("Cancel requested: the job stops after its current step and undoes what it did");
        refresh();
      },
      onError: toast.error,
    }),
  );

  if (job.isLoading) return <Spinner label="Loading job" />;
  if (job.error || !job.data) return <Alert tone="danger">{errorMessage(job.error) || "Job not found"}</Alert>;
  const j = job.data;
  const { done, total } = progressOf(j.steps);
  const moving = IN_FLIGHT.has(j.status);
  const failed = j.failedStep ? j.steps.find((s) => s.name === j.failedStep) : null;

  const actions = (
    <div className="row">
      {RETRYABLE.has(j.status) ? (
        <Button
          variant="primary"
          loading={retry.isPending}
          onClick={async () => {
            if (
              await confirm({
                title: `Retry ${j.title.toLowerCase()}?`,
                body: "The job runs again from the first step that did not complete. Clear the cause of the failure first.",
                confirmLabel: "Retry",
              })
            )
              retry.mutate({ id });
          }}
        >
          Retry
        </Button>
      ) : null}
      {j.status === "PENDING" || j.status === "RUNNING" ? (
        <Button
          variant="danger"
          loading={cancel.isPending}
          disabled={j.cancelRequested}
          onClick={async () => {
            if (
              await confirm({
                title: `Cancel ${j.title.toLowerCase()}?`,
                body: "The job stops after the step in progress, and every step it completed is undone in reverse order.",
                confirmLabel: "Cancel job",
                cancelLabel: "Keep running",
                danger: true,
              })
            )
              cancel.mutate({ id });
          }}
        >
          {j.cancelRequested ? "Cancelling…" : "Cancel"}
        </Button>
      ) : null}
    </div>
  );

  return (
    <div className="stack">
      <PageHeader
        title={j.title}
        breadcrumbs={[{ label: "Provisioning jobs", href: "/noc/jobs" }, { label: j.id.slice(-8) }]}
        description={
          <>
            <span data-testid="job-status">
              <JobStatusBadge status={j.status} />
            </span>{" "}
            {j.subscriberId ? (
              <>
                Subscriber{" "}
                <Link href={`/noc/subscribers/${j.subscriberId}`} className="mono">
                  {j.subscriberUsername ?? j.subscriberId}
                </Link>{" "}
                ·{" "}
              </>
            ) : null}
            attempt {j.attempt}
          </>
        }
        actions={actions}
      />
      {j.alert ? (
        <Alert tone="danger" title="Rollback failed — clean up by hand">
          {j.alertReason}
        </Alert>
      ) : j.error ? (
        <Alert
          tone={j.status === "CANCELLED" ? "info" : "warning"}
          title={failed ? `Failed at: ${failed.title}` : undefined}
        >
          {j.error}
          {j.status === "ROLLED_BACK" ? " Every completed step was undone; nothing is left half-provisioned." : null}
        </Alert>
      ) : null}
      <Card
        title="Steps"
        actions={
          <span className="row small muted" aria-live="polite">
            {moving ? <Spinner /> : null}
            {done} of {total} steps done
          </span>
        }
      >
        <progress className={styles.progress} max={total} value={done} aria-label="Steps done" />
        <div className="table-scroll">
          <table className="table" data-testid="job-steps">
            <thead>
              <tr>
                <th>#</th>
                <th>Step</th>
                <th>Status</th>
                <th className="num">Attempts</th>
                <th className="num">Time</th>
                <th>Error / output</th>
              </tr>
            </thead>
            <tbody>
              {j.steps.map((s, i) => (
                <tr key={s.name} data-testid={`step-${s.name}`}>
                  <td className="muted">{i + 1}</td>
                  <td>{s.title}</td>
                  <td>
                    <StepStatusBadge status={s.status} />
                  </td>
                  <td className="num">{s.attempts}</td>
                  <td className="num">{formatMs(s.durationMs)}</td>
                  <td className="small">
                    {s.error ? <div className="text-danger">{s.error}</div> : null}
                    {s.undoError ? <div className="text-danger">Undo: {s.undoError}</div> : null}
                    {s.output !== null && s.output !== undefined ? (
                      <details>
                        <summary>Output</summary>
                        <Json value={s.output} />
                      </details>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Card>
      <div className="grid-2">
        <Card title="Details">
          <DescriptionList
            items={[
              { label: "Job id", value: <span className="mono small">{j.id}</span> },
              { label: "Workflow", value: <span className="mono">{j.type}</span> },
              { label: "Started by", value: j.createdBy },
              { label: "Created", value: <DateTime value={j.createdAt} /> },
              { label: "Started", value: <DateTime value={j.startedAt} /> },
              { label: "Finished", value: <DateTime value={j.finishedAt} /> },
            ]}
          />
        </Card>
        <Card title="Input">
          <Json value={j.input} />
        </Card>
      </div>
    </div>
  );
}
