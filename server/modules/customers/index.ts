// The customers module's face: customers (people and businesses), their contacts and service
// addresses.
export { CUSTOMER_CHANGED_EVENT } from "./events";
export { customersRouter } from "./router";
export { type CustomerInput, customerInput } from "./schemas";
export {
  createCustomer,
  customerIdsMatching,
  customerSummaries,
  findCustomer,
  findCustomerByEmail,
  findServiceAddress,
  getCustomer,
} from "./service";
