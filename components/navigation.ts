// Navigation per portal. Each module adds its entries here; an entry shows only to users
// who hold its permission.
import type { Permission } from "@/server/modules/identity";

export type NavItem = { href: string; label: string; permission?: Permission };
export type NavSection = { title: string; items: NavItem[] };

export const STAFF_NAV: NavSection[] = [
  {
    title: "Overview",
    items: [
      { href: "/noc", label: "Dashboard" },
      { href: "/noc/incidents", label: "Incidents", permission: "incident.read" },
      { href: "/noc/alarms", label: "Alarms", permission: "incident.read" },
      { href: "/noc/alerts", label: "Alerts", permission: "metrics.read" },
      { href: "/noc/maintenance", label: "Maintenance", permission: "maintenance.read" },
    ],
  },
  {
    title: "Network",
    items: [
      { href: "/noc/olts", label: "OLTs", permission: "network.read" },
      { href: "/noc/onus", label: "ONUs", permission: "network.read" },
      { href: "/noc/cpes", label: "CPEs", permission: "network.read" },
      { href: "/noc/ip-pools", label: "IP pools", permission: "network.read" },
      { href: "/noc/integrations", label: "Integrations", permission: "integration.manage" },
    ],
  },
  {
    title: "Subscribers",
    items: [
      { href: "/noc/subscribers", label: "Subscribers", permission: "subscriber.read" },
      { href: "/noc/customers", label: "Customers", permission: "customer.read" },
      { href: "/noc/plans", label: "Plans", permission: "plan.read" },
      { href: "/noc/sessions", label: "Sessions", permission: "session.read" },
      { href: "/noc/auth-log", label: "Authentication log", permission: "session.read" },
      { href: "/noc/nas", label: "NAS devices", permission: "nas.read" },
      { href: "/noc/jobs", label: "Provisioning jobs", permission: "job.read" },
      { href: "/noc/drift", label: "Drift", permission: "job.read" },
    ],
  },
  {
    title: "Sales",
    items: [
      { href: "/crm", label: "Pipeline", permission: "lead.read" },
      { href: "/crm/leads/new", label: "New lead", permission: "lead.write" },
      { href: "/crm/quotes", label: "Quotes", permission: "lead.read" },
      { href: "/crm/coverage", label: "Coverage map", permission: "lead.read" },
      { href: "/crm/dashboard", label: "Sales dashboard", permission: "lead.read" },
    ],
  },
  {
    title: "Billing",
    items: [
      { href: "/billing", label: "Billing overview", permission: "invoice.read" },
      { href: "/billing/invoices", label: "Invoices", permission: "invoice.read" },
      { href: "/billing/payments", label: "Payments", permission: "payment.read" },
      { href: "/billing/credit-notes", label: "Credit notes", permission: "invoice.read" },
      { href: "/billing/runs", label: "Billing runs", permission: "billing.run" },
      { href: "/billing/dunning", label: "Dunning", permission: "dunning.read" },
      { href: "/billing/ageing", label: "AR ageing", permission: "invoice.read" },
    ],
  },
  {
    title: "Field",
    items: [
      { href: "/noc/dispatch", label: "Dispatch", permission: "workorder.dispatch" },
      { href: "/noc/inventory", label: "Inventory", permission: "inventory.read" },
    ],
  },
  {
    title: "Support",
    items: [
      { href: "/support", label: "Ticket queue", permission: "ticket.read" },
      { href: "/support/tickets/new", label: "New ticket", permission: "ticket.write" },
      { href: "/support/reports/sla", label: "SLA report", permission: "ticket.read" },
      { href: "/support/settings/sla", label: "SLA policy", permission: "ticket.read" },
    ],
  },
  {
    title: "Notifications",
    items: [
      { href: "/noc/inbox", label: "Inbox", permission: "inbox.read" },
      { href: "/noc/notifications/bulk", label: "Bulk sends", permission: "notification.read" },
      { href: "/noc/notifications/deliveries", label: "Delivery log", permission: "notification.read" },
      { href: "/noc/notifications", label: "Templates", permission: "notification.read" },
    ],
  },
  {
    title: "Settings",
    items: [
      { href: "/settings", label: "Tenant settings", permission: "tenant.read" },
      { href: "/settings/users", label: "Users & invitations", permission: "user.read" },
      { href: "/settings/roles", label: "Roles", permission: "role.manage" },
      { href: "/settings/audit", label: "Audit log", permission: "audit.read" },
      { href: "/settings/mailbox", label: "Mailbox", permission: "mailbox.read" },
      { href: "/settings/api-tokens", label: "API tokens", permission: "integration.manage" },
      { href: "/settings/webhooks", label: "Webhooks", permission: "integration.manage" },
      { href: "/settings/partners", label: "Partners", permission: "partner.manage" },
    ],
  },
];

export const ADMIN_NAV: NavSection[] = [
  {
    title: "Platform",
    items: [
      { href: "/admin", label: "Tenants", permission: "platform.tenants.manage" },
      { href: "/admin/mailbox", label: "Mailbox", permission: "platform.mailbox.read" },
    ],
  },
];

export const PARTNER_NAV: NavSection[] = [
  {
    title: "Partner",
    items: [
      { href: "/partner", label: "Dashboard", permission: "partner.portal" },
      { href: "/partner/leads", label: "Leads and quotes", permission: "partner.portal" },
      { href: "/partner/tickets", label: "Tickets", permission: "partner.portal" },
      { href: "/partner/commissions", label: "Commissions", permission: "partner.portal" },
    ],
  },
];

export const PORTAL_NAV: NavSection[] = [
  {
    title: "My service",
    items: [
      { href: "/portal", label: "Overview" },
      { href: "/portal/invoices", label: "Invoices", permission: "portal.self" },
      { href: "/portal/usage", label: "Usage", permission: "portal.self" },
      { href: "/portal/plan", label: "Change plan", permission: "portal.self" },
      { href: "/portal/cancel", label: "Cancel service", permission: "portal.self" },
      { href: "/portal/tickets", label: "Support", permission: "portal.self" },
      { href: "/portal/inbox", label: "Inbox", permission: "portal.self" },
      { href: "/portal/preferences", label: "Notification preferences", permission: "portal.self" },
    ],
  },
];

/** The phone-sized field technician app (/tech). */
export const TECH_NAV: NavSection[] = [
  { title: "Field work", items: [{ href: "/tech", label: "Today's jobs", permission: "workorder.read" }] },
];

export type Portal = "staff" | "tech" | "admin" | "partner" | "portal";

export const NAV_BY_PORTAL: Record<Portal, NavSection[]> = {
  staff: STAFF_NAV,
  tech: TECH_NAV,
  admin: ADMIN_NAV,
  partner: PARTNER_NAV,
  portal: PORTAL_NAV,
};

/** The sections and items a user with these permissions may see (empty sections dropped). */
export function visibleNav(sections: NavSection[], permissions: Iterable<string>): NavSection[] {
  const held = new Set(permissions);
  return sections
    .map((s) => ({ ...s, items: s.items.filter((i) => !i.permission || held.has(i.permission)) }))
    .filter((s) => s.items.length > 0);
}
