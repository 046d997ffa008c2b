// The white label a customer's mail and documents wear: a reseller's name, colours, logo and
// support contacts for the customers it brought (and its sub-partners brought), the tenant's own
// for everyone else. Partners sit above billing and notifications in the module layering, so
// they cannot be asked directly: the partners module's resolver is provided once per process at
// start-up (instrumentation.ts) and the modules below ask for it here. With none provided,
// everything wears the tenant's brand.
import { type ServiceContext, systemContext } from "./service-context";

export type WhiteLabel = {
  name: string;
  primaryColor: string | null;
  accentColor: string | null;
  logoUrl: string | null;
  supportEmail: string | null;
  supportPhone: string | null;
};

/** The white label of each customer that has one (customers without one are left out). */
export type WhiteLabelResolver = (svc: ServiceContext, customerIds: string[]) => Promise<Map<string, WhiteLabel>>;

// On globalThis: Next.js may load instrumentation.ts and the route handlers as separate bundles.
const KEY = Symbol.for("fiberops.whiteLabelResolver");
type Holder = { [KEY]?: WhiteLabelResolver };

export function provideWhiteLabels(resolver: WhiteLabelResolver) {
  (globalThis as Holder)[KEY] = resolver;
}

export async function whiteLabelsFor(svc: ServiceContext, customerIds: string[]): Promise<Map<string, WhiteLabel>> {
  const resolver = (globalThis as Holder)[KEY];
  const ids = [...new Set(customerIds)];
  if (!resolver || ids.length === 0) return new Map();
  return resolver(svc, ids);
}

type BrandFields = {
  brandName: string | null;
  logoUrl: string | null;
  primaryColor: string;
  accentColor: string;
  supportEmail: string | null;
  supportPhone: string | null;
};

/** The tenant's brand with a white label laid over it (the legal name stays the tenant's). */
export function wearing<T extends BrandFields>(tenant: T, label: WhiteLabel | undefined): T {
  if (!label) return tenant;
  return {
    ...tenant,
    brandName: label.name,
    logoUrl: label.logoUrl,
    primaryColor: label.primaryColor ?? tenant.primaryColor,
    accentColor: label.accentColor ?? tenant.accentColor,
    supportEmail: label.supportEmail ?? tenant.supportEmail,
    supportPhone: label.supportPhone ?? tenant.supportPhone,
  };
}

/** What one customer's mail wears: the tenant's brand, or its reseller's over it. */
export async function customerBrand<T extends BrandFields & { id: string }>(
  tenant: T,
  customerId: string | null | undefined,
): Promise<T> {
  if (!customerId) return tenant;
  const labels = await whiteLabelsFor(systemContext(tenant.id, "white-label"), [customerId]);
  return wearing(tenant, labels.get(customerId));
}
