// What modules above customers keep in step with a customer (subscribers: their search text and
// their partner), done in the customer's own transaction, and what they tell about it (its
// services). They register through the face; customers never imports them.

import type { ServiceContext } from "@/server/service-context";

// biome-ignore lint/suspicious/noExplicitAny: the scoped transaction client of the caller
type Tx = any;

export type CustomerChange =
  | { customerId: string; partnerId?: string | null }
  | { serviceAddressId: string; customerId?: undefined };

type Follower = (tx: Tx, change: CustomerChange) => Promise<void>;
const followers = new Set<Follower>();

/** Registers work to do in the transaction of every customer or service-address edit. */
export function followCustomerChanges(follower: Follower) {
  followers.add(follower);
}

export async function customerChanged(tx: Tx, change: CustomerChange) {
  for (const follow of followers) await follow(tx, change);
}

/** A customer's services as its page lists them. */
export type CustomerServiceRow = {
  id: string;
  username: string;
  status: string;
  serviceAddressId: string | null;
  plan: { name: string };
};
type ServicesReader = (svc: ServiceContext, customerId: string) => Promise<CustomerServiceRow[]>;
let servicesReader: ServicesReader | null = null;

/** The subscribers module registers how to read a customer's services (its page lists them). */
export function provideCustomerServices(reader: ServicesReader) {
  servicesReader = reader;
}

type ServiceCountsReader = (svc: ServiceContext, customerIds: string[]) => Promise<Map<string, number>>;
let serviceCountsReader: ServiceCountsReader | null = null;

/** The subscribers module registers how to count customers' services (the customer list shows it). */
export function provideCustomerServiceCounts(reader: ServiceCountsReader) {
  serviceCountsReader = reader;
}

export function customerServiceCounts(svc: ServiceContext, customerIds: string[]) {
  if (!serviceCountsReader)
    throw new Error("No counter of customer services: import @/server/modules/subscribers first");
  return serviceCountsReader(svc, customerIds);
}

export function customerServices(svc: ServiceContext, customerId: string) {
  if (!servicesReader) throw new Error("No reader of customer services: import @/server/modules/subscribers first");
  return servicesReader(svc, customerId);
}
