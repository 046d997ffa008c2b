// The Inngest client every function is created with. With INNGEST_BASE_URL or
// INNGEST_EVENT_KEY set, events go to a real Inngest (self-hosted `inngest start` or Inngest
// Cloud) which calls the functions back through app/api/inngest. Without them, the embedded
// executor (inngest/executor) runs the same functions in-process from PostgreSQL, and this
// client's middleware hands every `inngest.send()` / `step.sendEvent()` to it.
import { Inngest, Middleware } from "inngest";

/** True when a real Inngest server is configured; false means the embedded executor. */
export function inngestIsRemote(): boolean {
  return Boolean(process.env.INNGEST_BASE_URL || process.env.INNGEST_EVENT_KEY);
}

class EmbeddedSendMiddleware extends Middleware.BaseMiddleware {
  readonly id = "fiberops:embedded-send";

  override async wrapSendEvent(args: Middleware.WrapSendEventArgs) {
    if (inngestIsRemote()) return args.next();
    // Imported lazily: the executor loads the function registry, which imports this file.
    const { enqueueEvents } = await import("./executor/events");
    const sent = await enqueueEvents(
      args.events.map((e) => ({ id: e.id, name: e.name, data: (e.data ?? {}) as Record<string, unknown>, ts: e.ts })),
    );
    return { ids: sent.map((s) => s.eventId) };
  }
}

export const inngest = new Inngest({
  id: "fiberops",
  // The embedded executor needs no key; the SDK refuses to send without one in cloud mode.
  ...(inngestIsRemote() ? {} : { eventKey: "embedded-executor" }),
  middleware: [EmbeddedSendMiddleware],
});
