// The integrations module's face: each tenant's choice of system (real, simulated, built-in or
// none) for its OLT, ACS and IPAM, with the address and credentials of the real ones. The
// composition root (server/adapters/compose.ts) builds the adapters from these settings.
export { integrationsRouter } from "./router";
export { INTEGRATION_SYSTEMS, type IntegrationSystem } from "./schemas";
export { chooseSimulatorIfUnset, integrationHealth, recordIntegrationTest, resolveIntegration } from "./service";
