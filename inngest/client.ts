// The Inngest client every function is created with. With INNGEST_BASE_URL or
// INNGEST_EVENT_KEY set, events go to a real Inngest (self-hosted `inngest start` or Inngest
// Cloud) which calls the functions back through app/api/inngest. Without them, the embedded
// executor (inngest/executor) runs the same functions in-process from PostgreSQL.
//
// Application code starts work through the jobs port (server/jobs.ts), never with this client.
// A function that calls `step.sendEvent()` (or code calling `inngest.send()`) still works on
// both: on the embedded executor the middleware writes the events to the same outbox.
import { Inngest, Middleware } from "inngest";
import { db } from "@/server/db";
import { enqueueJob } from "@/server/jobs";

/** True when a real Inngest server is configured; false means the embedded executor. */
export function inngestIsRemote(): boolean {
  return Boolean(process.env.INNGEST_BASE_URL || process.env.INNGEST_EVENT_KEY);
}

class EmbeddedSendMiddleware extends Middleware.BaseMiddleware {
  readonly id = "fiberops:embedded-send";

  override async wrapSendEvent(args: Middleware.WrapSendEventArgs) {
    if (inngestIsRemote()) return args.next();
    const ids: string[] = [];
    for (const e of args.events) {
      const sent = await enqueueJob(db(), e.name, (e.data ?? {}) as Record<string, unknown>, {
        id: e.id,
        at: e.ts ? new Date(e.ts) : undefined,
      });
      ids.push(sent.eventId);
    }
    return { ids };
  }
}

export const inngest = new Inngest({
  id: "fiberops",
  // The embedded executor needs no key; the SDK refuses to send without one in cloud mode.
  ...(inngestIsRemote() ? {} : { eventKey: "embedded-executor" }),
  middleware: [EmbeddedSendMiddleware],
});
