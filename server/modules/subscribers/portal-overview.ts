// The subscriber portal's overview: billing's half (balance, open invoices, each service's plan)
// with each service's username and status, which the subscribers module owns.
import { portalOverview, requireCustomer } from "@/server/modules/billing";
import type { ServiceContext } from "@/server/service-context";

export async function portalServicesOverview(svc: ServiceContext, customerId: string | null | undefined) {
  const overview = await portalOverview(svc, requireCustomer(customerId));
  const subscribers = await svc.db.subscriber.findMany({
    where: { id: { in: overview.services.map((s) => s.subscriberId) } },
    select: { id: true, username: true, status: true },
  });
  const byId = new Map(subscribers.map((s) => [s.id, s]));
  return {
    ...overview,
    services: overview.services.map((s) => ({
      ...s,
      username: byId.get(s.subscriberId)?.username ?? null,
      status: byId.get(s.subscriberId)?.status ?? null,
    })),
  };
}
