// Demo data for the subscriber side: plans, customers with service addresses, subscribers in
// every interesting status, and the NAS the BNG simulator plays (FreeRADIUS client).
// Idempotent: everything is looked up by its natural key first.

import type { PrismaClient, Tenant } from "@/server/generated/prisma/client";
import { seedBilling } from "@/server/modules/billing";
import { createPlan, findPlanByCode } from "@/server/modules/catalog";
import { createCustomer, findCustomerByEmail, firstServiceAddressOf } from "@/server/modules/customers";
import { allocateSubscriberIp } from "@/server/modules/ipam";
import {
  activateSubscriberOnu,
  configureSubscriberCpe,
  plugDemoOnus,
  subscriberNetwork,
} from "@/server/modules/network";
import { seedMaintenanceOptOut } from "@/server/modules/notifications";
import { ensureNas } from "@/server/modules/radius";
import { systemContext } from "@/server/service-context";
import { subscriberForNetwork } from "./network-view";
import { createSubscriber, findSubscriberByUsername, recordSubscriberAddress, transitionSubscriber } from "./service";

export const DEMO_BNG = {
  nasIp: "127.0.0.1",
  secret: process.env.BNG_SECRET ?? "acme-bng-secret",
  daePort: Number(process.env.BNG_DAE_PORT ?? 3799),
};

const PLANS = [
  // The residential plans are the ones subscribers may switch between in the portal.
  {
    code: "FIBER-100",
    name: "Fiber 100",
    downloadKbps: 100_000,
    uploadKbps: 20_000,
    priceMinor: 2990,
    portalSwitchable: true,
  },
  {
    code: "FIBER-300",
    name: "Fiber 300",
    downloadKbps: 300_000,
    uploadKbps: 60_000,
    priceMinor: 3990,
    portalSwitchable: true,
  },
  {
    code: "FIBER-1000",
    name: "Fiber 1000",
    downloadKbps: 1_000_000,
    uploadKbps: 200_000,
    burstDownloadKbps: 1_200_000,
    burstUploadKbps: 300_000,
    priceMinor: 5990,
    dataCapGb: null,
    portalSwitchable: true,
  },
  { code: "BIZ-500", name: "Business 500", downloadKbps: 500_000, uploadKbps: 500_000, priceMinor: 9900 },
];

const PEOPLE: Array<{
  name: string;
  user: string;
  street: string;
  lat: number;
  lng: number;
  plan: string;
  status: "ACTIVE" | "SUSPENDED" | "PENDING";
  business?: string;
}> = [
  {
    name: "Anna Schmidt",
    user: "anna.schmidt",
    street: "Lindenstraße 12",
    lat: 52.5035,
    lng: 13.3972,
    plan: "FIBER-100",
    status: "ACTIVE",
  },
  {
    name: "Jonas Weber",
    user: "jonas.weber",
    street: "Oranienstraße 45",
    lat: 52.5011,
    lng: 13.4195,
    plan: "FIBER-300",
    status: "ACTIVE",
  },
  {
    name: "Lea Fischer",
    user: "lea.fischer",
    street: "Wiener Straße 3",
    lat: 52.4985,
    lng: 13.4333,
    plan: "FIBER-1000",
    status: "ACTIVE",
  },
  {
    name: "Mehmet Yilmaz",
    user: "mehmet.yilmaz",
    street: "Skalitzer Straße 80",
    lat: 52.4996,
    lng: 13.4251,
    plan: "FIBER-300",
    status: "SUSPENDED",
  },
  {
    name: "Sofia Rossi",
    user: "sofia.rossi",
    street: "Reichenberger Straße 21",
    lat: 52.4968,
    lng: 13.4301,
    plan: "FIBER-100",
    status: "ACTIVE",
  },
  {
    name: "Lukas Becker",
    user: "lukas.becker",
    street: "Adalbertstraße 9",
    lat: 52.5031,
    lng: 13.4189,
    plan: "FIBER-100",
    status: "PENDING",
  },
  {
    name: "Katrin Wolf",
    user: "kiez-cafe",
    street: "Görlitzer Straße 66",
    lat: 52.4972,
    lng: 13.4367,
    plan: "BIZ-500",
    status: "ACTIVE",
    business: "Kiez Café UG",
  },
];

export async function seedSubscribers(db: PrismaClient, tenant: Tenant) {
  const svc = systemContext(tenant.id, "seed", db);
  const plans = new Map<string, string>();
  for (const p of PLANS) {
    const existing = await findPlanByCode(svc, p.code);
    plans.set(p.code, existing?.id ?? (await createPlan(svc, { ...p, currency: tenant.currency })).id);
  }
  await ensureNas(svc, {
    nasname: DEMO_BNG.nasIp,
    shortname: "bng-sim-1",
    type: "mikrotik",
    secret: DEMO_BNG.secret,
    coaPort: DEMO_BNG.daePort,
    description: "BNG simulator (simulator/bng): plays a MikroTik BNG for the demo subscribers",
  });
  let n = 0;
  for (const person of PEOPLE) {
    n++;
    const username = `${person.user}@${tenant.slug}`;
    if (await db.subscriber.findUnique({ where: { username } })) continue;
    const email = `${person.user}@example.com`;
    const customer =
      (await findCustomerByEmail(svc, email)) ??
      (await createCustomer(svc, {
        kind: person.business ? "BUSINESS" : "PERSON",
        name: person.name,
        companyName: person.business ?? null,
        email,
        phone: `+49 30 5550 ${String(1000 + n)}`,
        billingLine1: person.street,
        billingCity: "Berlin",
        billingPostcode: "10999",
        billingCountry: "DE",
        serviceAddresses: [
          {
            line1: person.street,
            city: "Berlin",
            postcode: "10999",
            country: "DE",
            latitude: person.lat,
            longitude: person.lng,
          },
        ],
      }));
    const address = await firstServiceAddressOf(svc, customer.id);
    const sub = await createSubscriber(svc, {
      customerId: customer.id,
      planId: plans.get(person.plan) as string,
      serviceAddressId: address?.id ?? null,
      username,
      password: `demo-${person.user}`,
      onuSerial: `ACME${String(100000 + n)}`,
      cpeMac: `02:ac:3e:00:00:${String(n).padStart(2, "0")}`,
    });
    if (person.status === "PENDING") continue;
    await transitionSubscriber(svc, sub.id, "PROVISIONING");
    await transitionSubscriber(svc, sub.id, "ACTIVE");
    if (person.status === "SUSPENDED")
      await transitionSubscriber(svc, sub.id, "SUSPENDED", { suspendReason: "NON_PAYMENT" });
  }
  // Jonas Weber opted out of maintenance notices on every channel (bulk sends skip him).
  const jonas = await findSubscriberByUsername(svc, `jonas.weber@${tenant.slug}`);
  if (jonas) await seedMaintenanceOptOut(svc, jonas.id);
}

const DUNNING_DEMO = { username: "tomasz.nowak", name: "Tomasz Nowak", email: "tomasz.nowak@example.com" };

/**
 * A live subscriber of the dunning demo's own (the others belong to other journeys); the billing
 * seed, run next, bills him a cycle that is already overdue.
 */
export async function seedDunningDemoSubscriber(db: PrismaClient, tenant: Tenant) {
  const svc = systemContext(tenant.id, "seed", db);
  const username = `${DUNNING_DEMO.username}@${tenant.slug}`;
  const existing = await svc.db.subscriber.findFirst({ where: { username } });
  if (existing) return;
  const plan = await findPlanByCode(svc, "FIBER-300");
  if (!plan) throw new Error("plan FIBER-300 is missing (the subscribers seed runs first)");
  const customer =
    (await findCustomerByEmail(svc, DUNNING_DEMO.email)) ??
    (await createCustomer(svc, {
      kind: "PERSON",
      name: DUNNING_DEMO.name,
      email: DUNNING_DEMO.email,
      phone: "+49 30 5550 2001",
      billingLine1: "Manteuffelstraße 40",
      billingCity: "Berlin",
      billingPostcode: "10999",
      billingCountry: "DE",
      serviceAddresses: [
        {
          line1: "Manteuffelstraße 40",
          city: "Berlin",
          postcode: "10999",
          country: "DE",
          latitude: 52.4989,
          longitude: 13.4212,
        },
      ],
    }));
  const address = await firstServiceAddressOf(svc, customer.id);
  const sub = await createSubscriber(svc, {
    customerId: customer.id,
    planId: plan.id,
    serviceAddressId: address?.id ?? null,
    username,
    password: `demo-${DUNNING_DEMO.username}`,
    cpeMac: "02:ac:3e:00:00:40",
  });
  await transitionSubscriber(svc, sub.id, "PROVISIONING");
  await transitionSubscriber(svc, sub.id, "ACTIVE");
}

/**
 * Plugs the demo subscribers' ONUs into the simulated OLT (runs after the network seed) and,
 * for the live ones, activates the ONU and configures the CPE; a pending one gets them when
 * provisioned.
 */
export async function seedSubscriberOnus(db: PrismaClient, tenant: Tenant) {
  const svc = systemContext(tenant.id, "seed", db);
  const subscribers = await svc.db.subscriber.findMany({
    where: { onuSerial: { not: null } },
    orderBy: { username: "asc" },
    select: { id: true, status: true, onuSerial: true },
  });
  await plugDemoOnus(
    svc,
    subscribers.map((s) => s.onuSerial!),
  );
  for (const s of subscribers) {
    if (s.status !== "ACTIVE" && s.status !== "SUSPENDED") continue;
    if ((await subscriberNetwork(svc, s.id)).onu?.serialNumber === s.onuSerial) continue;
    const view = await subscriberForNetwork(svc, s.id);
    await activateSubscriberOnu(svc, view);
    await configureSubscriberCpe(svc, view, { ssid: `Acme-${view.username.slice(-4)}` });
  }
}

/**
 * Gives every live demo subscriber its address from IPAM, as provisioning does (runs after the
 * network seed has created the pools, and after the other seeds have added their subscribers).
 */
export async function seedSubscriberAddresses(db: PrismaClient, tenant: Tenant) {
  const svc = systemContext(tenant.id, "seed", db);
  const live = await svc.db.subscriber.findMany({
    where: { status: { in: ["ACTIVE", "SUSPENDED"] }, ipv4Address: null, framedPool: null },
    orderBy: { createdAt: "asc" },
    select: { id: true },
  });
  for (const s of live) {
    const ip = await allocateSubscriberIp(svc, await subscriberForNetwork(svc, s.id));
    await recordSubscriberAddress(svc, s.id, { ipv4Address: ip.address, framedPool: ip.framedPool });
  }
}

/** The billing demo (billing's seedBilling) for the live demo subscribers; Tomasz's is overdue. */
export async function seedSubscriberBilling(db: PrismaClient, tenant: Tenant) {
  const svc = systemContext(tenant.id, "seed", db);
  const overdue = await findSubscriberByUsername(svc, `${DUNNING_DEMO.username}@${tenant.slug}`);
  if (!overdue) throw new Error("the dunning demo subscriber is missing (seedDunningDemoSubscriber runs first)");
  const live = await svc.db.subscriber.findMany({
    where: { status: { in: ["ACTIVE", "SUSPENDED"] } },
    select: { id: true, customerId: true, planId: true, username: true },
    orderBy: { username: "asc" },
  });
  await seedBilling(db, tenant, live, overdue);
}
