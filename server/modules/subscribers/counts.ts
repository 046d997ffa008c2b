// How many services a customer has and how many subscribers a plan has, for their lists:
// customers and catalog sit below subscribers, so subscribers hands them the counting at load.
import { providePlanSubscriberCounts } from "@/server/modules/catalog";
import { provideCustomerServiceCounts } from "@/server/modules/customers";
import type { ServiceContext } from "@/server/service-context";

async function countBy(svc: ServiceContext, by: "customerId" | "planId", ids: string[]) {
  if (ids.length === 0) return new Map<string, number>();
  const groups = await svc.db.subscriber.groupBy({ by: [by], where: { [by]: { in: ids } }, _count: { _all: true } });
  return new Map(groups.map((g) => [g[by] as string, g._count._all]));
}

provideCustomerServiceCounts((svc, customerIds) => countBy(svc, "customerId", customerIds));
providePlanSubscriberCounts((svc, planIds) => countBy(svc, "planId", planIds));
