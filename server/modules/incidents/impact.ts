// The impact list: the subscribers in service behind an incident's root, business customers
// first, kept on the incident so it is ready the moment the incident opens or grows.
import { subscriberIdsUnder } from "@/server/modules/network";
import { subscriberSummaries } from "@/server/modules/subscribers";
import type { ServiceContext } from "@/server/service-context";

export async function refreshImpact(svc: ServiceContext, incidentId: string, rootKey: string, alarmCount: number) {
  const ids = await subscriberIdsUnder(svc, [rootKey]);
  const subs = (await subscriberSummaries(svc, ids)).filter((s) => s.status === "ACTIVE");
  if (subs.length)
    await svc.db.incidentImpact.createMany({
      data: subs.map((s) => ({
        tenantId: svc.tenantId,
        incidentId,
        subscriberId: s.id,
        customerId: s.customerId,
        customerName: s.customerName,
        username: s.username,
        business: s.business,
        planName: s.planName,
      })),
      skipDuplicates: true,
    });
  const [affected, business] = await Promise.all([
    svc.db.incidentImpact.count({ where: { incidentId } }),
    svc.db.incidentImpact.count({ where: { incidentId, business: true } }),
  ]);
  await svc.db.incident.update({
    where: { id: incidentId },
    data: { affectedCount: affected, businessCount: business, alarmCount },
  });
}
