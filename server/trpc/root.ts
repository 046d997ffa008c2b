// The root router: one sub-router per module.
import { alarmsRouter } from "@/server/modules/alarms";
import { auditRouter } from "@/server/modules/audit";
import { billingRouter } from "@/server/modules/billing";
import { catalogRouter } from "@/server/modules/catalog";
import { crmRouter } from "@/server/modules/crm";
import { customersRouter } from "@/server/modules/customers";
import { diagnosticsRouter } from "@/server/modules/diagnostics";
import { driftRouter } from "@/server/modules/drift";
import { dunningRouter } from "@/server/modules/dunning";
import { identityRouter } from "@/server/modules/identity";
import { incidentsRouter } from "@/server/modules/incidents";
import { integrationsRouter } from "@/server/modules/integrations";
import { inventoryRouter } from "@/server/modules/inventory";
import { ipamRouter } from "@/server/modules/ipam";
import { maintenanceRouter } from "@/server/modules/maintenance";
import { monitoringRouter } from "@/server/modules/monitoring";
import { networkRouter } from "@/server/modules/network";
import { notificationsRouter } from "@/server/modules/notifications";
import { orchestrationRouter } from "@/server/modules/orchestration";
import { partnersRouter } from "@/server/modules/partners";
import { paymentsRouter } from "@/server/modules/payments";
import { quotesRouter } from "@/server/modules/quotes";
import { radiusRouter } from "@/server/modules/radius";
import { serviceabilityRouter } from "@/server/modules/serviceability";
import { subscribersRouter } from "@/server/modules/subscribers";
import { mailboxRouter, tenancyRouter } from "@/server/modules/tenancy";
import { ticketsRouter } from "@/server/modules/tickets";
import { webhooksRouter } from "@/server/modules/webhooks";
import { workordersRouter } from "@/server/modules/workorders";
import { t } from "./init";

export const appRouter = t.router({
  billing: billingRouter,
  payments: paymentsRouter,
  dunning: dunningRouter,
  drift: driftRouter,
  identity: identityRouter,
  tenancy: tenancyRouter,
  audit: auditRouter,
  mailbox: mailboxRouter,
  customers: customersRouter,
  crm: crmRouter,
  quotes: quotesRouter,
  serviceability: serviceabilityRouter,
  subscribers: subscribersRouter,
  catalog: catalogRouter,
  radius: radiusRouter,
  network: networkRouter,
  ipam: ipamRouter,
  integrations: integrationsRouter,
  notifications: notificationsRouter,
  orchestration: orchestrationRouter,
  alarms: alarmsRouter,
  incidents: incidentsRouter,
  monitoring: monitoringRouter,
  diagnostics: diagnosticsRouter,
  maintenance: maintenanceRouter,
  tickets: ticketsRouter,
  partners: partnersRouter,
  webhooks: webhooksRouter,
  workorders: workordersRouter,
  inventory: inventoryRouter,
});

export type AppRouter = typeof appRouter;
