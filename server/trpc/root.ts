// The root router: one sub-router per module.
import { auditRouter } from "@/server/modules/audit/router";
import { billingRouter } from "@/server/modules/billing/router";
import { catalogRouter } from "@/server/modules/catalog/router";
import { customersRouter } from "@/server/modules/customers/router";
import { dunningRouter } from "@/server/modules/dunning/router";
import { identityRouter } from "@/server/modules/identity/router";
import { integrationsRouter } from "@/server/modules/integrations/router";
import { ipamRouter } from "@/server/modules/ipam/router";
import { networkRouter } from "@/server/modules/network/router";
import { notificationsRouter } from "@/server/modules/notifications/router";
import { orchestrationRouter } from "@/server/modules/orchestration/router";
import { paymentsRouter } from "@/server/modules/payments/router";
import { radiusRouter } from "@/server/modules/radius/router";
import { subscribersRouter } from "@/server/modules/subscribers/router";
import { mailboxRouter, tenancyRouter } from "@/server/modules/tenancy/router";
import { t } from "./init";

export const appRouter = t.router({
  billing: billingRouter,
  payments: paymentsRouter,
  dunning: dunningRouter,
  identity: identityRouter,
  tenancy: tenancyRouter,
  audit: auditRouter,
  mailbox: mailboxRouter,
  customers: customersRouter,
  subscribers: subscribersRouter,
  catalog: catalogRouter,
  radius: radiusRouter,
  network: networkRouter,
  ipam: ipamRouter,
  integrations: integrationsRouter,
  notifications: notificationsRouter,
  orchestration: orchestrationRouter,
});

export type AppRouter = typeof appRouter;
