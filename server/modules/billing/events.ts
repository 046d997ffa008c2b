// The events billing enqueues for others (through the jobs port, in its transactions).

export const BILLING_RUN_EVENT = "billing/run.requested";
/** A customer's open balance went down (a credit note, a void): `{ tenantId, customerId }`. */
export const BALANCE_REDUCED_EVENT = "billing/balance.reduced";
