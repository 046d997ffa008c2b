// The subscriber directory the notifications module reads its recipients from (it sits below
// this module, so it cannot import it): provided when this module's face loads.
import { subscriberIdsBehind } from "@/server/modules/network";
import { provideSubscriberDirectory, type SubscriberFilter } from "@/server/modules/notifications";
import type { ServiceContext } from "@/server/service-context";

async function matching(svc: ServiceContext, filter: SubscriberFilter): Promise<string[]> {
  const where: Record<string, unknown> = {};
  if (filter.oltIds?.length || filter.ponPortIds?.length)
    where.id = { in: await subscriberIdsBehind(svc, { oltIds: filter.oltIds, ponPortIds: filter.ponPortIds }) };
  if (filter.statuses?.length) where.status = { in: filter.statuses };
  if (filter.planIds?.length) where.planId = { in: filter.planIds };
  if (filter.postcode) where.serviceAddress = { postcode: { startsWith: filter.postcode, mode: "insensitive" } };
  if (filter.search) {
    where.OR = [
      { username: { contains: filter.search, mode: "insensitive" } },
      { customer: { name: { contains: filter.search, mode: "insensitive" } } },
      { customer: { email: { contains: filter.search, mode: "insensitive" } } },
    ];
  }
  const rows = await svc.db.subscriber.findMany({ where, select: { id: true }, orderBy: { id: "asc" } });
  return rows.map((r) => r.id);
}

provideSubscriberDirectory({
  contacts: (svc, ids) =>
    ids.length === 0
      ? Promise.resolve([])
      : svc.db.subscriber.findMany({
          where: { id: { in: ids } },
          select: { id: true, customerId: true, username: true },
        }),
  matching,
  ofCustomer: async (svc, customerId) =>
    (await svc.db.subscriber.findMany({ where: { customerId }, select: { id: true } })).map((r) => r.id),
});
