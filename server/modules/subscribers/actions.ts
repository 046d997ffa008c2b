// Operator actions that combine a lifecycle/plan change (one transaction, RADIUS rows
// included) with acting on the live sessions afterwards (CoA/Disconnect to the NAS).
import type { SuspendReason } from "@/server/generated/prisma/enums";
import { applyPlanToSessions, disconnectSubscriberSessions } from "@/server/modules/radius";
import type { ServiceContext } from "@/server/service-context";
import { changeSubscriberPlan, transitionSubscriber } from "./service";

/** Suspends (RADIUS: suspension group) and disconnects the live sessions so they re-authenticate into it. */
export async function suspendSubscriber(svc: ServiceContext, id: string, reason: SuspendReason) {
  const subscriber = await transitionSubscriber(svc, id, "SUSPENDED", { suspendReason: reason, reason });
  const sessions = await disconnectSubscriberSessions(svc, id);
  return { subscriber, sessions };
}

/** Restores service; sessions held in a walled garden are disconnected so they come back on the plan. */
export async function restoreSubscriber(svc: ServiceContext, id: string) {
  const subscriber = await transitionSubscriber(svc, id, "ACTIVE", { reason: "restored" });
  const sessions = await disconnectSubscriberSessions(svc, id);
  return { subscriber, sessions };
}

export async function terminateSubscriber(svc: ServiceContext, id: string, reason?: string) {
  const subscriber = await transitionSubscriber(svc, id, "TERMINATED", { reason });
  const sessions = await disconnectSubscriberSessions(svc, id);
  return { subscriber, sessions };
}

/** Plan change effective now: rows + groups in one transaction, then CoA (NAK → Disconnect). */
export async function changePlanNow(svc: ServiceContext, id: string, planId: string) {
  const change = await changeSubscriberPlan(svc, id, planId);
  const sessions = change.changed ? await applyPlanToSessions(svc, id) : [];
  return { ...change, sessions };
}
