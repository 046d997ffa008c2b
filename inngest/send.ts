// The one way code starts background work: `sendEvent("subscriber/provision.requested", data)`.
// With INNGEST_BASE_URL / INNGEST_EVENT_KEY set it goes to the real Inngest; otherwise the
// embedded executor stores the event and its runs in PostgreSQL — in the caller's
// transaction when `tx` is given, so the work starts if and only if the caller commits.
import type { DbTx } from "@/server/db";
import { inngest, inngestIsRemote } from "./client";
import { enqueueEvents } from "./executor/events";

export type SendEventOptions = {
  /** Idempotency key: a second event with the same id starts nothing. */
  id?: string;
  /** Start the runs at this time instead of now. */
  ts?: Date | number;
  /** Write the event with the caller's transaction (embedded executor only). */
  tx?: DbTx;
};

export type SentEvent = {
  ids: string[];
  /** Runs started (embedded executor only; Inngest assigns run ids itself). */
  runIds: string[];
  /** The id was seen before and nothing new was started (embedded executor only). */
  duplicate: boolean;
};

export async function sendEvent(
  name: string,
  data: Record<string, unknown>,
  options: SendEventOptions = {},
): Promise<SentEvent> {
  const ts = options.ts instanceof Date ? options.ts.getTime() : options.ts;
  if (inngestIsRemote()) {
    const sent = await inngest.send({ name, data, ...(options.id ? { id: options.id } : {}), ...(ts ? { ts } : {}) });
    return { ids: sent.ids, runIds: [], duplicate: false };
  }
  const [sent] = await enqueueEvents([{ id: options.id, name, data, ts }], { tx: options.tx });
  return { ids: sent ? [sent.eventId] : [], runIds: sent?.runIds ?? [], duplicate: sent?.duplicate ?? false };
}
