"use client";
// The frame around every signed-in page: a sidebar with the portal's navigation (already
// filtered to the user's permissions by the layout), the tenant's name and colours, and a
// user menu with sign-out. `variant="phone"` is the field technician's one-column app with a
// bottom tab bar.
import Link from "next/link";
import { usePathname } from "next/navigation";
import { type CSSProperties, type ReactNode, useEffect, useId, useRef, useState } from "react";
import { signOutAction } from "@/app/(auth)/sign-out/actions";
import { readableBrand } from "@/lib/contrast";
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
  // A brand colour that links or white button text could not be read on keeps the default.
  if (brand.primaryColor && readableBrand(brand.primaryColor)) style["--brand"] = brand.primaryColor;
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
  const sidebarRef = useRef<HTMLElement>(null);
  const menuToggleRef = useRef<HTMLButtonElement>(null);
  const userMenuRef = useRef<HTMLDivElement>(null);
  const userButtonRef = useRef<HTMLButtonElement>(null);
  const userPanelId = useId();

  // Close the mobile menu after navigating.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on path change
  useEffect(() => {
    setMenuOpen(false);
    setUserOpen(false);
  }, [pathname]);

  // The phone menu, once open, takes focus; Escape closes it and gives focus back to its button
  // (once the page behind is no longer inert, i.e. after the render that closes it).
  const refocusToggle = useRef(false);
  const closeMenu = () => {
    refocusToggle.current = true;
    setMenuOpen(false);
  };
  useEffect(() => {
    if (!menuOpen) {
      if (refocusToggle.current) menuToggleRef.current?.focus();
      refocusToggle.current = false;
      return;
    }
    const sidebar = sidebarRef.current;
    (sidebar?.querySelector<HTMLElement>("a[aria-current]") ?? sidebar?.querySelector<HTMLElement>("nav a"))?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape") return;
      refocusToggle.current = true;
      setMenuOpen(false);
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [menuOpen]);

  // The user menu is a disclosure: Escape or a click/focus outside closes it.
  useEffect(() => {
    if (!userOpen) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape") return;
      setUserOpen(false);
      userButtonRef.current?.focus();
    };
    const onOutside = (e: Event) => {
      if (!userMenuRef.current?.contains(e.target as Node)) setUserOpen(false);
    };
    document.addEventListener("keydown", onKey);
    document.addEventListener("pointerdown", onOutside);
    document.addEventListener("focusin", onOutside);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("pointerdown", onOutside);
      document.removeEventListener("focusin", onOutside);
    };
  }, [userOpen]);

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
    <div className="user-menu" ref={userMenuRef}>
      <button
        type="button"
        className="user-menu-button"
        aria-expanded={userOpen}
        aria-controls={userOpen ? userPanelId : undefined}
        ref={userButtonRef}
        onClick={() => setUserOpen((o) => !o)}
      >
        <span className="avatar" aria-hidden="true">
          {initials(user.name)}
        </span>
        <span className="user-menu-name">{user.name}</span>
      </button>
      {userOpen ? (
        <div className="user-menu-panel" id={userPanelId}>
          <div className="user-menu-who">
            <strong>{user.name}</strong>
            <span className="muted">{user.email}</span>
            <span className="muted">{user.roleName}</span>
          </div>
          {switchTo ? (
            <Link href={switchTo.href} className="user-menu-item">
              {switchTo.label}
            </Link>
          ) : null}
          <form action={signOutAction}>
            <button type="submit" className="user-menu-item">
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
      <aside className="sidebar" aria-label="Navigation" ref={sidebarRef}>
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
        onClick={closeMenu}
      />
      {/* While the phone menu is open, the page behind it is out of reach. */}
      <div className="shell-content" inert={menuOpen}>
        <header className="topbar">
          <button
            type="button"
            className="menu-toggle"
            aria-label="Open menu"
            aria-expanded={menuOpen}
            ref={menuToggleRef}
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
