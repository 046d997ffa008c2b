// Who these subscribers are, in a few queries: for impact lists and notices in other modules.
import { plansByIds } from "@/server/modules/catalog";
import type { ServiceContext } from "@/server/service-context";
import { relatedOf } from "./related";

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
      planId: true,
    },
  });
  const related = await relatedOf(
    svc.db,
    svc.tenantId,
    rows.map((r) => ({ ...r, serviceAddressId: null })),
  );
  return rows.map((r) => {
    const customer = related.customer(r.customerId);
    return {
      id: r.id,
      username: r.username,
      status: r.status,
      suspendReason: r.suspendReason,
      customerId: r.customerId,
      customerName: customer.companyName || customer.name,
      business: customer.kind === "BUSINESS",
      planName: related.plan(r.planId).name,
    };
  });
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
    },
    orderBy: { createdAt: "asc" },
  });
  const plans = new Map(
    (await plansByIds(svc.db, svc.tenantId, [...new Set(rows.map((r) => r.planId))])).map((p) => [p.id, p]),
  );
  return rows.map((r) => {
    const plan = plans.get(r.planId)!;
    return { ...r, planName: plan.name, priceMinor: plan.priceMinor, currency: plan.currency };
  });
}
