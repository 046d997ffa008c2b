// The tenancy module's face: the ISPs of the installation, their profile and settings.
export { mailboxRouter, tenancyRouter } from "./router";
export { seedTenant } from "./seed";
export {
  activeTenants,
  getTenantProfile,
  getTenantSettings,
  loadTenant,
  readTenant,
  taxRatesOf,
  tenantBySlug,
  tenantSettingsOf,
} from "./service";
export { readSettings, type TenantSettings } from "./settings";
