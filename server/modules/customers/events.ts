// What modules above customers keep in step with a customer (subscribers: their search text and
// their partner), done in the customer's own transaction. They register a follower through the
// face; customers never imports them.

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
