// The permission catalogue and the built-in roles. Every tRPC procedure declares one
// permission from here; the permission-matrix test walks all of them.
import type { Audience } from "@/server/generated/prisma/enums";

export const PERMISSIONS = {
  "platform.tenants.manage": "Create and manage ISP tenants (platform staff)",
  "platform.mailbox.read": "Read every outgoing email in the dev mailbox (platform staff)",
  "tenant.read": "See the tenant's settings",
  "tenant.manage": "Change the tenant's settings, branding, tax rates and integrations",
  "user.read": "See the tenant's staff and invitations",
  "user.invite": "Invite people to the tenant",
  "user.manage": "Disable users and change their role",
  "role.manage": "Create and edit custom roles",
  "audit.read": "Search the audit log",
  "inbox.read": "Read one's own staff notification inbox",
  "mailbox.read": "Read the tenant's outgoing email (dev mailbox)",
  "customer.read": "See customers",
  "customer.write": "Create and edit customers",
  "subscriber.read": "See subscribers and their service",
  "subscriber.write": "Edit subscribers and their credentials",
  "subscriber.provision": "Provision and change the plan of subscribers",
  "subscriber.suspend": "Suspend and restore subscribers",
  "subscriber.terminate": "Disconnect and terminate subscribers",
  "plan.read": "See the plan catalogue",
  "plan.write": "Edit the plan catalogue",
  "nas.read": "See NAS devices",
  "nas.write": "Add, edit and remove NAS devices",
  "session.read": "See live and past RADIUS sessions and authentication logs",
  "session.control": "Change (CoA) and disconnect live sessions",
  "network.read": "See OLTs, PON ports, ONUs, CPEs and IP pools",
  "network.write": "Register and edit network equipment and IP pools",
  "onu.control": "Activate, disable, reboot ONUs and change bandwidth profiles",
  "cpe.control": "Configure, reboot and reset CPEs",
  "diagnostic.run": "Run line diagnostics (optics, session, CPE WiFi, speed and ping tests on the CPE)",
  "integration.manage": "Choose and configure external systems (VOLTHA, GenieACS, NetBox, gateways)",
  "job.read": "See orchestration jobs",
  "job.manage": "Retry and cancel orchestration jobs",
  "invoice.read": "See invoices and credit notes",
  "invoice.write": "Create, edit and issue invoices and credit notes",
  "invoice.void": "Void issued invoices",
  "payment.read": "See payments",
  "payment.record": "Record manual payments and allocate them",
  "payment.refund": "Refund payments",
  "billing.run": "Start and follow billing runs",
  "dunning.read": "See the dunning queue",
  "dunning.manage": "Edit the dunning policy and act on the queue",
  "notification.read": "See the notification delivery log",
  "notification.send": "Send a notification to a subscriber",
  "notification.bulk": "Schedule bulk notifications",
  "notification.template.manage": "Override notification templates",
  "incident.read": "See alarms, incidents and the NOC dashboard",
  "incident.manage": "Acknowledge alarms, acknowledge and resolve incidents",
  "metrics.read": "See the NOC dashboard's figures, alert rules and alerts; read /api/v1/metrics",
  "alert.manage": "Create and change alert rules; acknowledge and resolve alerts",
  "maintenance.read": "See planned maintenance windows",
  "maintenance.manage": "Schedule, start, complete and cancel maintenance windows",
  "ticket.read": "See support tickets",
  "ticket.write": "Answer and update support tickets",
  "lead.read": "See leads, surveys and quotes",
  "lead.write": "Create and work leads, surveys and quotes",
  "quote.approve": "Approve quote discounts above the approval threshold",
  "workorder.read": "See work orders",
  "workorder.write": "Update and complete work orders",
  "workorder.dispatch": "Create, assign and schedule work orders for any technician",
  "inventory.read": "See equipment, stock locations and movements",
  "inventory.write": "Receive, transfer, assign, return and inspect equipment",
  "partner.manage": "Create partners, commission plans and branding",
  "partner.portal": "Use the partner portal (own leads, customers, commissions)",
  "partner.users.invite": "Invite users to one's own partner organisation",
  "portal.self": "Use the subscriber portal for one's own service",
} as const;

export type Permission = keyof typeof PERMISSIONS;
export const ALL_PERMISSIONS = Object.keys(PERMISSIONS) as Permission[];

/** Permissions only a given audience may hold, whatever a custom role says. */
const PLATFORM_ONLY: Permission[] = ["platform.tenants.manage", "platform.mailbox.read"];
const PARTNER_ONLY: Permission[] = ["partner.portal", "partner.users.invite"];
const SUBSCRIBER_ONLY: Permission[] = ["portal.self"];

export function permissionsAllowedFor(audience: Audience): Permission[] {
  switch (audience) {
    case "PLATFORM":
      return PLATFORM_ONLY;
    case "PARTNER":
      return PARTNER_ONLY;
    case "SUBSCRIBER":
      return SUBSCRIBER_ONLY;
    case "STAFF":
      return ALL_PERMISSIONS.filter(
        (p) => !PLATFORM_ONLY.includes(p) && !PARTNER_ONLY.includes(p) && !SUBSCRIBER_ONLY.includes(p),
      );
  }
}

const STAFF_ALL = permissionsAllowedFor("STAFF");

export type BuiltInRole = { key: string; name: string; audience: Audience; permissions: Permission[] };

export const BUILT_IN_ROLES: BuiltInRole[] = [
  { key: "platform_admin", name: "Platform admin", audience: "PLATFORM", permissions: PLATFORM_ONLY },
  { key: "tenant_admin", name: "Tenant admin", audience: "STAFF", permissions: STAFF_ALL },
  {
    key: "noc_engineer",
    name: "NOC engineer",
    audience: "STAFF",
    permissions: [
      "inbox.read",
      "tenant.read",
      "customer.read",
      "subscriber.read",
      "subscriber.write",
      "subscriber.provision",
      "subscriber.suspend",
      "plan.read",
      "nas.read",
      "nas.write",
      "session.read",
      "session.control",
      "network.read",
      "diagnostic.run",
      "network.write",
      "onu.control",
      "cpe.control",
      "job.read",
      "job.manage",
      "incident.read",
      "incident.manage",
      "metrics.read",
      "alert.manage",
      "maintenance.read",
      "maintenance.manage",
      "notification.read",
      "notification.send",
      "notification.bulk",
      "ticket.read",
      "ticket.write",
      "workorder.read",
      "workorder.write",
      "workorder.dispatch",
      "inventory.read",
      "inventory.write",
      "audit.read",
    ],
  },
  {
    key: "csr",
    name: "Customer service rep",
    audience: "STAFF",
    permissions: [
      "inbox.read",
      "tenant.read",
      "customer.read",
      "customer.write",
      "subscriber.read",
      "subscriber.write",
      "subscriber.provision",
      "subscriber.suspend",
      // A customer who cancels calls customer service (J4).
      "subscriber.terminate",
      "plan.read",
      "nas.read",
      "session.read",
      "session.control",
      "network.read",
      "diagnostic.run",
      "incident.read",
      "maintenance.read",
      "job.read",
      "invoice.read",
      "payment.read",
      "notification.read",
      "notification.send",
      "ticket.read",
      "ticket.write",
      "lead.read",
      "lead.write",
      "workorder.read",
    ],
  },
  {
    key: "sales_rep",
    name: "Sales rep",
    audience: "STAFF",
    permissions: [
      "inbox.read",
      "tenant.read",
      "customer.read",
      "customer.write",
      "subscriber.read",
      "plan.read",
      "network.read",
      "notification.read",
      "lead.read",
      "lead.write",
      "workorder.read",
    ],
  },
  {
    key: "billing_clerk",
    name: "Billing clerk",
    audience: "STAFF",
    permissions: [
      "inbox.read",
      "tenant.read",
      "customer.read",
      "subscriber.read",
      "plan.read",
      "invoice.read",
      "invoice.write",
      "invoice.void",
      "payment.read",
      "payment.record",
      "payment.refund",
      "billing.run",
      "dunning.read",
      "dunning.manage",
      "notification.read",
      "job.read",
    ],
  },
  {
    key: "field_technician",
    name: "Field technician",
    audience: "STAFF",
    permissions: [
      "inbox.read",
      "customer.read",
      "subscriber.read",
      "network.read",
      "incident.read",
      "maintenance.read",
      "workorder.read",
      "workorder.write",
      "inventory.read",
    ],
  },
  {
    key: "partner_admin",
    name: "Partner admin",
    audience: "PARTNER",
    permissions: ["partner.portal", "partner.users.invite"],
  },
  { key: "partner_agent", name: "Partner agent", audience: "PARTNER", permissions: ["partner.portal"] },
  { key: "subscriber", name: "Subscriber", audience: "SUBSCRIBER", permissions: ["portal.self"] },
];

/** Where each audience lands after sign-in, and the only page tree it may open. */
export const PORTAL_HOME: Record<Audience, string> = {
  PLATFORM: "/admin",
  STAFF: "/noc",
  PARTNER: "/partner",
  SUBSCRIBER: "/portal",
};

/** Page trees staff may open (NOC, CRM, billing, support, field tech and tenant settings). */
export const STAFF_TREES = ["/noc", "/crm", "/billing", "/support", "/tech", "/settings"];

export function audienceMayOpen(audience: Audience, pathname: string): boolean {
  const under = (prefix: string) => pathname === prefix || pathname.startsWith(`${prefix}/`);
  switch (audience) {
    case "PLATFORM":
      return under("/admin");
    case "STAFF":
      return STAFF_TREES.some(under);
    case "PARTNER":
      return under("/partner");
    case "SUBSCRIBER":
      return under("/portal");
  }
}
