// Where a person lands after sign-in: their audience's portal, except field technicians,
// who land in the phone-sized technician app, customer service reps, who land on the
// support queue, and sales reps, who land on the sales pipeline.
import type { Audience } from "@/server/generated/prisma/enums";
import { audienceMayOpen, PORTAL_HOME } from "@/server/modules/identity";

export function homeFor(audience: Audience, roleKey?: string | null): string {
  if (audience === "STAFF" && roleKey === "field_technician") return "/tech";
  if (audience === "STAFF" && roleKey === "csr") return "/support";
  if (audience === "STAFF" && roleKey === "sales_rep") return "/crm";
  return PORTAL_HOME[audience];
}

/**
 * Where to go after sign-in when the sign-in page was given `next`: only a path on this site
 * that the audience may open, judged after resolving it as the browser will (dot segments,
 * `%2e%2e`, backslashes), else the audience's home.
 */
export function landingAfterSignIn(next: string | null, audience: Audience, roleKey?: string | null): string {
  const home = homeFor(audience, roleKey);
  if (!next) return home;
  const origin = "https://fiberops.invalid";
  let url: URL;
  try {
    url = new URL(next, origin);
  } catch {
    return home;
  }
  // A normalised path starting with // (or /\) is another host to the browser.
  if (url.origin !== origin || /^\/[/\\]/.test(url.pathname)) return home;
  return audienceMayOpen(audience, url.pathname) ? url.pathname + url.search + url.hash : home;
}
