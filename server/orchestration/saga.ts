// What a saga is: an ordered list of steps, each with `do` and (usually) `undo`. Every step
// must be idempotent — running it again changes nothing, and undoing something that was never
// done is a no-op — because a step may run more than once (retries, a worker crash between
// doing the work and recording it). `do` returns what its `undo` needs.
import type { z } from "zod";
import type { Permission } from "@/server/modules/identity";
import type { ServiceContext } from "@/server/service-context";

export type SagaContext<I> = {
  svc: ServiceContext;
  jobId: string;
  /** The job's attempt (1 on the first run, +1 per retry of the job). */
  jobAttempt: number;
  input: I;
  /** Outputs of the steps completed so far, by step name. */
  outputs: Record<string, unknown>;
  /** The subscriber the job acts on (set by the step that creates it, for provisioning). */
  subscriberId: string | null;
  /** Aborted when the attempt times out: long work should stop and not commit after it. */
  signal: AbortSignal;
};

/** What a step would change (dry run), read without side effects. */
export type StepPlan = {
  /** One sentence: what the step would do. */
  summary: string;
  /** The step would change nothing (it is already done). */
  noChange?: boolean;
  /** The concrete change: rows, address, profile, amounts. */
  details?: unknown;
};

export type PlanContext<I> = {
  svc: ServiceContext;
  input: I;
  /** The subscriber the job would act on; null while a new one would still be created. */
  subscriberId: string | null;
};

export type SagaStep<I> = {
  name: string;
  /** Shown in the UI. */
  title: string;
  /** Attempts after the first before the step counts as failed. */
  retries: number;
  /** An attempt that takes longer fails (and is retried). */
  timeoutMs: number;
  /**
   * A non-critical step's failure is recorded but does not roll the saga back (e.g. the
   * welcome notification after the service is already live).
   */
  optional?: boolean;
  /** When true for this job, the step is skipped (recorded as SKIPPED) and has nothing to undo. */
  skip?(ctx: { input: I }): boolean;
  /** Dry run: what `do` would change, without changing anything (reads only). */
  plan(ctx: PlanContext<I>): Promise<StepPlan>;
  do(ctx: SagaContext<I>): Promise<unknown>;
  /** Reverses `do`. Receives `do`'s output, or null if `do` failed or timed out part-way. */
  undo?(ctx: SagaContext<I>, output: unknown): Promise<unknown>;
};

export type Saga<I = unknown> = {
  type: string;
  title: string;
  input: z.ZodType<I>;
  /** Permission to start, retry or cancel a job of this saga. */
  permission: Permission;
  /** The subscriber an input refers to, when it already exists. */
  subscriberOf(input: I): string | null;
  /**
   * What two jobs must not run at the same time on (the executor's concurrency key):
   * the subscriber, or for a new one what identifies it (its ONU serial).
   */
  lockKeyOf(input: I, jobId: string): string;
  /**
   * Completes the input when the job is created (e.g. records the plan a change starts from).
   * Reads only: a dry run calls it too.
   */
  prepare?(svc: ServiceContext, input: I): Promise<I>;
  steps: SagaStep<I>[];
};

export const sagaEvent = (type: string) => `orchestration/${type}.requested`;

export function defineSaga<I>(saga: Saga<I>): Saga<I> {
  const names = new Set<string>();
  for (const s of saga.steps) {
    if (names.has(s.name)) throw new Error(`Saga ${saga.type} has two steps named ${s.name}`);
    if (/^(begin|complete|rollback|finish|undo:)/.test(s.name)) throw new Error(`Saga step name ${s.name} is reserved`);
    names.add(s.name);
  }
  return saga;
}
