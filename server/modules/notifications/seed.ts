// Demo data for notifications: the demo portal account is linked to a customer (Anna Schmidt)
// when nothing linked it yet, so it has an inbox and preferences; the subscribers seed opts
// Jonas Weber out of maintenance notices on every channel (bulk sends skip him). Idempotent.

import { DEMO_ACCOUNTS } from "@/prisma/demo-accounts";
import type { PrismaClient, Tenant } from "@/server/generated/prisma/client";
import { findCustomerByEmail } from "@/server/modules/customers";
import { linkPortalAccount } from "@/server/modules/identity";
import { type ServiceContext, systemContext } from "@/server/service-context";

export const DEMO_PORTAL_CUSTOMER_EMAIL = "anna.schmidt@example.com";

export async function seedNotifications(db: PrismaClient, tenant: Tenant) {
  const svc = systemContext(tenant.id, "seed", db);
  const anna = await findCustomerByEmail(svc, DEMO_PORTAL_CUSTOMER_EMAIL);
  if (anna) await linkPortalAccount(db, tenant.id, DEMO_ACCOUNTS.subscriber.email, anna.id);
}

/** A subscriber who opted out of maintenance notices on every channel (the subscribers seed's Jonas Weber). */
export async function seedMaintenanceOptOut(svc: ServiceContext, subscriberId: string) {
  for (const channel of ["EMAIL", "SMS", "PUSH", "INBOX"] as const)
    await svc.db.notificationPreference.upsert({
      where: {
        tenantId_subscriberId_channel_category: {
          tenantId: svc.tenantId,
          subscriberId,
          channel,
          category: "MAINTENANCE",
        },
      },
      create: { tenantId: svc.tenantId, subscriberId, channel, category: "MAINTENANCE", enabled: false },
      update: {},
    });
}
