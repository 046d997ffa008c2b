// Who a subscriber notification goes to: the customer's name, email, phone and timezone, and
// the subscriber's notification settings. Subscribers come from the subscriber directory and
// customers from their module, a chunk of thousands at a time for bulk sends.

import { notFound } from "@/server/errors";
import { customersByIds } from "@/server/modules/customers";
import { loadTenant } from "@/server/modules/tenancy";
import type { ServiceContext } from "@/server/service-context";
import { type SubscriberFilter, subscriberDirectory } from "./directory";
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
      subscriberDirectory().contacts(svc, chunk),
      svc.db.notificationSettings.findMany({ where: { subscriberId: { in: chunk } } }),
    ]);
    const customers = new Map(
      (await customersByIds(svc.db, svc.tenantId, [...new Set(subs.map((s) => s.customerId))])).map((c) => [c.id, c]),
    );
    const bySub = new Map(settings.map((s) => [s.subscriberId, s]));
    for (const s of subs) {
      const customer = customers.get(s.customerId);
      if (!customer) continue;
      const own = bySub.get(s.id);
      const q =
        own && own.quietHoursStart !== null && own.quietHoursEnd !== null
          ? { start: own.quietHoursStart, end: own.quietHoursEnd }
          : quietHours;
      out.set(s.id, {
        subscriberId: s.id,
        customerId: s.customerId,
        username: s.username,
        name: customer.name,
        email: customer.email || null,
        phone: customer.phone || null,
        timeZone: own?.timezone || customer.timezone || tenant.timezone,
        quietHours: q,
      });
    }
  }
  return out;
}

/** Subscriber ids matching a bulk filter. */
export function findSubscriberIds(svc: ServiceContext, filter: SubscriberFilter): Promise<string[]> {
  return subscriberDirectory().matching(svc, filter);
}

/** Subscriber ids of a customer (a portal user sees the notifications of all its services). */
export function subscriberIdsOfCustomer(svc: ServiceContext, customerId: string): Promise<string[]> {
  return subscriberDirectory().ofCustomer(svc, customerId);
}
