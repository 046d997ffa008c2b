// Events into the embedded executor: each event is stored once (its id is the idempotency
// key) and starts one run of every function it triggers, in the caller's transaction when
// one is given (so "write the row and start the workflow" commits or rolls back together).
import { randomUUID } from "node:crypto";
import { EventEmitter } from "node:events";
import type { InngestFunction } from "inngest";
import { type Db, type DbTx, db, type Prisma } from "@/server/db";
import { now } from "./clock";
import { allFunctions, matchesEvent, triggersOf } from "./registry";

export type OutgoingEvent = { id?: string; name: string; data: Record<string, unknown>; ts?: number };
export type EnqueuedEvent = { eventId: string; runIds: string[]; duplicate: boolean };

/** In-process wake-up for idle workers when new work arrives. */
export const workAvailable = new EventEmitter();
workAvailable.setMaxListeners(100);

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

export async function enqueueEvents(events: OutgoingEvent[], opts: { tx?: Client } = {}): Promise<EnqueuedEvent[]> {
  const client = opts.tx ?? db();
  const fns = await allFunctions();
  const out: EnqueuedEvent[] = [];
  const current = now();
  for (const e of events) {
    const eventId = e.id ?? randomUUID();
    const ts = e.ts ?? current.getTime();
    const inserted = await client.$queryRaw<{ id: string }[]>`
      INSERT INTO "ExecutorEvent" (id, name, data, ts)
      VALUES (${eventId}, ${e.name}, ${JSON.stringify(e.data ?? {})}::jsonb, ${new Date(ts)})
      ON CONFLICT (id) DO NOTHING RETURNING id`;
    if (!inserted.length) {
      out.push({ eventId, runIds: [], duplicate: true });
      continue;
    }
    const payload = { id: eventId, name: e.name, data: e.data ?? {}, ts };
    // An event stamped in the future starts its runs then (as on Inngest).
    const runAt = new Date(Math.max(ts, current.getTime()));
    const runIds: string[] = [];
    for (const fn of fns) {
      if (!triggersOf(fn).some((t) => matchesEvent(t, e.name))) continue;
      const runId = await createRun(client, fn, payload, runAt);
      if (runId) runIds.push(runId);
    }
    out.push({ eventId, runIds, duplicate: false });
  }
  workAvailable.emit("work");
  return out;
}
