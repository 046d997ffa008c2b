// Page access for server components (portal layouts and pages).
//   const { user, tenant } = await requireAudience("STAFF");      // in app/noc/layout.tsx
//   await requirePermission("invoice.read");                       // in a page
// Not signed in → /sign-in?next=<this page>; signed in but not allowed → /forbidden.
// Procedures check permissions again: this decides what a person sees, not what they can do.

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { sessionUser } from "@/server/auth";
import { db } from "@/server/db";
import type { Audience } from "@/server/generated/prisma/enums";
import { homeFor } from "@/server/landing";
import { type Permission, PORTAL_HOME, type SessionUser } from "@/server/modules/identity";
import { loadTenant } from "@/server/modules/tenancy";

export type TenantBranding = {
  id: string;
  slug: string;
  name: string;
  logoUrl: string | null;
  primaryColor: string;
  accentColor: string;
  supportEmail: string | null;
  supportPhone: string | null;
  currency: string;
  timezone: string;
  locale: string;
};

export type PageUser = Omit<SessionUser, "permissions"> & { permissions: Permission[]; home: string };

/** The signed-in user for this request (read once per request), or null. */
export const currentUser = cache((): Promise<SessionUser | null> => sessionUser());

/** The tenant's name, colours and formats, for the shell (null for platform staff). */
export const tenantBranding = cache(async (tenantId: string | null): Promise<TenantBranding | null> => {
  if (!tenantId) return null;
  const t = await loadTenant(db(), tenantId);
  if (!t) return null;
  return {
    id: t.id,
    slug: t.slug,
    name: t.brandName || t.name,
    logoUrl: t.logoUrl,
    primaryColor: t.primaryColor,
    accentColor: t.accentColor,
    supportEmail: t.supportEmail,
    supportPhone: t.supportPhone,
    currency: t.currency,
    timezone: t.timezone,
    locale: t.locale,
  };
});

/** The path (and query) of the page being rendered, set by proxy.ts. */
async function currentPath(fallback: string) {
  const h = await headers();
  return h.get("x-pathname") || fallback;
}

function toPageUser(user: SessionUser): PageUser {
  return { ...user, permissions: [...user.permissions], home: homeFor(user.audience, user.roleKey) };
}

/** Requires a signed-in user of one of the given audiences. */
export async function requireAudience(
  audience: Audience | Audience[],
): Promise<{ user: PageUser; tenant: TenantBranding | null }> {
  const allowed = Array.isArray(audience) ? audience : [audience];
  const user = await currentUser();
  if (!user) {
    const next = await currentPath(PORTAL_HOME[allowed[0]!]);
    redirect(`/sign-in?next=${encodeURIComponent(next)}`);
  }
  if (!allowed.includes(user.audience)) redirect("/forbidden");
  return { user: toPageUser(user), tenant: await tenantBranding(user.tenantId) };
}

/** Requires a signed-in user holding `permission` (use inside a portal, after its layout). */
export async function requirePermission(permission: Permission): Promise<PageUser> {
  const user = await currentUser();
  if (!user) {
    const next = await currentPath("/");
    redirect(`/sign-in?next=${encodeURIComponent(next)}`);
  }
  if (!user.permissions.has(permission)) redirect(`/forbidden?need=${encodeURIComponent(permission)}`);
  return toPageUser(user);
}
