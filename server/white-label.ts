// The white label a customer's mail and documents wear: a reseller's name, colours, logo and
// support contacts for the customers it brought (and its sub-partners brought), the tenant's own
// for everyone else. Partners sit above billing and notifications in the module layering, so
// they cannot be asked directly: the partners module's resolver is provided once per process at
// start-up (instrumentation.ts) and the modules below ask for it here. With none provided,
// everything wears the tenant's brand.
import type { ServiceContext } from "./service-context";

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
