// Starts this process's embedded executor worker (app server start-up, `npm run demo`),
// unless a real Inngest is configured or FIBEROPS_EXECUTOR=off.
import { inngestIsRemote } from "../client";
import { EmbeddedExecutor, type WorkerOptions } from "./worker";

const g = globalThis as unknown as { fiberopsExecutor?: EmbeddedExecutor };

export function startEmbeddedExecutor(options: WorkerOptions = {}): EmbeddedExecutor | null {
  if (inngestIsRemote() || process.env.FIBEROPS_EXECUTOR === "off") return null;
  if (!g.fiberopsExecutor) {
    g.fiberopsExecutor = new EmbeddedExecutor({
      concurrency: Number(process.env.FIBEROPS_EXECUTOR_CONCURRENCY ?? options.concurrency ?? 4),
      ...options,
    });
    g.fiberopsExecutor.start();
  }
  return g.fiberopsExecutor;
}

export async function stopEmbeddedExecutor() {
  await g.fiberopsExecutor?.stop();
  g.fiberopsExecutor = undefined;
}
