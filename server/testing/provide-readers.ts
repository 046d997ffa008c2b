// What instrumentation.ts provides at start-up in the app, provided to every test file (tenancy
// imported only when a test reads a tenant through it).
import { provideTenantReader } from "@/server/tenant-directory";

provideTenantReader(async (tenantId) => (await import("@/server/modules/tenancy")).readTenant(tenantId));
