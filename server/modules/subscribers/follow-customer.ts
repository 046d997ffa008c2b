// Subscribers follow their customer: a customer or service-address edit refreshes their search
// text, and a new partner moves their services to it, in the edit's own transaction (customers
// sits below subscribers, so it calls this through the follower it holds, never by import).
import { type CustomerChange, followCustomerChanges } from "@/server/modules/customers";
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
