// The customers module's face: customers (people and businesses), their contacts and service
// addresses, and their self-registration to the portal.
export {
  type CustomerChange,
  type CustomerServiceRow,
  followCustomerChanges,
  provideCustomerServiceCounts,
  provideCustomerServices,
} from "./events";
export { customersJobs } from "./jobs";
export { requestPortalRegistration } from "./portal-registration";
export { customersRouter } from "./router";
export { type CustomerInput, customerInput } from "./schemas";
export {
  addServiceAddress,
  createCustomer,
  customerIdsMatching,
  customerSummaries,
  customersByIds,
  customersOfPartners,
  findCustomer,
  findCustomerByEmail,
  findServiceAddress,
  firstServiceAddressOf,
  getCustomer,
  listCustomers,
  removeServiceAddress,
  serviceAddressesByIds,
  updateCustomer,
} from "./service";
