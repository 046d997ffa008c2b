// Who the subscribers are, as notifications needs them. Notifications sits below the
// subscribers module (which sends notices through it), so it cannot ask that module: the
// subscribers module provides this directory when its face loads
// (server/modules/subscribers/notification-directory.ts), wherever subscribers exist.
import type { ServiceContext } from "@/server/service-context";

export type SubscriberFilter = {
  statuses?: string[];
  planIds?: string[];
  search?: string;
  postcode?: string;
  oltIds?: string[];
  ponPortIds?: string[];
};

export type SubscriberContact = { id: string; customerId: string; username: string };

export interface SubscriberDirectory {
  /** The subscribers among `ids` that exist in the tenant. */
  contacts(svc: ServiceContext, ids: string[]): Promise<SubscriberContact[]>;
  /** Ids of the subscribers matching a bulk filter (status, plan, search, postcode, OLT/PON port). */
  matching(svc: ServiceContext, filter: SubscriberFilter): Promise<string[]>;
  /** Ids of a customer's subscribers (a portal user sees the notifications of all its services). */
  ofCustomer(svc: ServiceContext, customerId: string): Promise<string[]>;
}

let provided: SubscriberDirectory | null = null;

export function provideSubscriberDirectory(directory: SubscriberDirectory) {
  provided = directory;
}

export function subscriberDirectory(): SubscriberDirectory {
  if (!provided)
    throw new Error("No subscriber directory: import @/server/modules/subscribers, which provides it, first");
  return provided;
}
