// Subscribers follow their customer: a customer or service-address edit refreshes their search
// text, and a new partner moves their services to it, in the edit's own transaction; and they
// tell the customer's page which services it has (customers sits below subscribers, so it calls
// both through what it holds, never by import).
import { plansByIds } from "@/server/modules/catalog";
import { type CustomerChange, followCustomerChanges, provideCustomerServices } from "@/server/modules/customers";
import type { ServiceContext } from "@/server/service-context";
import { refreshSubscriberSearch, setServicesPartner } from "./search";

// biome-ignore lint/suspicious/noExplicitAny: the customer edit's scoped transaction client
type Tx = any;

async function followCustomer(tx: Tx, change: CustomerChange) {
  if (change.customerId === undefined) {
    await refreshSubscriberSearch(tx, { serviceAddressId: change.serviceAddressId });
    return;
  }
  // A customer handed to another partner takes its services along first: a partner's
  // transaction no longer sees that customer, and the search text holds nothing of the partner.
  if ("partnerId" in change && change.partnerId !== undefined)
    await setServicesPartner(tx, change.customerId, change.partnerId);
  await refreshSubscriberSearch(tx, { customerId: change.customerId });
}

followCustomerChanges(followCustomer);

async function servicesOfCustomer(svc: ServiceContext, customerId: string) {
  const subs = await svc.db.subscriber.findMany({
    where: { customerId },
    select: { id: true, username: true, status: true, serviceAddressId: true, planId: true },
    orderBy: { createdAt: "asc" },
  });
  const plans = new Map(
    (await plansByIds(svc.db, svc.tenantId, [...new Set(subs.map((s) => s.planId))])).map((p) => [p.id, p]),
  );
  return subs.map(({ planId, ...s }) => ({ ...s, plan: { name: plans.get(planId)?.name ?? "" } }));
}

provideCustomerServices(servicesOfCustomer);
