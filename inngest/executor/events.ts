// Events into the embedded executor: the jobs port (server/jobs.ts) stores each event once in
// the outbox (its id is the idempotency key), in the caller's transaction; dispatching turns
// it into one run of every function it triggers.
import { randomUUID } from "node:crypto";
import type { InngestFunction } from "inngest";
import { type Db, type DbTx, db, Prisma } from "@/server/db";
import { crossTenantSql } from "@/server/sql";
import { now } from "./clock";
import { matchesEvent, triggersOf } from "./registry";

type Concurrency = { limit?: number; key?: string; scope?: string };

/** Evaluates the subset of Inngest's CEL used in concurrency keys: paths, "literals", +. */
export function evaluateKey(expression: string, event: { data: Record<string, unknown> }): string {
  return expression
    .split("+")
    .map((term) => term.trim())
    .map((term) => {
      const literal = term.match(/^["'](.*)["']$/);
      if (literal) return literal[1];
      if (!term.startsWith("event.")) throw new Error(`Unsupported concurrency key term "${term}"`);
      let value: unknown = event;
      for (const part of term.split(".").slice(1)) value = (value as Record<string, unknown> | undefined)?.[part];
      return value === undefined || value === null ? "" : String(value);
    })
    .join("");
}

/** The concurrency key and limit of a run of `fn` for `event` (first configured limit). */
export function concurrencyOf(
  fn: InngestFunction.Any,
  event: { data: Record<string, unknown> },
): { key: string; limit: number } | null {
  const raw = (fn.opts as { concurrency?: number | Concurrency | Concurrency[] }).concurrency;
  if (raw === undefined || raw === null) return null;
  const first: Concurrency = typeof raw === "number" ? { limit: raw } : Array.isArray(raw) ? (raw[0] ?? {}) : raw;
  if (!first.limit || first.limit <= 0) return null;
  const scoped = first.scope === "env" || first.scope === "account" ? "" : `${fn.id()}:`;
  const key = first.key ? `${scoped}${evaluateKey(first.key, event)}` : `${fn.id()}`;
  return { key, limit: first.limit };
}

type Client = Db | DbTx;

/** Creates a run of one function for an already-stored event (cron, tests, replays). */
export async function createRun(
  client: Client,
  fn: InngestFunction.Any,
  event: { id: string; name: string; data: Record<string, unknown>; ts: number },
  runAt: Date,
): Promise<string | null> {
  const id = randomUUID();
  const c = concurrencyOf(fn, event);
  const created = await client.executorRun.createMany({
    data: [
      {
        id,
        functionId: fn.id(),
        eventId: event.id,
        event: event as unknown as Prisma.InputJsonValue,
        runAt,
        concurrencyKey: c?.key ?? null,
        concurrencyLimit: c?.limit ?? null,
      },
    ],
    skipDuplicates: true,
  });
  return created.count ? id : null;
}

/**
 * Turns outbox events (written by the jobs port, server/jobs.ts) into runs of the functions
 * they trigger, and marks them dispatched — in one transaction, so an event starts its runs
 * exactly once whatever the number of workers. Only events one of `fns` is triggered by are
 * taken: a process that does not know a function yet (an older version during a rolling
 * deploy) leaves its events to the processes that do. Returns the runs created per event id.
 */
export async function dispatchEvents(
  fns: InngestFunction.Any[],
  client: Db = db(),
  limit = 500,
): Promise<Map<string, string[]>> {
  const started = new Map<string, string[]>();
  const triggers = fns.flatMap((fn) => triggersOf(fn)).flatMap((t) => (t.event ? [t.event] : []));
  const names = triggers.filter((n) => !n.endsWith("*"));
  const prefixes = triggers.filter((n) => n.endsWith("*")).map((n) => `${n.slice(0, -1).replace(/[\\%_]/g, "\\$&")}%`);
  if (!triggers.length) return started;
  await client.$transaction(async (tx) => {
    const pending = await crossTenantSql(tx).query<
      { id: string; name: string; data: Record<string, unknown>; ts: Date }[]
    >`
      SELECT id, name, data, ts FROM "ExecutorEvent"
      WHERE "dispatchedAt" IS NULL AND (name = ANY(${names}::text[]) OR name LIKE ANY(${prefixes}::text[]))
      ORDER BY "createdAt"
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED`;
    if (!pending.length) return;
    const current = now();
    for (const e of pending) {
      const payload = { id: e.id, name: e.name, data: e.data ?? {}, ts: e.ts.getTime() };
      // An event stamped in the future starts its runs then (as on Inngest).
      const runAt = new Date(Math.max(payload.ts, current.getTime()));
      const runIds: string[] = [];
      for (const fn of fns) {
        if (!triggersOf(fn).some((t) => matchesEvent(t, e.name))) continue;
        const runId = await createRun(tx, fn, payload, runAt);
        if (runId) runIds.push(runId);
      }
      started.set(e.id, runIds);
    }
    await crossTenantSql(tx).execute`
      UPDATE "ExecutorEvent" SET "dispatchedAt" = ${current}
      WHERE id IN (${Prisma.join(pending.map((e) => e.id))})`;
  });
  return started;
}
