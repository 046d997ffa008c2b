// One pass of an Inngest function, driven by the SDK's own execution engine: the function
// is re-run from the top with the memoized results of the steps completed so far, and the
// SDK reports what happened next — a step ran (or failed), a sleep was found, or the
// function resolved/rejected. The executor persists the outcome and runs the next pass.
import type { InngestFunction } from "inngest";
import { errors, type InngestExecution, InngestExecutionEngine, ServerTiming, types } from "inngest/internals";

const { StepMode, StepOpCode } = types;

export type MemoizedStep = { hashedId: string; data?: unknown; error?: unknown };

export type EventPayload = { id: string; name: string; data: Record<string, unknown>; ts: number };

export type PassInput = {
  fn: InngestFunction.Any;
  runId: string;
  event: EventPayload;
  /** Completed steps in completion order. */
  steps: MemoizedStep[];
  /** Attempt of the step or function body being tried now, from 0. */
  attempt: number;
  /** Total attempts allowed per step (retries + 1). */
  maxAttempts: number;
  /** Run this planned step (parallel steps are run one at a time). */
  requestedRunStep?: string;
};

export type PassOutcome =
  | { type: "step-completed"; hashedId: string; name: string; data: unknown }
  | {
      type: "step-failed";
      hashedId: string;
      name: string;
      error: SerializedError;
      /** No more attempts: the error is memoized and the function sees a StepError. */
      final: boolean;
      retryAfterMs?: number;
    }
  | { type: "sleep"; hashedId: string; name: string; until: Date }
  | { type: "resolved"; data: unknown }
  | { type: "rejected"; error: SerializedError; final: boolean; retryAfterMs?: number };

export type SerializedError = { name: string; message: string; stack?: string; [k: string]: unknown };

/** Inngest's own step id hashing (memoized state is keyed by it). */
export const hashStepId = (id: string): string => InngestExecutionEngine._internals.hashId(id);

/** Total attempts per step for a function: Inngest's `retries` (default 3) + 1. */
export function maxAttemptsOf(fn: InngestFunction.Any): number {
  const retries = (fn.opts as { retries?: number }).retries;
  return (typeof retries === "number" ? retries : 3) + 1;
}

const UNITS: Record<string, number> = { w: 604_800_000, d: 86_400_000, h: 3_600_000, m: 60_000, s: 1000, ms: 1 };

/** "1h30m", "10s", an ISO date, or a number of ms → milliseconds from `now`. */
export function durationMs(value: unknown, now: Date): number | undefined {
  if (typeof value === "number") return value;
  if (typeof value !== "string" || !value) return undefined;
  const parts = [...value.matchAll(/(\d+(?:\.\d+)?)(ms|w|d|h|m|s)/g)];
  if (parts.length && parts.map((p) => p[0]).join("") === value) {
    return parts.reduce((sum, [, n, unit]) => sum + Number(n) * (UNITS[unit as string] ?? 0), 0);
  }
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
}

function serialized(error: unknown): SerializedError {
  const s = errors.serializeError(error) as unknown as SerializedError;
  return { ...s, name: s.name ?? "Error", message: s.message ?? String(error) };
}

type OutgoingOp = {
  id: string;
  op: string;
  name?: string;
  displayName?: string;
  data?: unknown;
  error?: unknown;
  userland?: { id?: string };
};

const stepName = (op: OutgoingOp) => op.displayName ?? op.userland?.id ?? op.name ?? op.id;

async function execute(input: PassInput) {
  const stepState: Record<string, { id: string; data?: unknown; error?: unknown }> = {};
  for (const s of input.steps) {
    stepState[s.hashedId] =
      s.error !== undefined ? { id: s.hashedId, error: s.error } : { id: s.hashedId, data: s.data };
  }
  const createExecution = (
    input.fn as unknown as {
      createExecution(o: {
        partialOptions: InngestExecution.InngestExecutionOptions;
      }): InngestExecution.IInngestExecution;
    }
  ).createExecution.bind(input.fn);
  const execution = createExecution({
    partialOptions: {
      client: (input.fn as unknown as { client: InngestExecution.InngestExecutionOptions["client"] }).client,
      fn: input.fn,
      runId: input.runId,
      data: {
        runId: input.runId,
        attempt: input.attempt,
        maxAttempts: input.maxAttempts,
        event: input.event,
        events: [input.event],
      } as unknown as InngestExecution.InngestExecutionOptions["data"],
      stepState,
      stepCompletionOrder: input.steps.map((s) => s.hashedId),
      stepMode: StepMode.Async,
      requestedRunStep: input.requestedRunStep,
      disableImmediateExecution: false,
      handlerKind: "main",
      reqArgs: [],
      headers: {},
      timer: new ServerTiming.ServerTiming(console),
    },
  });
  return execution.start();
}

function retryAfter(retriable: unknown, now: Date): number | undefined {
  return typeof retriable === "string" ? durationMs(retriable, now) : undefined;
}

/** Runs one pass and says what happened. Never throws for errors of the function itself. */
export async function runPass(input: PassInput, now = new Date()): Promise<PassOutcome> {
  const result = await execute(input);
  switch (result.type) {
    case "function-resolved":
      return { type: "resolved", data: result.data ?? null };
    case "function-rejected":
      return {
        type: "rejected",
        error: serialized(result.error),
        final: result.retriable === false,
        retryAfterMs: retryAfter(result.retriable, now),
      };
    case "step-ran": {
      const op = result.step as OutgoingOp;
      if (op.op === StepOpCode.StepError || op.op === StepOpCode.StepFailed) {
        const final = op.op === StepOpCode.StepFailed;
        return {
          type: "step-failed",
          hashedId: op.id,
          name: stepName(op),
          error: serialized(op.error),
          final,
          retryAfterMs: final ? undefined : retryAfter(result.retriable, now),
        };
      }
      return { type: "step-completed", hashedId: op.id, name: stepName(op), data: op.data ?? null };
    }
    case "steps-found": {
      const steps = result.steps as OutgoingOp[];
      const planned = steps.find((s) => s.op === StepOpCode.StepPlanned);
      if (planned && !input.requestedRunStep) return runPass({ ...input, requestedRunStep: planned.id }, now);
      const sleep = steps.find((s) => s.op === StepOpCode.Sleep);
      if (sleep) {
        const ms = durationMs(sleep.name, now) ?? 0;
        return { type: "sleep", hashedId: sleep.id, name: stepName(sleep), until: new Date(now.getTime() + ms) };
      }
      const ops = steps.map((s) => s.op).join(", ");
      return {
        type: "rejected",
        final: true,
        error: {
          name: "UnsupportedStepError",
          message: `The embedded executor supports step.run, step.sendEvent, step.sleep and step.sleepUntil; this function used ${ops}. Run it on a real Inngest (INNGEST_BASE_URL) or use the supported steps.`,
        },
      };
    }
    case "step-not-found":
      return {
        type: "rejected",
        final: true,
        error: {
          name: "StepNotFoundError",
          message: `Step ${(result.step as OutgoingOp).id} was not found in the function`,
        },
      };
    default:
      return {
        type: "rejected",
        final: true,
        error: { name: "UnexpectedExecutionResult", message: `Unexpected execution result ${result.type}` },
      };
  }
}
