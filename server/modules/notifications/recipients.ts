// Who a subscriber notification goes to: the customer's name, email, phone and timezone, and
// the subscriber's notification settings. Reads the subscriber and customer rows (read-only)
// because bulk sends need thousands at once, which the subscribers service has no call for.

import { notFound } from "@/server/errors";
import { subscriberIdsBehind } from "@/server/modules/network";
import { loadTenant } from "@/server/modules/tenancy";
import type { ServiceContext } from "@/server/service-context";
import { DEFAULT_QUIET_HOURS, type QuietHours } from "./rules";

export type Recipient = {
  subscriberId: string;
  customerId: string;
  username: string;
  name: string;
  email: string | null;
  phone: string | null;
  timeZone: string;
  quietHours: QuietHours | null;
};

type TenantNotificationSettings = { notifications?: { quietHours?: { start: number; end: number } | null } };

export async function tenantOf(svc: ServiceContext) {
  const tenant = await loadTenant(svc.db, svc.tenantId);
  if (!tenant) throw notFound("The tenant");
  const s = (tenant.settings ?? {}) as TenantNotificationSettings;
  const quiet = s.notifications?.quietHours === null ? null : (s.notifications?.quietHours ?? DEFAULT_QUIET_HOURS);
  return { tenant, quietHours: quiet };
}

export async function loadRecipients(svc: ServiceContext, subscriberIds: string[]): Promise<Map<string, Recipient>> {
  const out = new Map<string, Recipient>();
  if (subscriberIds.length === 0) return out;
  const { tenant, quietHours } = await tenantOf(svc);
  const ids = [...new Set(subscriberIds)];
  for (let i = 0; i < ids.length; i += 5000) {
    const chunk = ids.slice(i, i + 5000);
    const [subs, settings] = await Promise.all([
      svc.db.subscriber.findMany({
        where: { id: { in: chunk } },
        select: {
          id: true,
          username: true,
          customerId: true,
          customer: { select: { name: true, email: true, phone: true, timezone: true } },
        },
      }),
      svc.db.notificationSettings.findMany({ where: { subscriberId: { in: chunk } } }),
    ]);
    const bySub = new Map(settings.map((s) => [s.subscriberId, s]));
    for (const s of subs) {
      const own = bySub.get(s.id);
      const q =
        own && own.quietHoursStart !== null && own.quietHoursEnd !== null
          ? { start: own.quietHoursStart, end: own.quietHoursEnd }
          : quietHours;
      out.set(s.id, {
        subscriberId: s.id,
        customerId: s.customerId,
        username: s.username,
        name: s.customer.name,
        email: s.customer.email || null,
        phone: s.customer.phone || null,
        timeZone: own?.timezone || s.customer.timezone || tenant.timezone,
        quietHours: q,
      });
    }
  }
  return out;
}

export type SubscriberFilter = {
  statuses?: string[];
  planIds?: string[];
  search?: string;
  postcode?: string;
  oltIds?: string[];
  ponPortIds?: string[];
};

/** Subscriber ids matching a bulk filter (status, plan, name/username search, postcode, OLT/PON port). */
export async function findSubscriberIds(svc: ServiceContext, filter: SubscriberFilter): Promise<string[]> {
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

/** Subscriber ids of a customer (a portal user sees the notifications of all its services). */
export async function subscriberIdsOfCustomer(svc: ServiceContext, customerId: string) {
  const rows = await svc.db.subscriber.findMany({ where: { customerId }, select: { id: true } });
  return rows.map((r) => r.id);
}
