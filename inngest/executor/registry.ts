// Which functions the embedded executor runs: the platform's registry
// (inngest/functions/index.ts, loaded lazily because its functions import services that
// send events) plus any a test adds.
import type { InngestFunction } from "inngest";

const extra = new Map<string, InngestFunction.Any>();
let registry: InngestFunction.Any[] | undefined;

export async function allFunctions(): Promise<InngestFunction.Any[]> {
  registry ??= (await import("../functions/index")).functions;
  const byId = new Map(registry.map((fn) => [fn.id(), fn]));
  for (const [id, fn] of extra) byId.set(id, fn);
  return [...byId.values()];
}

export async function functionById(id: string): Promise<InngestFunction.Any | undefined> {
  return (await allFunctions()).find((fn) => fn.id() === id);
}

/** Adds functions beside the registry (tests, scripts). */
export function registerFunctions(...fns: InngestFunction.Any[]) {
  for (const fn of fns) extra.set(fn.id(), fn);
}

export function unregisterFunctions(...fns: InngestFunction.Any[]) {
  for (const fn of fns) extra.delete(fn.id());
}

type Trigger = { event?: string; cron?: string; if?: string };

export function triggersOf(fn: InngestFunction.Any): Trigger[] {
  return ((fn.opts as { triggers?: Trigger[] }).triggers ?? []) as Trigger[];
}

/** Does an event name match a trigger ("billing/run.requested", or a "billing/*" wildcard)? */
export function matchesEvent(trigger: Trigger, name: string): boolean {
  if (!trigger.event) return false;
  if (trigger.event === name) return true;
  return trigger.event.endsWith("*") && name.startsWith(trigger.event.slice(0, -1));
}
