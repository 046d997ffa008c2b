// What a subscriber's portal shows above everything else: an outage their service is in (an
// open incident listing it) and planned maintenance on it (upcoming within a week, or under way).
import { invalid } from "@/server/errors";
import { maintenanceForSubscriber } from "@/server/modules/maintenance";
import { servicesOfCustomers } from "@/server/modules/subscribers";
import type { ServiceContext } from "@/server/service-context";

export async function portalServiceBanner(svc: ServiceContext, customerId: string | null) {
  if (!customerId) throw invalid("This account is not linked to a customer");
  const subscriberIds = (await servicesOfCustomers(svc, [customerId])).map((s) => s.id);
  if (subscriberIds.length === 0) return { outages: [], maintenance: [] };
  const [outages, maintenance] = await Promise.all([
    // The plant's names stay inside: the subscriber learns since when, not which port.
    svc.db.incident.findMany({
      where: {
        status: { in: ["OPEN", "ACKNOWLEDGED"] },
        mergedIntoId: null,
        impact: { some: { subscriberId: { in: subscriberIds } } },
      },
      orderBy: { openedAt: "asc" },
      select: { id: true, number: true, openedAt: true },
    }),
    maintenanceForSubscriber(svc, subscriberIds),
  ]);
  return {
    outages: outages.map((o) => ({ id: o.id, reference: `INC-${o.number}`, since: o.openedAt })),
    maintenance: maintenance.map((m) => ({
      id: m.id,
      title: m.title,
      status: m.status,
      startsAt: m.startsAt,
      endsAt: m.endsAt,
    })),
  };
}
