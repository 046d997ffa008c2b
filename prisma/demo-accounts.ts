// The demo sign-ins (no imports, so Playwright specs can use it without loading the server).
export const DEMO_PASSWORD = process.env.DEMO_PASSWORD ?? "fiberops-demo-1";
export const DEMO_TENANT_SLUG = "acme-fiber";
export const DEMO_TENANT_NAME = "Acme Fiber";

export type DemoAccount = {
  email: string;
  name: string;
  roleKey: string;
  /** Belongs to the demo tenant (false: platform staff). */
  tenant: boolean;
  /** Where sign-in lands. */
  home: string;
};

export const DEMO_ACCOUNTS = {
  platformAdmin: {
    email: "platform@fiberops.example",
    name: "Pat Platform",
    roleKey: "platform_admin",
    tenant: false,
    home: "/admin",
  },
  tenantAdmin: {
    email: "admin@acme-fiber.example",
    name: "Alex Admin",
    roleKey: "tenant_admin",
    tenant: true,
    home: "/noc",
  },
  noc: { email: "noc@acme-fiber.example", name: "Nora Network", roleKey: "noc_engineer", tenant: true, home: "/noc" },
  csr: { email: "csr@acme-fiber.example", name: "Casey Service", roleKey: "csr", tenant: true, home: "/support" },
  sales: { email: "sales@acme-fiber.example", name: "Sasha Sales", roleKey: "sales_rep", tenant: true, home: "/crm" },
  billing: {
    email: "billing@acme-fiber.example",
    name: "Bill Ledger",
    roleKey: "billing_clerk",
    tenant: true,
    home: "/noc",
  },
  technician: {
    email: "tech@acme-fiber.example",
    name: "Toni Tech",
    roleKey: "field_technician",
    tenant: true,
    home: "/tech",
  },
  partnerAdmin: {
    email: "partner-admin@acme-fiber.example",
    name: "Paula Partner",
    roleKey: "partner_admin",
    tenant: true,
    home: "/partner",
  },
  partnerAgent: {
    email: "agent@acme-fiber.example",
    name: "Andy Agent",
    roleKey: "partner_agent",
    tenant: true,
    home: "/partner",
  },
  subscriber: {
    email: "subscriber@acme-fiber.example",
    name: "Sam Subscriber",
    roleKey: "subscriber",
    tenant: true,
    home: "/portal",
  },
} satisfies Record<string, DemoAccount>;
