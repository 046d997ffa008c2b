// Hand-off: a partner gives one of its customers (and the customer's services) to the ISP.
// Commission already recorded stays; new invoices earn the partner nothing.
import { notFound } from "@/server/errors";
import { getCustomer, updateCustomer } from "@/server/modules/customers";
import type { ServiceContext } from "@/server/service-context";
import { partnerTree } from "./partners";

export async function handOffCustomer(svc: ServiceContext, partnerId: string, customerId: string) {
  const customer = await getCustomer(svc, customerId);
  if (!customer.partnerId || !(await partnerTree(svc, partnerId)).includes(customer.partnerId))
    throw notFound("Customer");
  await updateCustomer(svc, customerId, { partnerId: null });
  return { customerId, handedOffFrom: customer.partnerId };
}
