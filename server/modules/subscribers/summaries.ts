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

export type CustomerService = {
  id: string;
  customerId: string;
  username: string;
  status: string;
  planId: string;
  planName: string;
  priceMinor: number;
  currency: string;
  activatedAt: Date | null;
};

/** The services of some customers with their plan's price (partner portals: services, MRR). */
export async function servicesOfCustomers(
  svc: ServiceContext,
  customerIds: readonly string[],
): Promise<CustomerService[]> {
  if (customerIds.length === 0) return [];
  const rows = await svc.db.subscriber.findMany({
    where: { customerId: { in: [...customerIds] } },
    select: {
      id: true,
      customerId: true,
      username: true,
      status: true,
      planId: true,
      activatedAt: true,
      plan: { select: { name: true, priceMinor: true, currency: true } },
    },
    orderBy: { createdAt: "asc" },
  });
  return rows.map(({ plan, ...r }) => ({
    ...r,
    planName: plan.name,
    priceMinor: plan.priceMinor,
    currency: plan.currency,
  }));
}
