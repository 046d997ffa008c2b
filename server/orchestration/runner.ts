// The saga runner: what each durable step of a saga's job does to the OrchestrationJob and
// its step rows. The job (./saga-job.ts) only sequences these; everything here is plain
// service code, so it runs the same on a real Inngest and on the embedded executor, and every
// status the UI shows is written here.

import { decryptSecret, encryptSecret, isEncrypted } from "@/server/crypto";
import { Prisma } from "@/server/db";
import { conflict, DomainError, notFound } from "@/server/errors";
import type { OrchestrationJobStatus } from "@/server/generated/prisma/enums";
import { withIdempotency } from "@/server/idempotency";
import { enqueueJob, PermanentJobError } from "@/server/jobs";
import { recordAudit } from "@/server/modules/audit";
import { publishWebhookEvent } from "@/server/modules/webhooks";
import { type ServiceContext, systemContext, tenantContext } from "@/server/service-context";
import { tenantSql } from "@/server/sql";
import { type Saga, type SagaContext, type SagaStep, type StepPlan, sagaEvent } from "./saga";

export type JobEventData = { tenantId: string; jobId: string; attempt: number; lockKey: string };

type Job = Prisma.OrchestrationJobGetPayload<{ include: { steps: true } }>;

const SECRET_FIELDS = /password|passphrase|secret|token/i;

/**
 * A job's input as stored: secret fields (a provisioning password, a Wi-Fi passphrase) sealed
 * with the installation's key, the rest readable (issue #11.11). `unsealJobInput` reverses it.
 */
export function sealJobInput(value: unknown, secret = false): unknown {
  // A date (a cancellation's end of billing) is stored as its ISO string, not as an object.
  if (value instanceof Date) return value;
  if (Array.isArray(value)) return value.map((v) => sealJobInput(v, secret));
  if (value && typeof value === "object")
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, sealJobInput(v, secret || SECRET_FIELDS.test(k))]),
    );
  return secret && typeof value === "string" && !isEncrypted(value) ? encryptSecret(value) : value;
}

export function unsealJobInput(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(unsealJobInput);
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, unsealJobInput(v)]));
  return isEncrypted(value) ? decryptSecret(value) : value;
}

const json = (v: unknown): Prisma.InputJsonValue | typeof Prisma.JsonNull =>
  v === undefined || v === null ? Prisma.JsonNull : (JSON.parse(JSON.stringify(v)) as Prisma.InputJsonValue);

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === "object" && error && "message" in error) return String((error as { message: unknown }).message);
  return String(error);
}

/** Errors that another attempt cannot fix: bad input, a conflict, something missing. */
function permanent(error: unknown): boolean {
  return error instanceof DomainError && error.code !== "UNAVAILABLE";
}

class StepTimeout extends Error {
  constructor(step: string, ms: number) {
    super(`${step} did not finish within ${ms} ms`);
    this.name = "StepTimeout";
  }
}

/**
 * Runs `work` with a deadline. On timeout the step's signal is aborted and the work gets a
 * short grace to settle (so a write in flight lands before the undo runs) before the attempt
 * counts as failed.
 */
async function withTimeout<T>(work: (signal: AbortSignal) => Promise<T>, ms: number, step: string): Promise<T> {
  const controller = new AbortController();
  const running = work(controller.signal);
  let timer: NodeJS.Timeout | undefined;
  const timedOut = Symbol("timeout");
  try {
    const result = await Promise.race([
      running,
      new Promise<typeof timedOut>((resolve) => {
        timer = setTimeout(() => resolve(timedOut), ms);
      }),
    ]);
    if (result !== timedOut) return result as T;
  } finally {
    clearTimeout(timer);
  }
  controller.abort(new StepTimeout(step, ms));
  await Promise.race([running.catch(() => {}), new Promise((r) => setTimeout(r, Math.min(ms, 5000)))]);
  throw new StepTimeout(step, ms);
}

/** The service context a job's steps act with: its tenant, as the orchestration of its type. */
export function jobSvc(tenantId: string, job: { type: string; createdBy: string | null }): ServiceContext {
  return tenantContext(tenantId, {
    userId: null,
    label: `system:orchestration/${job.type}${job.createdBy ? ` for ${job.createdBy}` : ""}`,
    ip: null,
  });
}

/** The tenant's database for the runner's own rows (jobs and steps). */
const jobDb = (tenantId: string) => systemContext(tenantId, "orchestration").db;

async function loadJob(tenantId: string, jobId: string): Promise<Job> {
  const job = await jobDb(tenantId).orchestrationJob.findFirst({
    where: { id: jobId },
    include: { steps: { orderBy: { position: "asc" } } },
  });
  if (!job) throw new PermanentJobError(`Orchestration job ${jobId} was not found`);
  return job;
}

function contextOf<I>(saga: Saga<I>, tenantId: string, job: Job): SagaContext<I> {
  return {
    svc: jobSvc(tenantId, job),
    jobId: job.id,
    jobAttempt: job.attempt,
    input: saga.input.parse(unsealJobInput(job.input)),
    outputs: (job.outputs ?? {}) as Record<string, unknown>,
    subscriberId: job.subscriberId,
    signal: new AbortController().signal,
  };
}

function stepOf<I>(saga: Saga<I>, name: string): SagaStep<I> {
  const step = saga.steps.find((s) => s.name === name);
  if (!step) throw new PermanentJobError(`Saga ${saga.type} has no step ${name}`);
  return step;
}

/** Enqueues the event that runs attempt `attempt` of a job, in the caller's transaction. */
async function dispatch(
  saga: Saga<never> | Saga<unknown>,
  data: JobEventData,
  tx: Prisma.TransactionClient,
): Promise<string> {
  const sent = await enqueueJob(tx, sagaEvent(saga.type), data, { id: `${data.jobId}:${data.attempt}` });
  return sent.eventId;
}

// ---------------------------------------------------------------------------------------
// Dry run

export type PlannedStep = {
  name: string;
  title: string;
  /** change: would act; no_change: already done; skipped: not part of this job; fails: would
   * fail (and roll the job back); not_reached: after a failing step. */
  status: "change" | "no_change" | "skipped" | "fails" | "not_reached";
  summary: string;
  details?: unknown;
  error?: string;
};

export type SagaPlan = { type: string; title: string; subscriberId: string | null; ok: boolean; steps: PlannedStep[] };

/**
 * Each step's intended change for this input, with no side effect: `prepare` and every step's
 * `plan` only read. A step that would fail is reported as such, with its message.
 */
export async function planSaga<I>(svc: ServiceContext, saga: Saga<I>, rawInput: unknown): Promise<SagaPlan> {
  const parsed = saga.input.parse(rawInput);
  const input = saga.prepare ? await saga.prepare(svc, parsed) : parsed;
  const ctx = { svc, input, subscriberId: saga.subscriberOf(input) };
  const steps: PlannedStep[] = [];
  let failed = false;
  for (const step of saga.steps) {
    const base = { name: step.name, title: step.title };
    if (failed) {
      steps.push({ ...base, status: "not_reached", summary: "Not reached: an earlier step would fail" });
      continue;
    }
    if (step.skip?.(ctx)) {
      steps.push({ ...base, status: "skipped", summary: "Skipped for this request" });
      continue;
    }
    let planned: StepPlan;
    try {
      planned = await step.plan(ctx);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      steps.push({ ...base, status: "fails", summary: `Would fail: ${error.message}`, error: error.message });
      // An optional step's failure does not stop the job.
      failed = !step.optional;
      continue;
    }
    steps.push({
      ...base,
      status: planned.noChange ? "no_change" : "change",
      summary: planned.summary,
      ...(planned.details === undefined ? {} : { details: planned.details }),
    });
  }
  return { type: saga.type, title: saga.title, subscriberId: ctx.subscriberId, ok: !failed, steps };
}

// ---------------------------------------------------------------------------------------
// Starting, retrying and cancelling jobs (called by the jobs service)

/** One job at a time per subject — per tenant: another tenant's id must never share a lock. */
function lockKey<I>(svc: ServiceContext, saga: Saga<I>, input: I, jobId: string) {
  return `${svc.tenantId}:${saga.lockKeyOf(input, jobId)}`;
}

export async function createJob<I>(svc: ServiceContext, saga: Saga<I>, rawInput: unknown): Promise<{ id: string }> {
  const parsed = saga.input.parse(rawInput);
  const input = saga.prepare ? await saga.prepare(svc, parsed) : parsed;
  const job = await svc.db.$transaction(async (tx) => {
    const created = await tx.orchestrationJob.create({
      data: {
        tenantId: svc.tenantId,
        type: saga.type,
        subscriberId: saga.subscriberOf(input),
        input: json(sealJobInput(input)) as Prisma.InputJsonValue,
        createdBy: svc.actor.label,
        steps: {
          create: saga.steps.map((s, position) => ({ tenantId: svc.tenantId, position, name: s.name })),
        },
      },
    });
    await recordAudit(tx, {
      tenantId: svc.tenantId,
      actor: svc.actor,
      action: `orchestration.${saga.type}.start`,
      targetType: "OrchestrationJob",
      targetId: created.id,
      after: { type: saga.type, subscriberId: created.subscriberId },
    });
    const data = {
      tenantId: svc.tenantId,
      jobId: created.id,
      attempt: 1,
      lockKey: lockKey(svc, saga, input, created.id),
    };
    const runId = await dispatch(saga as Saga<unknown>, data, tx as unknown as Prisma.TransactionClient);
    await tx.orchestrationJob.update({ where: { id: created.id }, data: { runId } });
    return created;
  });
  return { id: job.id };
}

/** Starts a job of `saga`; with an idempotency key, the same request twice starts one job. */
export async function startJob<I>(
  svc: ServiceContext,
  saga: Saga<I>,
  input: unknown,
  idempotencyKey?: string | null,
): Promise<{ id: string }> {
  const parsed = saga.input.parse(input);
  return withIdempotency(svc, `orchestration.${saga.type}`, idempotencyKey, parsed, () => createJob(svc, saga, parsed));
}

const RETRYABLE: OrchestrationJobStatus[] = ["ROLLED_BACK", "ROLLBACK_FAILED", "CANCELLED"];
/** A job that has not moved for this long is considered stuck and may be retried. */
const STUCK_MS = 15 * 60_000;

export async function retryJob<I>(svc: ServiceContext, saga: Saga<I>, jobId: string) {
  await svc.db.$transaction(async (tx) => {
    const [locked] = await tenantSql(tx, svc.tenantId).query<{ id: string }[]>`
      SELECT id FROM "OrchestrationJob" WHERE id = ${jobId}::uuid AND "tenantId" = ${svc.tenantId}::uuid FOR UPDATE`;
    const job = locked && (await tx.orchestrationJob.findFirst({ where: { id: jobId } }));
    if (!job) throw notFound("Job");
    const stuck = ["PENDING", "RUNNING"].includes(job.status) && Date.now() - job.updatedAt.getTime() > STUCK_MS;
    if (!RETRYABLE.includes(job.status) && !stuck) {
      throw conflict(
        job.status === "COMPLETED"
          ? "This job has completed; there is nothing to retry"
          : `This job is ${job.status.toLowerCase().replace("_", " ")}; wait for it to finish before retrying`,
      );
    }
    const attempt = job.attempt + 1;
    await tx.orchestrationJobStep.updateMany({
      where: { jobId, status: { not: "COMPLETED" } },
      data: { status: "PENDING", error: null, undoError: null, startedAt: null, finishedAt: null, undoneAt: null },
    });
    await tx.orchestrationJob.update({
      where: { id: jobId },
      data: {
        attempt,
        status: "PENDING",
        error: null,
        failedStep: null,
        cancelRequested: false,
        finishedAt: null,
      },
    });
    await recordAudit(tx, {
      tenantId: svc.tenantId,
      actor: svc.actor,
      action: `orchestration.${saga.type}.retry`,
      targetType: "OrchestrationJob",
      targetId: jobId,
      before: { status: job.status, attempt: job.attempt },
      after: { status: "PENDING", attempt },
    });
    const input = saga.input.parse(unsealJobInput(job.input));
    const data = { tenantId: svc.tenantId, jobId, attempt, lockKey: lockKey(svc, saga, input, jobId) };
    const runId = await dispatch(saga as Saga<unknown>, data, tx as unknown as Prisma.TransactionClient);
    await tx.orchestrationJob.update({ where: { id: jobId }, data: { runId } });
  });
  return { id: jobId };
}

export async function cancelJob<I>(svc: ServiceContext, saga: Saga<I>, jobId: string) {
  return svc.db.$transaction(async (tx) => {
    const job = await tx.orchestrationJob.findFirst({ where: { id: jobId } });
    if (!job) throw notFound("Job");
    if (!["PENDING", "RUNNING"].includes(job.status))
      throw conflict(
        `This job is ${job.status.toLowerCase().replace("_", " ")}; only pending or running jobs can be cancelled`,
      );
    if (job.cancelRequested) return { id: jobId };
    await tx.orchestrationJob.update({ where: { id: jobId }, data: { cancelRequested: true } });
    await recordAudit(tx, {
      tenantId: svc.tenantId,
      actor: svc.actor,
      action: `orchestration.${saga.type}.cancel`,
      targetType: "OrchestrationJob",
      targetId: jobId,
      before: { status: job.status },
      after: { cancelRequested: true },
    });
    return { id: jobId };
  });
}

// ---------------------------------------------------------------------------------------
// The steps of a saga function

export type BeginResult = { skip: true; reason: string } | { skip: false; completed: string[] };

/** Marks the job running. A stale event (older attempt, finished job) runs nothing. */
export async function beginAttempt(data: JobEventData): Promise<BeginResult> {
  const job = await loadJob(data.tenantId, data.jobId);
  if (job.attempt !== data.attempt) return { skip: true, reason: `superseded by attempt ${job.attempt}` };
  if (!["PENDING", "RUNNING"].includes(job.status)) return { skip: true, reason: `job is ${job.status}` };
  await jobDb(data.tenantId).orchestrationJob.update({
    where: { id: job.id },
    data: { status: "RUNNING", startedAt: job.startedAt ?? new Date() },
  });
  return { skip: false, completed: job.steps.filter((s) => s.status === "COMPLETED").map((s) => s.name) };
}

export type StepResult = { cancelled: true } | { cancelled: false; output: unknown };

function assertCurrent(job: Job, data: JobEventData) {
  if (job.attempt !== data.attempt)
    throw new PermanentJobError(`Attempt ${data.attempt} of job ${job.id} was superseded by attempt ${job.attempt}`);
}

/**
 * Runs one step's `do` (one attempt). Success records the output; a failure records the
 * error and is rethrown — as final (PermanentJobError) once the step's retries are used up
 * or when retrying cannot help — so the function moves on to the rollback.
 */
export async function runSagaStep<I>(
  saga: Saga<I>,
  data: JobEventData,
  name: string,
  attempt: number,
): Promise<StepResult> {
  const job = await loadJob(data.tenantId, data.jobId);
  assertCurrent(job, data);
  const row = job.steps.find((s) => s.name === name);
  if (!row) throw new PermanentJobError(`Job ${job.id} has no step ${name}`);
  if (row.status === "COMPLETED") return { cancelled: false, output: row.output };
  if (job.cancelRequested) return { cancelled: true };
  const step = stepOf(saga, name);
  const ctx = contextOf(saga, data.tenantId, job);
  const startedAt = new Date();
  const client = jobDb(data.tenantId);
  if (step.skip?.(ctx)) {
    await client.orchestrationJobStep.update({
      where: { id: row.id },
      data: { status: "SKIPPED", finishedAt: startedAt },
    });
    return { cancelled: false, output: null };
  }
  await client.orchestrationJobStep.update({
    where: { id: row.id },
    data: { status: "RUNNING", attempts: { increment: 1 }, startedAt, finishedAt: null },
  });
  try {
    const output = (await withTimeout((signal) => step.do({ ...ctx, signal }), step.timeoutMs, step.title)) ?? null;
    const learned =
      !job.subscriberId && output && typeof (output as { subscriberId?: unknown }).subscriberId === "string"
        ? (output as { subscriberId: string }).subscriberId
        : undefined;
    await client.$transaction([
      client.orchestrationJobStep.update({
        where: { id: row.id },
        data: {
          status: "COMPLETED",
          output: json(output),
          error: null,
          finishedAt: new Date(),
          durationMs: Date.now() - startedAt.getTime(),
        },
      }),
      client.orchestrationJob.update({
        where: { id: job.id },
        data: {
          outputs: json({ ...ctx.outputs, [name]: output }) as Prisma.InputJsonValue,
          ...(learned ? { subscriberId: learned } : {}),
        },
      }),
    ]);
    return { cancelled: false, output };
  } catch (error) {
    const message = errorMessage(error);
    const final = attempt >= step.retries || permanent(error);
    await client.orchestrationJobStep.update({
      where: { id: row.id },
      data: {
        status: final ? "FAILED" : "RUNNING",
        error: final ? message : `Attempt ${attempt + 1} of ${step.retries + 1} failed: ${message}`,
        finishedAt: new Date(),
        durationMs: Date.now() - startedAt.getTime(),
      },
    });
    if (final) {
      // An optional step's failure is recorded and the saga carries on.
      if (step.optional) return { cancelled: false, output: { failed: true, error: message } };
      throw new PermanentJobError(`${step.title}: ${message}`);
    }
    throw new Error(`${step.title}: ${message}`);
  }
}

export type Failure = { step: string | null; message: string; cancelled: boolean };

/** Marks the job rolling back and returns the steps to undo, last done first. */
export async function beginRollback<I>(saga: Saga<I>, data: JobEventData, failure: Failure): Promise<string[]> {
  const job = await loadJob(data.tenantId, data.jobId);
  assertCurrent(job, data);
  await jobDb(data.tenantId).orchestrationJob.update({
    where: { id: job.id },
    data: {
      status: "ROLLING_BACK",
      error: failure.cancelled ? `Cancelled: ${failure.message}` : failure.message,
      failedStep: failure.step,
    },
  });
  // Completed steps, and the failed one (it may have done part of its work before failing).
  return job.steps
    .filter((s) => s.status === "COMPLETED" || s.status === "FAILED" || s.status === "RUNNING")
    .filter((s) => stepOf(saga, s.name).undo)
    .sort((a, b) => b.position - a.position)
    .map((s) => s.name);
}

/** Runs one step's `undo` (one attempt); failures are recorded and rethrown like `do`'s. */
export async function runSagaUndo<I>(saga: Saga<I>, data: JobEventData, name: string, attempt: number) {
  const job = await loadJob(data.tenantId, data.jobId);
  assertCurrent(job, data);
  const row = job.steps.find((s) => s.name === name);
  if (!row) throw new PermanentJobError(`Job ${job.id} has no step ${name}`);
  if (row.undoneAt) return { undone: true };
  const step = stepOf(saga, name);
  const ctx = contextOf(saga, data.tenantId, job);
  const wasCompleted = row.status === "COMPLETED" || row.status === "UNDOING";
  const client = jobDb(data.tenantId);
  if (wasCompleted) await client.orchestrationJobStep.update({ where: { id: row.id }, data: { status: "UNDOING" } });
  try {
    await withTimeout(
      (signal) => (step.undo as NonNullable<typeof step.undo>)({ ...ctx, signal }, wasCompleted ? row.output : null),
      step.timeoutMs,
      `Undo of ${step.title}`,
    );
    await client.orchestrationJobStep.update({
      where: { id: row.id },
      data: { status: wasCompleted ? "UNDONE" : row.status, undoneAt: new Date(), undoError: null },
    });
    return { undone: true };
  } catch (error) {
    const message = errorMessage(error);
    const final = attempt >= step.retries || permanent(error);
    await client.orchestrationJobStep.update({
      where: { id: row.id },
      data: {
        ...(final ? { status: "UNDO_FAILED" as const } : {}),
        undoError: final ? message : `Attempt ${attempt + 1} of ${step.retries + 1} failed: ${message}`,
      },
    });
    if (final) throw new PermanentJobError(`Undo of ${step.title}: ${message}`);
    throw new Error(`Undo of ${step.title}: ${message}`);
  }
}

/** The end of a job: completed, or rolled back / rollback failed / cancelled. */
export async function finishJob<I>(saga: Saga<I>, data: JobEventData, outcome: "completed" | "rolled_back") {
  const job = await loadJob(data.tenantId, data.jobId);
  assertCurrent(job, data);
  const client = jobDb(data.tenantId);
  if (outcome === "completed") {
    await client.orchestrationJob.update({
      where: { id: job.id },
      data: { status: "COMPLETED", finishedAt: new Date(), error: null, failedStep: null },
    });
    return { status: "COMPLETED" as const };
  }
  const undoFailed = job.steps.filter((s) => s.status === "UNDO_FAILED");
  const status: OrchestrationJobStatus = undoFailed.length
    ? "ROLLBACK_FAILED"
    : job.cancelRequested && !job.failedStep
      ? "CANCELLED"
      : "ROLLED_BACK";
  const alertReason = undoFailed.length
    ? `Rollback could not undo ${undoFailed.map((s) => `${s.name} (${s.undoError})`).join("; ")}. Clean up by hand, then retry the job.`
    : null;
  await client.$transaction(async (tx) => {
    await tx.orchestrationJobStep.updateMany({
      where: { jobId: job.id, status: "PENDING" },
      data: { status: "SKIPPED" },
    });
    await tx.orchestrationJob.update({
      where: { id: job.id },
      data: { status, finishedAt: new Date(), alert: Boolean(alertReason), alertReason },
    });
    if (status !== "CANCELLED")
      await publishWebhookEvent(tx, data.tenantId, "job.failed", {
        job_id: job.id,
        type: saga.type,
        status: status.toLowerCase(),
        subscriber_id: job.subscriberId,
        failed_step: job.failedStep,
        error: job.error,
        alert: alertReason,
      });
    if (alertReason)
      await recordAudit(tx, {
        tenantId: data.tenantId,
        actor: jobSvc(data.tenantId, job).actor,
        action: `orchestration.${saga.type}.rollback_failed`,
        targetType: "OrchestrationJob",
        targetId: job.id,
        after: { failedStep: job.failedStep, error: job.error, alertReason },
      });
  });
  return { status };
}
