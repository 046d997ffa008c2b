"use client";
// The frame around every signed-in page: a sidebar with the portal's navigation (already
// filtered to the user's permissions by the layout), the tenant's name and colours, and a
// user menu with sign-out. `variant="phone"` is the field technician's one-column app with a
// bottom tab bar.
import Link from "next/link";
import { usePathname } from "next/navigation";
import { type CSSProperties, type ReactNode, useEffect, useState } from "react";
import { signOutAction } from "@/app/(auth)/sign-out/actions";
import type { NavSection } from "./navigation";
import { type InboxAudience, InboxBell } from "./notification-inbox";
import { cx, FormatProvider } from "./ui";

export type ShellBrand = {
  name: string;
  logoUrl?: string | null;
  primaryColor?: string;
  accentColor?: string;
};

export type ShellUser = { name: string; email: string; roleName: string };

export type ShellFormat = { currency: string; timeZone: string; locale: string };

function isActive(pathname: string, href: string, allHrefs: string[]) {
  if (pathname === href) return true;
  if (!pathname.startsWith(`${href}/`)) return false;
  // Only the most specific matching entry is active.
  return !allHrefs.some(
    (h) => h !== href && h.startsWith(`${href}/`) && (pathname === h || pathname.startsWith(`${h}/`)),
  );
}

function brandStyle(brand: ShellBrand): CSSProperties {
  const style: Record<string, string> = {};
  if (brand.primaryColor && /^#[0-9a-f]{3,8}$/i.test(brand.primaryColor)) style["--brand"] = brand.primaryColor;
  if (brand.accentColor && /^#[0-9a-f]{3,8}$/i.test(brand.accentColor)) style["--accent"] = brand.accentColor;
  return style as CSSProperties;
}

function initials(name: string) {
  return (
    name
      .split(/\s+/)
      .filter(Boolean)
      .slice(0, 2)
      .map((w) => w[0]?.toUpperCase())
      .join("") || "?"
  );
}

export function AppShell({
  portalName,
  sections,
  brand,
  user,
  format,
  variant = "full",
  switchTo,
  inbox,
  children,
}: {
  /** Shown under the brand name ("Operations", "Platform admin", "My account"…). */
  portalName: string;
  sections: NavSection[];
  brand: ShellBrand;
  user: ShellUser;
  format?: ShellFormat;
  variant?: "full" | "phone";
  /** A link to another view of the same app (e.g. the technician app ↔ the full console). */
  switchTo?: { href: string; label: string };
  /** Shows the notification bell (unread count) linking to this inbox. */
  inbox?: { audience: InboxAudience; href: string };
  children: ReactNode;
}) {
  const pathname = usePathname();
  const [menuOpen, setMenuOpen] = useState(false);
  const [userOpen, setUserOpen] = useState(false);
  const hrefs = sections.flatMap((s) => s.items.map((i) => i.href));

  // Close the mobile menu after navigating.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on path change
  useEffect(() => {
    setMenuOpen(false);
    setUserOpen(false);
  }, [pathname]);

  const logo = (
    <Link href={hrefs[0] ?? "/"} className="brand">
      {brand.logoUrl ? (
        // biome-ignore lint/performance/noImgElement: tenant logos are arbitrary external URLs
        <img src={brand.logoUrl} alt="" className="brand-logo" />
      ) : (
        <span className="brand-mark" aria-hidden="true">
          {initials(brand.name)}
        </span>
      )}
      <span className="brand-text">
        <span className="brand-name">{brand.name}</span>
        <span className="brand-portal">{portalName}</span>
      </span>
    </Link>
  );

  const userMenu = (
    <div className="user-menu">
      <button
        type="button"
        className="user-menu-button"
        aria-expanded={userOpen}
        aria-haspopup="menu"
        onClick={() => setUserOpen((o) => !o)}
      >
        <span className="avatar" aria-hidden="true">
          {initials(user.name)}
        </span>
        <span className="user-menu-name">{user.name}</span>
      </button>
      {userOpen ? (
        <div className="user-menu-panel" role="menu">
          <div className="user-menu-who">
            <strong>{user.name}</strong>
            <span className="muted">{user.email}</span>
            <span className="muted">{user.roleName}</span>
          </div>
          {switchTo ? (
            <Link href={switchTo.href} className="user-menu-item" role="menuitem">
              {switchTo.label}
            </Link>
          ) : null}
          <form action={signOutAction}>
            <button type="submit" className="user-menu-item" role="menuitem">
              Sign out
            </button>
          </form>
        </div>
      ) : null}
    </div>
  );

  const body = format ? <FormatProvider value={format}>{children}</FormatProvider> : children;

  if (variant === "phone") {
    const items = sections.flatMap((s) => s.items);
    return (
      <div className="phone-shell" style={brandStyle(brand)}>
        <header className="phone-topbar">
          {logo}
          {userMenu}
        </header>
        <main className="phone-main" id="main">
          {body}
        </main>
        {items.length > 0 ? (
          <nav className="phone-tabbar" aria-label="Main">
            {items.slice(0, 5).map((item) => (
              <Link
                key={item.href}
                href={item.href}
                className={cx("phone-tab", isActive(pathname, item.href, hrefs) && "active")}
                aria-current={isActive(pathname, item.href, hrefs) ? "page" : undefined}
              >
                {item.label}
              </Link>
            ))}
          </nav>
        ) : null}
      </div>
    );
  }

  return (
    <div className={cx("shell", menuOpen && "shell-menu-open")} style={brandStyle(brand)}>
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <aside className="sidebar" aria-label="Navigation">
        <div className="sidebar-brand">{logo}</div>
        <nav className="sidebar-nav" aria-label="Main">
          {sections.map((section) => (
            <div key={section.title} className="nav-section">
              <p className="nav-section-title">{section.title}</p>
              <ul>
                {section.items.map((item) => {
                  const active = isActive(pathname, item.href, hrefs);
                  return (
                    <li key={item.href}>
                      <Link
                        href={item.href}
                        className={cx("nav-link", active && "active")}
                        aria-current={active ? "page" : undefined}
                      >
                        {item.label}
                      </Link>
                    </li>
                  );
                })}
              </ul>
            </div>
          ))}
        </nav>
      </aside>
      <button
        type="button"
        className="sidebar-backdrop"
        aria-label="Close menu"
        tabIndex={menuOpen ? 0 : -1}
        onClick={() => setMenuOpen(false)}
      />
      <div className="shell-content">
        <header className="topbar">
          <button
            type="button"
            className="menu-toggle"
            aria-label="Open menu"
            aria-expanded={menuOpen}
            onClick={() => setMenuOpen((o) => !o)}
          >
            <span aria-hidden="true">☰</span>
          </button>
          <span className="topbar-title">{brand.name}</span>
          <div className="topbar-end">
            {switchTo ? (
              <Link href={switchTo.href} className="btn btn-ghost btn-sm hide-mobile">
                {switchTo.label}
              </Link>
            ) : null}
            {inbox ? <InboxBell audience={inbox.audience} href={inbox.href} /> : null}
            {userMenu}
          </div>
        </header>
        <main className="main" id="main">
          {body}
        </main>
      </div>
    </div>
  );
}
