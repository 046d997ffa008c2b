// Bulk read for the drift detector: what the platform intends for every subscriber of the
// tenant (status, plan, equipment), in id order, one page at a time.
import type { ServiceContext } from "@/server/service-context";

export type SubscriberIntent = {
  id: string;
  username: string;
  status: string;
  suspendReason: string | null;
  planId: string;
  accessType: string;
  onuSerial: string | null;
  staticIpv4: string | null;
};

export async function subscriberIntents(
  svc: ServiceContext,
  page: { afterId?: string; take: number; ids?: string[] },
): Promise<SubscriberIntent[]> {
  return svc.db.subscriber.findMany({
    where: {
      ...(page.afterId ? { id: { gt: page.afterId } } : {}),
      ...(page.ids ? { id: { in: page.ids } } : {}),
    },
    orderBy: { id: "asc" },
    take: page.take,
    select: {
      id: true,
      username: true,
      status: true,
      suspendReason: true,
      planId: true,
      accessType: true,
      onuSerial: true,
      staticIpv4: true,
    },
  });
}
