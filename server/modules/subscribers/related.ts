// A subscriber row holds only the ids of its customer, service address and plan: those rows
// belong to the customers and catalog modules and are read through their faces, a whole page
// of subscribers at a time (inside the caller's transaction when it passes one).
import type { DbTx, TenantDb } from "@/server/db";
import type { Customer, Plan, ServiceAddress } from "@/server/generated/prisma/client";
import { plansByIds } from "@/server/modules/catalog";
import { customersByIds, serviceAddressesByIds } from "@/server/modules/customers";

type Client = DbTx | TenantDb;
type Refs = { customerId: string; serviceAddressId: string | null; planId: string };

export type Related = {
  customer: (id: string) => Customer;
  address: (id: string | null) => ServiceAddress | null;
  plan: (id: string) => Plan;
};

/** The customers, service addresses and plans of `subs`, by id. */
export async function relatedOf(client: Client, tenantId: string, subs: Refs[]): Promise<Related> {
  const ids = (pick: (s: Refs) => string | null) => [...new Set(subs.map(pick).filter((id): id is string => !!id))];
  const [customers, addresses, plans] = await Promise.all([
    customersByIds(
      client,
      tenantId,
      ids((s) => s.customerId),
    ),
    serviceAddressesByIds(
      client,
      tenantId,
      ids((s) => s.serviceAddressId),
    ),
    plansByIds(
      client,
      tenantId,
      ids((s) => s.planId),
    ),
  ]);
  const byId = <T extends { id: string }>(rows: T[]) => new Map(rows.map((r) => [r.id, r]));
  const [c, a, p] = [byId(customers), byId(addresses), byId(plans)];
  const must = <T>(map: Map<string, T>, id: string, what: string) => {
    const row = map.get(id);
    if (!row) throw new Error(`${what} ${id} of a subscriber is missing`);
    return row;
  };
  return {
    customer: (id) => must(c, id, "Customer"),
    address: (id) => (id ? (a.get(id) ?? null) : null),
    plan: (id) => must(p, id, "Plan"),
  };
}

/** What a subscriber's page shows of its customer. */
export const customerCard = (c: Customer) => ({
  id: c.id,
  number: c.number,
  name: c.name,
  companyName: c.companyName,
  email: c.email,
  phone: c.phone,
  kind: c.kind,
});

/** The subscriber with its customer (card), service address and plan. */
export async function withDetails<T extends Refs>(client: Client, tenantId: string, sub: T) {
  const r = await relatedOf(client, tenantId, [sub]);
  return {
    ...sub,
    customer: customerCard(r.customer(sub.customerId)),
    serviceAddress: r.address(sub.serviceAddressId),
    plan: r.plan(sub.planId),
  };
}
