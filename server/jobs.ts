// The jobs port: how modules start durable work and declare the work they own, without
// knowing what runs it (the embedded executor or a real Inngest, both in inngest/).
//
//   await enqueueJob(tx, BILLING_RUN_EVENT, { tenantId, runId }, { id: `billing-run:${runId}` });
//
// An enqueued event is a row in the outbox (ExecutorEvent), written with the caller's client —
// inside the caller's transaction when it passes one, so the work starts if and only if the
// caller commits. The executor's dispatcher, or the relay to a real Inngest, picks it up.
//
//   export const billingJobs = [defineJob({ id: "billing-run", trigger: { event: BILLING_RUN_EVENT },
//     async run({ event, step, tenant }) { ... step.run("batch-0", () => …) ... } })];
//
// Each module lists its jobs in its jobs.ts and exports them from its face; inngest/functions
// registers them all.
import { randomUUID } from "node:crypto";
import { EventEmitter } from "node:events";
import type { DbTx } from "./db";
import type { ServiceContext } from "./service-context";
import { crossTenantSql, type RawClient } from "./sql";

export type JobEvent<D = Record<string, unknown>> = { id: string; name: string; data: D; ts: number };

/** The durable steps of a job: each `run` is retried on failure and never repeated once done. */
export type JobSteps = {
  run<T>(id: string, work: () => Promise<T> | T): Promise<Jsonified<T>>;
  sleep(id: string, duration: string | number): Promise<void>;
};

export type JobRun = {
  event: JobEvent;
  step: JobSteps;
  /** The attempt of the step being tried (0 on the first try). */
  attempt: number;
  /** A tenant's context for this job's work (actor "system:<job id>"). */
  tenant(tenantId: string): ServiceContext;
};

export type JobDefinition = {
  id: string;
  name?: string;
  /** An event name ("billing/run.requested") or a cron expression ("0 2 * * *"). */
  trigger: { event: string } | { cron: string };
  /** Attempts per step after the first (default 3). */
  retries?: number;
  /** At most `limit` runs at once per value of `key` (an Inngest expression, e.g. "event.data.jobId"). */
  concurrency?: { key: string; limit: number; scope?: "fn" | "env" };
  run(job: JobRun): Promise<unknown>;
};

export function defineJob(job: JobDefinition): JobDefinition {
  return job;
}

/** A failure no retry can fix: the step (or job) fails at once. */
export class PermanentJobError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "PermanentJobError";
  }
}

export type EnqueueOptions = {
  /** Idempotency key: a second event with the same id starts nothing. */
  id?: string;
  /** Start the work at this time instead of now. */
  at?: Date;
};

export type Enqueued = { eventId: string; duplicate: boolean };

/** In-process signal that events were written (the dispatcher wakes up instead of polling). */
export const jobsEnqueued = new EventEmitter();
jobsEnqueued.setMaxListeners(100);

/** Any client or transaction (tenant-scoped or not): the outbox write is one raw statement. */
export type OutboxClient = RawClient;

/** Writes an event to the outbox with `client` (the caller's transaction, or the database). */
export async function enqueueJob(
  client: OutboxClient,
  name: string,
  data: Record<string, unknown>,
  options: EnqueueOptions = {},
): Promise<Enqueued> {
  const eventId = options.id ?? randomUUID();
  const ts = options.at ?? new Date();
  // The outbox serves every tenant: the tenant travels in the event's data.
  const inserted = await crossTenantSql(client).query<{ id: string }[]>`
    INSERT INTO "ExecutorEvent" (id, name, data, ts)
    VALUES (${eventId}, ${name}, ${JSON.stringify(data)}::jsonb, ${ts})
    ON CONFLICT (id) DO NOTHING RETURNING id`;
  jobsEnqueued.emit("enqueued");
  return { eventId, duplicate: inserted.length === 0 };
}

/** What a step's result looks like after it was stored as JSON (dates become strings). */
export type Jsonified<T> = T extends Date
  ? string
  : T extends bigint
    ? never
    : T extends (infer U)[]
      ? Jsonified<U>[]
      : T extends object
        ? { [K in keyof T as T[K] extends (...args: never[]) => unknown ? never : K]: Jsonified<T[K]> }
        : T;
