// Demo data for notifications: the demo portal account is linked to a customer (Anna Schmidt)
// when nothing linked it yet, so it has an inbox and preferences; Jonas Weber has opted out of
// maintenance notices on every channel (bulk sends skip him). Idempotent.

import { DEMO_ACCOUNTS } from "@/prisma/demo-accounts";
import type { PrismaClient, Tenant } from "@/server/generated/prisma/client";

export const DEMO_PORTAL_CUSTOMER_EMAIL = "anna.schmidt@example.com";
export const DEMO_OPTED_OUT_USERNAME = "jonas.weber";

export async function seedNotifications(db: PrismaClient, tenant: Tenant) {
  const anna = await db.customer.findFirst({ where: { tenantId: tenant.id, email: DEMO_PORTAL_CUSTOMER_EMAIL } });
  if (anna)
    await db.user.updateMany({
      where: { email: DEMO_ACCOUNTS.subscriber.email, tenantId: tenant.id, customerId: null },
      data: { customerId: anna.id },
    });
  const jonas = await db.subscriber.findUnique({ where: { username: `${DEMO_OPTED_OUT_USERNAME}@${tenant.slug}` } });
  if (!jonas) return;
  for (const channel of ["EMAIL", "SMS", "PUSH", "INBOX"] as const)
    await db.notificationPreference.upsert({
      where: {
        tenantId_subscriberId_channel_category: {
          tenantId: tenant.id,
          subscriberId: jonas.id,
          channel,
          category: "MAINTENANCE",
        },
      },
      create: { tenantId: tenant.id, subscriberId: jonas.id, channel, category: "MAINTENANCE", enabled: false },
      update: {},
    });
}
