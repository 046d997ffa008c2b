// Who these subscribers are, in one query: for impact lists and notices in other modules.
import type { ServiceContext } from "@/server/service-context";

export type SubscriberSummary = {
  id: string;
  username: string;
  status: string;
  /** Why it is suspended (NON_PAYMENT, …), when it is. */
  suspendReason: string | null;
  customerId: string;
  customerName: string;
  business: boolean;
  planName: string;
};

export async function subscriberSummaries(svc: ServiceContext, ids: string[]): Promise<SubscriberSummary[]> {
  if (ids.length === 0) return [];
  const rows = await svc.db.subscriber.findMany({
    where: { id: { in: ids } },
    select: {
      id: true,
      username: true,
      status: true,
      suspendReason: true,
      customerId: true,
      customer: { select: { name: true, companyName: true, kind: true } },
      plan: { select: { name: true } },
    },
  });
  return rows.map((r) => ({
    id: r.id,
    username: r.username,
    status: r.status,
    suspendReason: r.suspendReason,
    customerId: r.customerId,
    customerName: r.customer.companyName || r.customer.name,
    business: r.customer.kind === "BUSINESS",
    planName: r.plan.name,
  }));
}
