// The integrations module's face: which system (real or simulated) serves each tenant's OLT,
// ACS and IPAM, and the adapters for them.
export { acsAdapterFor, ipamAdapterFor, oltAdapterFor } from "./adapters";
export { integrationsRouter } from "./router";
export { INTEGRATION_SYSTEMS, type IntegrationSystem } from "./schemas";
