// On a real Inngest, the outbox (ExecutorEvent rows written by the jobs port in the callers'
// transactions) is relayed to it: every app process claims waiting events with
// FOR UPDATE SKIP LOCKED, sends them with their ids (Inngest deduplicates by id) and marks
// them dispatched in the same transaction, so a failed send is retried and none is lost.
import { db, Prisma } from "@/server/db";
import { jobsEnqueued } from "@/server/jobs";
import { crossTenantSql } from "@/server/sql";
import { inngest } from "./client";

/** Sends up to `limit` waiting events to Inngest; returns how many were sent. */
export async function relayEvents(limit = 200): Promise<number> {
  return db().$transaction(async (tx) => {
    const pending = await crossTenantSql(tx).query<
      { id: string; name: string; data: Record<string, unknown>; ts: Date }[]
    >`
      SELECT id, name, data, ts FROM "ExecutorEvent"
      WHERE "dispatchedAt" IS NULL
      ORDER BY "createdAt"
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED`;
    if (!pending.length) return 0;
    await inngest.send(pending.map((e) => ({ id: e.id, name: e.name, data: e.data, ts: e.ts.getTime() })));
    await crossTenantSql(tx).execute`
      UPDATE "ExecutorEvent" SET "dispatchedAt" = now()
      WHERE id IN (${Prisma.join(pending.map((e) => e.id))})`;
    return pending.length;
  });
}

const g = globalThis as unknown as { fiberopsRelay?: { stop(): void } };

/** Relays the outbox in the background (app start-up when a real Inngest is configured). */
export function startOutboxRelay(pollMs = 500) {
  if (g.fiberopsRelay) return;
  let stopped = false;
  let wake: (() => void) | null = null;
  const onEnqueued = () => wake?.();
  jobsEnqueued.on("enqueued", onEnqueued);
  (async () => {
    while (!stopped) {
      const sent = await relayEvents().catch((error) => {
        console.error("[inngest] relaying the outbox failed", error);
        return 0;
      });
      if (sent) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, pollMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = null;
    }
  })();
  g.fiberopsRelay = {
    stop() {
      stopped = true;
      jobsEnqueued.off("enqueued", onEnqueued);
      wake?.();
    },
  };
}
