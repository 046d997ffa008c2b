// One Inngest function per saga. The function only sequences: each saga step is one retried
// `step.run`; on a step's final failure (or a cancel) the undo of every completed step runs
// in reverse order, each its own retried `step.run`. The job and step rows are written by the
// runner (server/orchestration/runner.ts). Runs are serialized per subscriber by the
// concurrency key.
import { inngest } from "@/inngest/client";
import {
  beginAttempt,
  beginRollback,
  errorMessage,
  type Failure,
  finishJob,
  type JobEventData,
  runSagaStep,
  runSagaUndo,
} from "@/server/orchestration/runner";
import { type Saga, sagaEvent } from "@/server/orchestration/saga";
import { SAGAS } from "@/server/orchestration/sagas";

export function sagaFunction<I>(saga: Saga<I>, options: { id?: string } = {}) {
  const retries = Math.min(20, Math.max(0, ...saga.steps.map((s) => s.retries))) as 0;
  return inngest.createFunction(
    {
      id: options.id ?? `saga-${saga.type}`,
      name: saga.title,
      triggers: [{ event: sagaEvent(saga.type) }],
      retries,
      concurrency: [{ scope: "env", key: '"orchestration:" + event.data.lockKey', limit: 1 }],
    },
    async ({ event, step, attempt }) => {
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
  );
}

/** The platform's saga functions (registered in ./index.ts). */
export const orchestrationFunctions = Object.values(SAGAS).map((saga) =>
  sagaFunction(saga as unknown as Saga<unknown>),
);
