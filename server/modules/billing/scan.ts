// Bulk read for the drift detector: the billing subscriptions of a page of subscribers.
import type { ServiceContext } from "@/server/service-context";

export type BillingState = {
  id: string;
  status: string;
  planId: string;
  pendingPlanId: string | null;
  currency: string;
};

export async function billingStates(svc: ServiceContext, subscriberIds: string[]) {
  const rows = subscriberIds.length
    ? await svc.db.billingSubscription.findMany({
        where: { subscriberId: { in: subscriberIds } },
        select: { id: true, subscriberId: true, status: true, planId: true, pendingPlanId: true, currency: true },
      })
    : [];
  return new Map<string, BillingState>(rows.map(({ subscriberId, ...s }) => [subscriberId, s]));
}
