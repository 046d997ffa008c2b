// Every /api/v1 route, from the modules' faces: the catch-all handler dispatches to these and
// /api/v1/openapi.json documents exactly these. A new route: defineRoute() in its module's
// rest.ts, exported from the module's index.ts, spread in here (README: "REST API").
import { leadRoutes } from "@/server/modules/crm";
import { diagnosticsRoutes } from "@/server/modules/diagnostics";
import { driftRoutes } from "@/server/modules/drift";
import { incidentRoutes } from "@/server/modules/incidents";
import { inventoryRoutes } from "@/server/modules/inventory";
import { monitoringRoutes } from "@/server/modules/monitoring";
import { networkRoutes } from "@/server/modules/network";
import { notificationRoutes } from "@/server/modules/notifications";
import { orchestrationRoutes } from "@/server/modules/orchestration";
import { partnerRoutes } from "@/server/modules/partners";
import { quoteRoutes } from "@/server/modules/quotes";
import { serviceabilityRoutes } from "@/server/modules/serviceability";
import { subscriberRoutes } from "@/server/modules/subscribers";
import { ticketRoutes } from "@/server/modules/tickets";
import { tmforumRoutes } from "@/server/modules/tmforum";
import { webhookRoutes } from "@/server/modules/webhooks";
import { appointmentRoutes } from "@/server/modules/workorders";
import type { RouteDefinition } from "@/server/rest";

export const API_ROUTES: RouteDefinition[] = [
  ...networkRoutes,
  ...incidentRoutes,
  ...notificationRoutes,
  ...orchestrationRoutes,
  ...subscriberRoutes,
  ...ticketRoutes,
  ...diagnosticsRoutes,
  ...driftRoutes,
  ...monitoringRoutes,
  ...webhookRoutes,
  ...tmforumRoutes,
  ...leadRoutes,
  ...quoteRoutes,
  ...serviceabilityRoutes,
  ...inventoryRoutes,
  ...appointmentRoutes,
  ...partnerRoutes,
];
