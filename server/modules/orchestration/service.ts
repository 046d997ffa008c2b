// Orchestration jobs: start a saga, list and read jobs with their steps, retry, cancel.
import { notFound } from "@/server/errors";
import type { Prisma } from "@/server/generated/prisma/client";
import { type ListResult, orderBy, pageArgs } from "@/server/list";
import { subscriberIdsMatching, subscriberSummaries } from "@/server/modules/subscribers";
import { cancelJob, planSaga, retryJob, type SagaPlan, startJob } from "@/server/orchestration/runner";
import type { ServiceContext } from "@/server/service-context";
import { findSaga, type SagaType, sagaOf } from "./sagas";
import type { JobListInput } from "./schemas";

const SECRET_KEYS = /password|passphrase|secret|token/i;

/** A copy with secret-looking fields masked (job inputs carry initial credentials). */
export function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value && typeof value === "object")
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [
        k,
        SECRET_KEYS.test(k) ? "(hidden)" : redact(v),
      ]),
    );
  return value;
}

type JobRow = Prisma.OrchestrationJobGetPayload<{ include: { steps: true } }>;

export function presentJob(job: JobRow) {
  const saga = findSaga(job.type);
  const steps = [...job.steps].sort((a, b) => a.position - b.position);
  return {
    id: job.id,
    type: job.type,
    title: saga?.title ?? job.type,
    status: job.status,
    subscriberId: job.subscriberId,
    attempt: job.attempt,
    error: job.error,
    failedStep: job.failedStep,
    cancelRequested: job.cancelRequested,
    alert: job.alert,
    alertReason: job.alertReason,
    input: redact(job.input),
    createdBy: job.createdBy,
    createdAt: job.createdAt,
    startedAt: job.startedAt,
    finishedAt: job.finishedAt,
    updatedAt: job.updatedAt,
    steps: steps.map((s) => ({
      name: s.name,
      title: saga?.steps.find((d) => d.name === s.name)?.title ?? s.name,
      status: s.status,
      attempts: s.attempts,
      error: s.error,
      undoError: s.undoError,
      output: redact(s.output),
      durationMs: s.durationMs,
      startedAt: s.startedAt,
      finishedAt: s.finishedAt,
      undoneAt: s.undoneAt,
    })),
  };
}
export type JobView = ReturnType<typeof presentJob>;

/** The REST shape: `{job_id, status, steps:[{name,status,error}]}` (statuses lower-case). */
export function restJob(job: JobView) {
  return {
    job_id: job.id,
    type: job.type,
    status: job.status.toLowerCase(),
    subscriber_id: job.subscriberId,
    attempt: job.attempt,
    error: job.error,
    failed_step: job.failedStep,
    alert: job.alert ? job.alertReason : null,
    created_at: job.createdAt,
    finished_at: job.finishedAt,
    steps: job.steps.map((s) => ({
      name: s.name,
      status: s.status.toLowerCase(),
      attempts: s.attempts,
      error: s.error ?? s.undoError ?? null,
      duration_ms: s.durationMs,
    })),
  };
}

export async function getJob(
  svc: ServiceContext,
  id: string,
): Promise<JobView & { subscriberUsername: string | null }> {
  const job = await svc.db.orchestrationJob.findFirst({ where: { id }, include: { steps: true } });
  if (!job) throw notFound("Job");
  const usernames = await usernamesOf(svc, [job.subscriberId]);
  return {
    ...presentJob(job),
    subscriberUsername: job.subscriberId ? (usernames.get(job.subscriberId) ?? null) : null,
  };
}

export async function listJobs(
  svc: ServiceContext,
  input: JobListInput,
): Promise<ListResult<JobView & { subscriberUsername: string | null }>> {
  const where: Prisma.OrchestrationJobWhereInput = {
    ...(input.status ? { status: input.status } : {}),
    ...(input.type ? { type: input.type } : {}),
    ...(input.subscriberId ? { subscriberId: input.subscriberId } : {}),
    ...(input.alertsOnly ? { alert: true } : {}),
    ...(input.filters?.status ? { status: input.filters.status as JobListInput["status"] } : {}),
    ...(input.filters?.type ? { type: input.filters.type } : {}),
    ...(input.filters?.subscriberId && UUID.test(input.filters.subscriberId)
      ? { subscriberId: input.filters.subscriberId }
      : {}),
  };
  if (input.search) {
    const q = input.search.trim();
    // A username finds that subscriber's jobs (the subscribers' trigram search index).
    const matching = UUID.test(q) ? [] : await subscriberIdsMatching(svc, q, { anyField: true });
    where.OR = [
      { type: { contains: q, mode: "insensitive" } },
      { error: { contains: q, mode: "insensitive" } },
      ...(UUID.test(q) ? [{ id: q }, { subscriberId: q }] : []),
      ...(matching.length ? [{ subscriberId: { in: matching } }] : []),
    ];
  }
  const [rows, total] = await Promise.all([
    svc.db.orchestrationJob.findMany({
      where,
      include: { steps: true },
      orderBy: orderBy(input, ["createdAt", "status", "type", "finishedAt"] as const, { createdAt: "desc" }),
      ...pageArgs(input),
    }),
    svc.db.orchestrationJob.count({ where }),
  ]);
  const usernames = await usernamesOf(
    svc,
    rows.map((r) => r.subscriberId),
  );
  return {
    rows: rows.map((r) => ({
      ...presentJob(r),
      subscriberUsername: r.subscriberId ? (usernames.get(r.subscriberId) ?? null) : null,
    })),
    total,
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function usernamesOf(svc: ServiceContext, ids: Array<string | null>) {
  const wanted = [...new Set(ids.filter((id): id is string => Boolean(id)))];
  if (!wanted.length) return new Map<string, string>();
  const subs = await subscriberSummaries(svc, wanted);
  return new Map(subs.map((s) => [s.id, s.username]));
}

/** Starts a saga; with an idempotency key, the same request twice starts one job. */
export async function startSaga(
  svc: ServiceContext,
  type: SagaType,
  input: unknown,
  idempotencyKey?: string | null,
): Promise<JobView> {
  const { id } = await startJob(svc, sagaOf(type), input, idempotencyKey);
  return getJob(svc, id);
}

/** Dry run: each step's intended change for this input; nothing is written or sent. */
export async function previewSaga(svc: ServiceContext, type: SagaType, input: unknown): Promise<SagaPlan> {
  return planSaga(svc, sagaOf(type), input);
}

/** The REST shape of a dry run (snake_case, like the job; details with secrets masked). */
export function restPlan(plan: SagaPlan) {
  return {
    dry_run: true,
    type: plan.type,
    ok: plan.ok,
    subscriber_id: plan.subscriberId,
    steps: plan.steps.map((s) => ({
      name: s.name,
      title: s.title,
      status: s.status,
      summary: s.summary,
      details: redact(s.details ?? null),
      error: s.error ?? null,
    })),
  };
}

async function sagaOfJob(svc: ServiceContext, id: string) {
  const job = await svc.db.orchestrationJob.findFirst({ where: { id }, select: { type: true } });
  if (!job) throw notFound("Job");
  return sagaOf(job.type as SagaType);
}

export async function retry(svc: ServiceContext, id: string): Promise<JobView> {
  await retryJob(svc, await sagaOfJob(svc, id), id);
  return getJob(svc, id);
}

export async function cancel(svc: ServiceContext, id: string): Promise<JobView> {
  await cancelJob(svc, await sagaOfJob(svc, id), id);
  return getJob(svc, id);
}

/** The workflows of one subscriber, newest first (subscriber page). */
export async function subscriberJobs(svc: ServiceContext, subscriberId: string) {
  const rows = await svc.db.orchestrationJob.findMany({
    where: { subscriberId },
    include: { steps: true },
    orderBy: { createdAt: "desc" },
    take: 20,
  });
  return rows.map(presentJob);
}

/** Counts by status (jobs page header). */
export async function jobStats(svc: ServiceContext) {
  const grouped = await svc.db.orchestrationJob.groupBy({ by: ["status"], _count: { _all: true } });
  const alerts = await svc.db.orchestrationJob.count({ where: { alert: true } });
  return {
    byStatus: Object.fromEntries(grouped.map((g) => [g.status, g._count._all])) as Record<string, number>,
    alerts,
  };
}

/** The queue for monitoring: workflows waiting or running, and those that failed since `since`. */
export async function jobQueueFigures(svc: ServiceContext, since: Date) {
  const [queued, failed] = await Promise.all([
    svc.db.orchestrationJob.count({ where: { status: { in: ["PENDING", "RUNNING", "ROLLING_BACK"] } } }),
    svc.db.orchestrationJob.count({
      where: { status: { in: ["ROLLED_BACK", "ROLLBACK_FAILED"] }, updatedAt: { gte: since } },
    }),
  ]);
  return { queued, failed };
}

/** Subscribers with a workflow still in flight (their systems are legitimately half-way). */
export async function subscribersInFlight(svc: ServiceContext): Promise<Set<string>> {
  const rows = await svc.db.orchestrationJob.findMany({
    where: { status: { in: ["PENDING", "RUNNING", "ROLLING_BACK"] }, subscriberId: { not: null } },
    select: { subscriberId: true },
  });
  return new Set(rows.map((r) => r.subscriberId as string));
}
