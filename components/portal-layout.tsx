// The server half of every portal layout: checks the audience, filters the portal's
// navigation by the user's permissions, and renders the shell with the tenant's branding.
//   export default function Layout({ children }) {
//     return <PortalLayout audience="STAFF" portal="staff" portalName="Operations">{children}</PortalLayout>;
//   }
import type { ReactNode } from "react";
import type { Audience } from "@/server/generated/prisma/enums";
import { roleName } from "@/server/modules/identity";
import { brandingFor } from "@/server/modules/partners";
import { requireAudience } from "@/server/page-guard";
import { AppShell } from "./app-shell";
import { NAV_BY_PORTAL, type Portal, visibleNav } from "./navigation";

export const PLATFORM_BRAND = { name: "FiberOps", primaryColor: "#0f62fe", accentColor: "#24a148" };

export async function PortalLayout({
  audience,
  portal,
  portalName,
  variant,
  switchTo,
  children,
}: {
  audience: Audience | Audience[];
  portal: Portal;
  portalName: string;
  variant?: "full" | "phone";
  switchTo?: { href: string; label: string };
  children: ReactNode;
}) {
  const { user, tenant } = await requireAudience(audience);
  const roleLabel = await roleName(user.roleKey, user.tenantId);
  // White label: a partner's portal, and a reseller's customers' portal, wear the partner's brand.
  const label = tenant ? await brandingFor(user) : null;
  const sections = visibleNav(NAV_BY_PORTAL[portal], user.permissions);
  // The notification bell: staff consoles (their own inbox) and the subscriber portal.
  const inbox =
    portal === "staff" && user.permissions.includes("inbox.read")
      ? { audience: "staff" as const, href: "/noc/inbox" }
      : portal === "portal" && user.permissions.includes("portal.self")
        ? { audience: "portal" as const, href: "/portal/inbox" }
        : undefined;
  return (
    <AppShell
      portalName={portalName}
      sections={sections}
      variant={variant}
      switchTo={switchTo}
      inbox={inbox}
      brand={
        tenant
          ? {
              name: label?.name ?? tenant.name,
              logoUrl: label ? label.logoUrl : tenant.logoUrl,
              primaryColor: label?.primaryColor ?? tenant.primaryColor,
              accentColor: label?.accentColor ?? tenant.accentColor,
            }
          : PLATFORM_BRAND
      }
      user={{ name: user.name, email: user.email, roleName: roleLabel ?? user.roleKey }}
      format={tenant ? { currency: tenant.currency, timeZone: tenant.timezone, locale: tenant.locale } : undefined}
    >
      {children}
    </AppShell>
  );
}
