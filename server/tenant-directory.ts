// Reading a tenant for the modules below tenancy. Tenancy imports identity, so identity (sign-in,
// sessions, invitations, resets) cannot import tenancy: tenancy's reader is provided once per
// process at start-up (instrumentation.ts; the vitest setup; bench/signin.ts) and asked for here.
import type { Tenant } from "./generated/prisma/client";

export type TenantReader = (tenantId: string) => Promise<Tenant | null>;

// On globalThis: Next.js may load instrumentation.ts and the route handlers as separate bundles.
const KEY = Symbol.for("fiberops.tenantReader");
type Holder = { [KEY]?: TenantReader };

export function provideTenantReader(reader: TenantReader) {
  (globalThis as Holder)[KEY] = reader;
}

/** The tenant with that id (null for none); fails loudly when no reader was provided. */
export async function tenantById(tenantId: string | null): Promise<Tenant | null> {
  if (!tenantId) return null;
  const reader = (globalThis as Holder)[KEY];
  if (!reader) throw new Error("No tenant reader provided: call provideTenantReader at start-up");
  return reader(tenantId);
}
