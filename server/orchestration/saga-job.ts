// A saga as a durable job. The job only sequences: each saga step is one retried `step.run`;
// on a step's final failure (or a cancel) the undo of every completed step runs in reverse
// order, each its own retried `step.run`. The job and step rows are written by the runner
// (./runner.ts). Jobs are serialized per subscriber by the concurrency key (the saga's lock key).
import { defineJob, type JobDefinition } from "@/server/jobs";
import {
  beginAttempt,
  beginRollback,
  errorMessage,
  type Failure,
  finishJob,
  type JobEventData,
  runSagaStep,
  runSagaUndo,
} from "./runner";
import { type Saga, sagaEvent } from "./saga";

export function sagaJob<I>(saga: Saga<I>, options: { id?: string } = {}): JobDefinition {
  return defineJob({
    id: options.id ?? `saga-${saga.type}`,
    name: saga.title,
    trigger: { event: sagaEvent(saga.type) },
    retries: Math.min(20, Math.max(0, ...saga.steps.map((s) => s.retries))),
    concurrency: { scope: "env", key: '"orchestration:" + event.data.lockKey', limit: 1 },
    async run({ event, step, attempt }) {
      const data = event.data as unknown as JobEventData;
      const begin = await step.run("begin", () => beginAttempt(data));
      if (begin.skip) return { skipped: begin.reason };
      let failure: Failure | null = null;
      for (const s of saga.steps) {
        if (begin.completed.includes(s.name)) continue;
        try {
          const result = await step.run(s.name, () => runSagaStep(saga, data, s.name, attempt));
          if (result.cancelled) {
            failure = { step: null, message: "cancelled by an operator", cancelled: true };
            break;
          }
        } catch (error) {
          failure = { step: s.name, message: errorMessage(error), cancelled: false };
          break;
        }
      }
      if (!failure) return step.run("complete", () => finishJob(saga, data, "completed"));
      const toUndo = await step.run("rollback", () => beginRollback(saga, data, failure));
      for (const name of toUndo) {
        try {
          await step.run(`undo:${name}`, () => runSagaUndo(saga, data, name, attempt));
        } catch {
          // Recorded on the step row (UNDO_FAILED); the other undos still run.
        }
      }
      return step.run("finish", () => finishJob(saga, data, "rolled_back"));
    },
  });
}
