"use client";
// Today's jobs and the van, kept in IndexedDB for offline use, and the action queue: every
// action is queued first, then sent in order whenever the phone is online. A refusal from the
// server (the order changed meanwhile) is kept as a conflict to show; a lost connection stops
// the replay until the connection returns. One replay at a time.
import { TRPCClientError } from "@trpc/client";
import type { inferRouterOutputs } from "@trpc/server";
import { useCallback, useEffect, useRef, useState } from "react";
import { useTRPCClient } from "@/components/trpc";
import type { AppRouter } from "@/server/trpc/root";
import { cache, type QueuedAction, type QueuedOp, queue } from "./offline-store";

type Out = inferRouterOutputs<AppRouter>;
export type Job = Out["workorders"]["myDay"][number];
export type Van = Out["inventory"]["myVan"];

/** The job as the technician left it: the last copy from the server with queued actions applied. */
export function withPending(job: Job, actions: QueuedAction[]): Job & { pending: number } {
  let view: Job = job;
  let pending = 0;
  for (const a of actions) {
    if (a.workOrderId !== job.id || a.conflict) continue;
    pending++;
    const input = a.input as Record<string, never>;
    if (a.op === "move") view = { ...view, status: input.to };
    if (a.op === "complete") view = { ...view, status: "COMPLETED" };
    if (a.op === "addPhoto") view = { ...view, photoCount: view.photoCount + 1 };
    if (a.op === "sign") view = { ...view, signedBy: input.signedBy };
    if (a.op === "record") {
      const ticks = (input.checklist ?? {}) as Record<string, boolean>;
      view = {
        ...view,
        checklist: (view.checklist as { key: string; label: string; done: boolean }[]).map((c) =>
          c.key in ticks ? { ...c, done: ticks[c.key] as boolean } : c,
        ),
        ...Object.fromEntries(
          (["opticalPowerDbm", "onuSerial", "cpeSerial", "notes"] as const)
            .filter((k) => input[k] !== undefined)
            .map((k) => [k, input[k]]),
        ),
      };
    }
  }
  return { ...view, pending };
}

/**
 * Resolves true once the registration's worker is active (it stored the shell when it installed),
 * false if its install failed. Not `navigator.serviceWorker.ready`: that waits for a worker
 * whose scope covers the URL this document was created at, which is /sign-in when the
 * technician signed in just before (a client-side navigation), so it would never resolve.
 */
function activated(registration: ServiceWorkerRegistration): Promise<boolean> {
  if (registration.active) return Promise.resolve(true);
  const worker = registration.installing ?? registration.waiting;
  if (!worker) return Promise.resolve(false);
  return new Promise((resolve) => {
    worker.addEventListener("statechange", () => {
      if (worker.state === "activated") resolve(true);
      if (worker.state === "redundant") resolve(Boolean(registration.active));
    });
  });
}

export function useFieldSync() {
  const client = useTRPCClient();
  const [jobs, setJobs] = useState<Job[] | null>(null);
  const [van, setVan] = useState<Van | null>(null);
  const [actions, setActions] = useState<QueuedAction[]>([]);
  const [online, setOnline] = useState(true);
  const [syncing, setSyncing] = useState(false);
  /** The service worker holds the app's shell: the app opens (and reloads) without a connection. */
  const [offlineReady, setOfflineReady] = useState<boolean | null>(null);
  const replaying = useRef<Promise<void> | null>(null);

  const refresh = useCallback(async () => {
    try {
      const [day, myVan] = await Promise.all([client.workorders.myDay.query({}), client.inventory.myVan.query()]);
      setJobs(day);
      setVan(myVan);
      await Promise.all([cache.set("day", day), cache.set("van", myVan)]);
    } catch {
      // Offline (or refused): keep showing the cached copy.
    }
  }, [client]);

  const send = useCallback(
    (op: QueuedOp, input: Record<string, unknown>) => {
      const w = client.workorders;
      const args = input as never;
      if (op === "move") return w.move.mutate(args);
      if (op === "record") return w.record.mutate(args);
      if (op === "addPhoto") return w.addPhoto.mutate(args);
      if (op === "sign") return w.sign.mutate(args);
      return w.complete.mutate(args);
    },
    [client],
  );

  const replay = useCallback(() => {
    replaying.current ??= (async () => {
      setSyncing(true);
      try {
        // Actions queued while this replay runs (quick taps online) are sent by it too: the queue
        // is read again until a pass finds nothing left to send.
        let sent = true;
        passes: while (sent) {
          sent = false;
          for (const action of await queue.all()) {
            if (action.conflict) continue;
            try {
              await send(action.op, { ...action.input, idempotencyKey: action.key });
              await queue.remove(action.seq as number);
              sent = true;
            } catch (error) {
              // No answer: the connection is gone again; the rest waits for it.
              if (!(error instanceof TRPCClientError) || !error.data?.httpStatus) break passes;
              await queue.put({ ...action, conflict: error.message });
            }
          }
        }
        await refresh();
      } finally {
        setActions(await queue.all());
        setSyncing(false);
        replaying.current = null;
      }
    })();
    return replaying.current;
  }, [refresh, send]);

  const act = useCallback(
    async (op: QueuedOp, workOrderId: string, input: Record<string, unknown>, label: string) => {
      const action: QueuedAction = {
        key: crypto.randomUUID(),
        op,
        workOrderId,
        input: { workOrderId, ...input },
        label,
        queuedAt: Date.now(),
      };
      // Shown at once (a ticked box stays ticked), stored a moment later.
      setActions((queued) => [...queued, action]);
      await queue.add(action);
      setActions(await queue.all());
      if (!navigator.onLine) return;
      await replay();
      // A replay already under way may have read the queue before this action was stored and
      // finished without it: the next one reads it (unless it was refused or the line went).
      if ((await queue.all()).some((a) => a.key === action.key && !a.conflict) && navigator.onLine) await replay();
    },
    [replay],
  );

  const dismiss = useCallback(async (seq: number) => {
    await queue.remove(seq);
    setActions(await queue.all());
  }, []);

  useEffect(() => {
    let live = true;
    (async () => {
      const [day, myVan, queued] = await Promise.all([cache.get<Job[]>("day"), cache.get<Van>("van"), queue.all()]);
      if (!live) return;
      if (day) setJobs(day);
      if (myVan) setVan(myVan);
      setActions(queued);
      setOnline(navigator.onLine);
      if (navigator.onLine) await (queued.some((a) => !a.conflict) ? replay() : refresh());
      else setJobs((j) => j ?? []);
    })();
    const up = () => {
      setOnline(true);
      void replay();
    };
    const down = () => setOnline(false);
    window.addEventListener("online", up);
    window.addEventListener("offline", down);
    if ("serviceWorker" in navigator)
      navigator.serviceWorker
        .register("/tech-sw.js", { scope: "/tech" })
        .then(activated)
        .then((ok) => live && setOfflineReady(ok))
        .catch(() => live && setOfflineReady(false));
    else setOfflineReady(false);
    return () => {
      live = false;
      window.removeEventListener("online", up);
      window.removeEventListener("offline", down);
    };
  }, [refresh, replay]);

  return { jobs, van, actions, online, syncing, offlineReady, act, dismiss };
}
