// Which functions the embedded executor runs: the platform's registry
// (inngest/functions/index.ts: every module's jobs), unless an executor is given its own list.
import type { InngestFunction } from "inngest";
import { functions } from "../functions/index";

export const platformFunctions = (): InngestFunction.Any[] => functions;

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
