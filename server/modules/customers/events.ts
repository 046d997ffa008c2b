// The events customers enqueues for others (through the jobs port, in its transactions).

/**
 * A customer's or a service address's searchable fields changed:
 * `{ tenantId, customerId }` or `{ tenantId, serviceAddressId }`.
 */
export const CUSTOMER_CHANGED_EVENT = "customers/customer.changed";
