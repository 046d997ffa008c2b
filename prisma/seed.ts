// The demo data: one ISP tenant ("Acme Fiber"), a platform admin, a tenant admin and one
// user for every built-in role, all with the same demo password. Idempotent: running it
// again changes nothing that exists (passwords and edits made in the app are kept).
//
// Modules add their own demo data by exporting `seedX(db, tenant)` (idempotent too: look
// up by a natural key before creating) and adding ONE line to MODULE_SEEDS below, e.g.
//   ["network", seedNetwork],
// They run in the listed order, after the base data, each in its own try so one failing
// module names itself. `seedContext(db, tenant)` gives a ServiceContext (actor
// "system:seed") for calling services; DEMO_ACCOUNTS names the demo users (e.g. to link
// the subscriber account to its customer: `db.user.update({ where: { email: DEMO_ACCOUNTS.subscriber.email }, … })`).
//
// Run: `npm run db:seed` (DATABASE_URL set), or it runs by itself in `npm run demo`.
import { pathToFileURL } from "node:url";
import { createPrisma } from "@/server/db";
import type { PrismaClient, Tenant } from "@/server/generated/prisma/client";
import { seedCrm } from "@/server/modules/crm";
import { hashPassword, seedUser, syncBuiltInRoles } from "@/server/modules/identity";
import { seedFittedEquipment } from "@/server/modules/inventory";
import { seedNetwork } from "@/server/modules/network";
// ---- module seed imports go here ----
import { seedNotifications } from "@/server/modules/notifications";
import { seedPartners } from "@/server/modules/partners";
import { seedPortalBilling } from "@/server/modules/payments";
import { seedServiceability } from "@/server/modules/serviceability";
import {
  seedDunningDemoSubscriber,
  seedSubscriberAddresses,
  seedSubscriberBilling,
  seedSubscriberOnus,
  seedSubscribers,
} from "@/server/modules/subscribers";
import { seedTenant } from "@/server/modules/tenancy";
import { seedTickets } from "@/server/modules/tickets";
import { seedFieldWork } from "@/server/modules/workorders";
import { type ServiceContext, systemContext } from "@/server/service-context";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_TENANT_NAME, DEMO_TENANT_SLUG, type DemoAccount } from "./demo-accounts";

export type SeedFn = (db: PrismaClient, tenant: Tenant) => Promise<void>;

/** Module demo data, in order. Add one line per module. */
export const MODULE_SEEDS: Array<[name: string, seed: SeedFn]> = [
  ["subscribers", seedSubscribers],
  ["network", seedNetwork],
  ["subscriber ONUs", seedSubscriberOnus],
  ["portal billing", seedPortalBilling],
  ["dunning demo subscriber", seedDunningDemoSubscriber],
  ["billing", seedSubscriberBilling],
  ["notifications", seedNotifications],
  ["subscriber addresses", seedSubscriberAddresses],
  ["serviceability", seedServiceability],
  ["crm", seedCrm],
  ["partners", seedPartners],
  ["field work", seedFieldWork],
  ["fitted equipment", seedFittedEquipment],
  ["support tickets", seedTickets],
  // ["catalog", seedCatalog],
];

/** For `npm start`: whether anyone can sign in to the platform yet. */
export { platformUserCount } from "@/server/modules/identity";
export { DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_TENANT_SLUG };

/** A service context acting as the seed inside `tenant`. */
export function seedContext(db: PrismaClient, tenant: Tenant): ServiceContext {
  return systemContext(tenant.id, "seed", db);
}

/** Built-in roles, and a platform admin from PLATFORM_ADMIN_EMAIL/PASSWORD when set and missing.
 * Runs on every start (also in production, where no demo data is wanted). */
export async function seedPlatform(db: PrismaClient, log: (line: string) => void = () => {}) {
  await syncBuiltInRoles(db);
  const email = process.env.PLATFORM_ADMIN_EMAIL?.trim().toLowerCase();
  const password = process.env.PLATFORM_ADMIN_PASSWORD;
  if (
    email &&
    password &&
    (await seedUser(db, {
      email,
      name: "Platform admin",
      roleKey: "platform_admin",
      tenantId: null,
      passwordHash: await hashPassword(password),
    }))
  )
    log(`created platform admin ${email}`);
}

async function upsertDemoTenant(db: PrismaClient): Promise<Tenant> {
  return seedTenant(
    db,
    {
      slug: DEMO_TENANT_SLUG,
      name: DEMO_TENANT_NAME,
      legalName: "Acme Fiber GmbH",
      currency: "EUR",
      timezone: "Europe/Berlin",
      locale: "en",
      billingDay: 1,
      invoicePrefix: "ACME-",
      pricesIncludeTax: true,
      brandName: "Acme Fiber",
      primaryColor: "#0b6bcb",
      accentColor: "#1f9d55",
      supportEmail: "support@acme-fiber.example",
      supportPhone: "+49 30 1234 5678",
      // The demo sends SMS through the built-in simulator (chosen, not fallen back to).
      settings: { sms: { provider: "simulator" } },
    },
    [
      { name: "VAT 19%", basisPoints: 1900, isDefault: true },
      { name: "VAT 7%", basisPoints: 700 },
    ],
  );
}

async function upsertDemoUsers(db: PrismaClient, tenant: Tenant) {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const account of Object.values(DEMO_ACCOUNTS) as DemoAccount[])
    await seedUser(db, { ...account, tenantId: account.tenant ? tenant.id : null, passwordHash });
}

/** Everything the demo needs. Returns the demo tenant. */
export async function seedDemo(db: PrismaClient, log: (line: string) => void = console.log): Promise<Tenant> {
  await seedPlatform(db, log);
  const tenant = await upsertDemoTenant(db);
  await upsertDemoUsers(db, tenant);
  for (const [name, seed] of MODULE_SEEDS) {
    try {
      await seed(db, tenant);
    } catch (error) {
      throw new Error(`seeding ${name} failed: ${(error as Error).message}`, { cause: error });
    }
  }
  return tenant;
}

/** The sign-ins printed by `npm run demo`. */
export function demoSignIns(): Array<{ role: string; email: string; home: string }> {
  return (Object.values(DEMO_ACCOUNTS) as DemoAccount[]).map((a) => ({
    role: a.roleKey,
    email: a.email,
    home: a.home,
  }));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const db = createPrisma();
  try {
    const tenant = await seedDemo(db);
    console.log(`seeded demo tenant ${tenant.slug}; demo password: ${DEMO_PASSWORD}`);
  } finally {
    await db.$disconnect();
  }
}
