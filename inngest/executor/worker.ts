// The embedded executor's worker: claims runs that are due (FOR UPDATE SKIP LOCKED, so any
// number of processes can run workers against one database), honours each run's
// concurrency key, and drives the function one pass at a time, persisting every step's
// result before the next pass. A run is held under a lease that a heartbeat extends; if
// the process dies, the lease expires and another worker resumes the run from its last
// persisted step (the step that was in flight runs again — steps must be idempotent).
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { performance } from "node:perf_hooks";
import type { InngestFunction } from "inngest";
import { errors } from "inngest/internals";
import { db, Prisma } from "@/server/db";
import { jobsEnqueued } from "@/server/jobs";
import { advisoryLock, crossTenantSql } from "@/server/sql";
import { advanceClock, now } from "./clock";
import { fireDueSchedules, syncSchedules } from "./cron";
import { type MemoizedStep, maxAttemptsOf, type PassOutcome, runPass } from "./engine";
import { dispatchEvents } from "./events";
import { platformFunctions } from "./registry";

export type WorkerOptions = {
  workerId?: string;
  /** The functions this executor runs (default: the platform's, inngest/functions). */
  functions?: InngestFunction.Any[];
  /** Runs this process drives at once. */
  concurrency?: number;
  /** How often an idle worker looks for due runs and schedules. */
  pollMs?: number;
  /** How long a claim lasts without a heartbeat before another worker may take the run. */
  leaseMs?: number;
  /** Delay before retry `attempt` (1 = first retry). Default: exponential from 1 s, capped at 5 min, with jitter. */
  backoffMs?: (attempt: number) => number;
  /** Passes one claim may run before releasing the run (bounds a single claim's work). */
  maxPassesPerClaim?: number;
};

export type Claim = { runId: string; token: string };

class LostLease extends Error {}

const defaultBackoff = (attempt: number) => {
  const base = Math.min(1000 * 2 ** (attempt - 1), 300_000);
  return Math.round(base * (0.8 + Math.random() * 0.4));
};

const asJson = (value: unknown): Prisma.InputJsonValue | typeof Prisma.JsonNull =>
  value === null || value === undefined
    ? Prisma.JsonNull
    : (JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue);

const released = { lockedBy: null, lockToken: null, lockedUntil: null };

export class EmbeddedExecutor {
  readonly workerId: string;
  readonly functions: InngestFunction.Any[];
  private readonly opts: Required<Omit<WorkerOptions, "workerId" | "functions">>;
  private stopped = true;
  private loops: Promise<void>[] = [];
  private readonly waiters = new Set<() => void>();

  constructor(options: WorkerOptions = {}) {
    this.workerId = options.workerId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    this.functions = options.functions ?? platformFunctions();
    this.opts = {
      concurrency: options.concurrency ?? 4,
      pollMs: options.pollMs ?? 500,
      leaseMs: options.leaseMs ?? 60_000,
      backoffMs: options.backoffMs ?? defaultBackoff,
      maxPassesPerClaim: options.maxPassesPerClaim ?? 1000,
    };
  }

  /** Starts the runs of the events waiting in the outbox; returns the runs created per event. */
  dispatch(): Promise<Map<string, string[]>> {
    return dispatchEvents(this.functions);
  }

  private functionById(id: string) {
    return this.functions.find((fn) => fn.id() === id);
  }

  /** Claims one due run (after starting the runs of waiting events), or returns null. */
  async claim(): Promise<Claim | null> {
    await this.dispatch();
    const t = now();
    const until = new Date(t.getTime() + this.opts.leaseMs);
    return db().$transaction(async (tx) => {
      const candidates = await crossTenantSql(tx).query<
        {
          id: string;
          status: string;
          concurrencyKey: string | null;
          concurrencyLimit: number | null;
          createdAt: Date;
        }[]
      >`
        SELECT r.id, r.status::text AS status, r."concurrencyKey", r."concurrencyLimit", r."createdAt"
        FROM "ExecutorRun" r
        WHERE r.status IN ('QUEUED', 'RUNNING') AND r."runAt" <= ${t}
          AND (r."lockedUntil" IS NULL OR r."lockedUntil" < ${t})
          AND (r.status = 'RUNNING' OR r."concurrencyKey" IS NULL OR
               (SELECT count(*) FROM "ExecutorRun" b
                 WHERE b."concurrencyKey" = r."concurrencyKey" AND b.status = 'RUNNING') < r."concurrencyLimit")
        ORDER BY r."runAt", r."createdAt"
        LIMIT 10
        FOR UPDATE OF r SKIP LOCKED`;
      for (const c of candidates) {
        if (c.status === "QUEUED" && c.concurrencyKey) {
          // Serialize starts per key, then re-check under the lock: two workers must not both
          // start a run on the same key.
          await advisoryLock(tx, c.concurrencyKey);
          const [state] = await crossTenantSql(tx).query<{ running: number; older: number }[]>`
            SELECT
              count(*) FILTER (WHERE status = 'RUNNING')::int AS running,
              count(*) FILTER (WHERE status = 'QUEUED' AND "createdAt" < ${c.createdAt} AND "runAt" <= ${t})::int AS older
            FROM "ExecutorRun" WHERE "concurrencyKey" = ${c.concurrencyKey}`;
          if ((state?.running ?? 0) >= (c.concurrencyLimit ?? 1) || (state?.older ?? 0) > 0) continue;
        }
        const token = randomUUID();
        await crossTenantSql(tx).execute`
          UPDATE "ExecutorRun"
          SET status = 'RUNNING', "startedAt" = COALESCE("startedAt", ${t}), "lockedBy" = ${this.workerId},
              "lockToken" = ${token}::uuid, "lockedUntil" = ${until}, "updatedAt" = ${t}
          WHERE id = ${c.id}::uuid`;
        return { runId: c.id, token };
      }
      return null;
    });
  }

  /** Drives a claimed run until it finishes, waits (retry backoff, sleep) or `maxPasses` is reached. */
  async process(claim: Claim, options: { maxPasses?: number } = {}): Promise<void> {
    const client = db();
    const run = await client.executorRun.findUnique({
      where: { id: claim.runId },
      include: { steps: { orderBy: { position: "asc" } } },
    });
    if (!run || run.lockToken !== claim.token) return;
    const fenced = async (tx: Prisma.TransactionClient, data: Prisma.ExecutorRunUpdateManyMutationInput) => {
      const r = await tx.executorRun.updateMany({
        where: { id: run.id, lockToken: claim.token, status: "RUNNING" },
        data: { ...data, updatedAt: now() },
      });
      if (!r.count) throw new LostLease();
    };
    const fn = this.functionById(run.functionId);
    if (!fn) {
      await client
        .$transaction((tx) =>
          fenced(tx, {
            status: "FAILED",
            finishedAt: now(),
            ...released,
            error: { name: "FunctionNotFound", message: `No function "${run.functionId}" is registered in this app` },
          }),
        )
        .catch(() => {});
      return;
    }
    const heartbeat = setInterval(
      () => {
        client.executorRun
          .updateMany({
            where: { id: run.id, lockToken: claim.token },
            data: { lockedUntil: new Date(now().getTime() + this.opts.leaseMs) },
          })
          .catch(() => {});
      },
      Math.max(1000, Math.floor(this.opts.leaseMs / 3)),
    );
    heartbeat.unref?.();
    const steps: MemoizedStep[] = run.steps.map((s) =>
      s.error !== null ? { hashedId: s.hashedId, error: s.error } : { hashedId: s.hashedId, data: s.data },
    );
    let attempt = run.attempt;
    const maxAttempts = maxAttemptsOf(fn);
    const maxPasses = options.maxPasses ?? this.opts.maxPassesPerClaim;
    try {
      for (let pass = 0; pass < maxPasses; pass++) {
        const started = performance.now();
        const outcome: PassOutcome = await runPass(
          { fn, runId: run.id, event: run.event as never, steps, attempt, maxAttempts },
          now(),
        ).catch((error: unknown) => ({
          type: "rejected" as const,
          error: errors.serializeError(error) as never,
          final: false,
        }));
        const durationMs = Math.round(performance.now() - started);
        const t = now();
        const retryAt = (ms: number | undefined) => new Date(t.getTime() + (ms ?? this.opts.backoffMs(attempt + 1)));
        const addStep = (tx: Prisma.TransactionClient, o: { hashedId: string; name: string }, data: object) =>
          tx.executorStep.create({
            data: {
              runId: run.id,
              hashedId: o.hashedId,
              name: o.name,
              position: steps.length,
              attempts: attempt + 1,
              durationMs,
              ...data,
            },
          });
        switch (outcome.type) {
          case "step-completed":
            await client.$transaction(async (tx) => {
              await fenced(tx, { attempt: 0, passes: { increment: 1 }, lastError: Prisma.DbNull });
              await addStep(tx, outcome, { data: asJson(outcome.data) });
            });
            steps.push({ hashedId: outcome.hashedId, data: outcome.data });
            attempt = 0;
            continue;
          case "step-failed":
            if (outcome.final) {
              await client.$transaction(async (tx) => {
                await fenced(tx, { attempt: 0, passes: { increment: 1 }, lastError: asJson(outcome.error) });
                await addStep(tx, outcome, { error: asJson(outcome.error) });
              });
              steps.push({ hashedId: outcome.hashedId, error: outcome.error });
              attempt = 0;
              continue;
            }
            await client.$transaction((tx) =>
              fenced(tx, {
                attempt: attempt + 1,
                passes: { increment: 1 },
                lastError: asJson(outcome.error),
                runAt: retryAt(outcome.retryAfterMs),
                ...released,
              }),
            );
            return;
          case "sleep":
            await client.$transaction(async (tx) => {
              await fenced(tx, { passes: { increment: 1 }, runAt: outcome.until, ...released });
              await addStep(tx, outcome, { data: Prisma.JsonNull });
            });
            return;
          case "resolved":
            await client.$transaction((tx) =>
              fenced(tx, {
                status: "COMPLETED",
                output: asJson(outcome.data),
                passes: { increment: 1 },
                finishedAt: t,
                attempt: 0,
                ...released,
              }),
            );
            return;
          case "rejected":
            if (outcome.final || attempt + 1 >= maxAttempts) {
              await client.$transaction((tx) =>
                fenced(tx, {
                  status: "FAILED",
                  error: asJson(outcome.error),
                  passes: { increment: 1 },
                  finishedAt: t,
                  ...released,
                }),
              );
            } else {
              await client.$transaction((tx) =>
                fenced(tx, {
                  attempt: attempt + 1,
                  passes: { increment: 1 },
                  lastError: asJson(outcome.error),
                  runAt: retryAt(outcome.retryAfterMs),
                  ...released,
                }),
              );
            }
            return;
        }
      }
      // Pass budget used up: hand the run back so others get a turn (unless the caller
      // stopped short on purpose, e.g. a test simulating a crash, where nothing is released).
      if (options.maxPasses === undefined) await client.$transaction((tx) => fenced(tx, { ...released }));
    } catch (error) {
      if (!(error instanceof LostLease)) throw error;
    } finally {
      clearInterval(heartbeat);
    }
  }

  /** Claims and drives due runs until none is due now. Returns how many claims it processed. */
  async tick(): Promise<number> {
    let processed = 0;
    await fireDueSchedules(this.functions).catch(() => 0);
    for (;;) {
      const claim = await this.claim();
      if (!claim) return processed;
      await this.process(claim);
      processed++;
    }
  }

  /**
   * Runs everything to completion in this process (tests, scripts): processes due runs and,
   * with `advanceClock`, moves the executor clock to the next retry/sleep/lease expiry
   * instead of waiting for it.
   */
  async runUntilIdle(options: { advanceClock?: boolean; maxRounds?: number } = {}): Promise<void> {
    const active = { in: ["QUEUED" as const, "RUNNING" as const] };
    let idleRounds = 0;
    for (let round = 0; round < (options.maxRounds ?? 10_000); round++) {
      const processed = await this.tick();
      if (!options.advanceClock) return;
      idleRounds = processed ? 0 : idleRounds + 1;
      const t = now();
      // Runs waiting for their time (retry backoff, sleep, a future start) …
      const waiting = await db().executorRun.findFirst({
        where: { status: active, runAt: { gt: t } },
        orderBy: { runAt: "asc" },
        select: { runAt: true },
      });
      // … and runs another live worker is driving right now (never steal those).
      const busy = await db().executorRun.count({
        where: { status: active, lockedUntil: { gt: t }, NOT: { lockedBy: null } },
      });
      if (busy) {
        await new Promise((r) => setTimeout(r, 20));
        continue;
      }
      if (!waiting) {
        // Runs that became due meanwhile get another round; runs blocked on a concurrency key
        // held by a finished claim settle within a few rounds.
        const due = await db().executorRun.count({ where: { status: active, runAt: { lte: t } } });
        if (due && idleRounds < 5) continue;
        return;
      }
      if (waiting.runAt > t) advanceClock(waiting.runAt.getTime() - t.getTime() + 1);
    }
  }

  /** Starts the background loops (idempotent). */
  start() {
    if (!this.stopped) return;
    this.stopped = false;
    const onWork = () => this.wakeAll();
    jobsEnqueued.on("enqueued", onWork);
    syncSchedules(this.functions).catch((error) => console.error("[executor] could not sync cron schedules", error));
    const idle = () =>
      new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          this.waiters.delete(done);
          resolve();
        };
        const timer = setTimeout(done, this.opts.pollMs);
        this.waiters.add(done);
      });
    const slot = async () => {
      while (!this.stopped) {
        const claim = await this.claim().catch((error) => {
          console.error("[executor] claim failed", error);
          return null;
        });
        if (claim) {
          await this.process(claim).catch((error) => console.error("[executor] run failed", claim.runId, error));
          continue;
        }
        await idle();
      }
    };
    const scheduler = async () => {
      while (!this.stopped) {
        await fireDueSchedules(this.functions).catch((error) => console.error("[executor] schedules failed", error));
        await new Promise((r) => setTimeout(r, Math.max(this.opts.pollMs, 1000)));
      }
    };
    this.loops = [...Array.from({ length: this.opts.concurrency }, slot), scheduler()];
    this.stopLoops = () => jobsEnqueued.off("enqueued", onWork);
  }

  private stopLoops: () => void = () => {};

  private wakeAll() {
    for (const w of [...this.waiters]) w();
  }

  /** Stops the loops after the runs in progress finish their current pass. */
  async stop() {
    this.stopped = true;
    this.stopLoops();
    this.wakeAll();
    await Promise.allSettled(this.loops);
    this.loops = [];
  }
}

/** Cancels a run: it stops before its next pass (a step in flight finishes first). */
export async function cancelRun(runId: string): Promise<boolean> {
  const r = await db().executorRun.updateMany({
    where: { id: runId, status: { in: ["QUEUED", "RUNNING"] } },
    data: { status: "CANCELLED", finishedAt: now(), ...released },
  });
  return r.count > 0;
}
