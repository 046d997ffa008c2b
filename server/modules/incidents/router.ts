// Incident procedures: list, one incident, its impact list, the open incidents a subscriber is
// behind, acknowledge, resolve; the SLA credit policy; the portal's outage and maintenance banner.
import { z } from "zod";
import { t } from "@/server/trpc/init";
import { tenantProcedure } from "@/server/trpc/procedures";
import { creditPolicy, setCreditPolicy } from "./credits";
import {
  acknowledgeIncident,
  getIncident,
  incidentsAffecting,
  listImpact,
  listIncidents,
  resolveIncident,
} from "./manage";
import { portalServiceBanner } from "./portal-banner";
import { creditPolicyInput, impactInput, incidentIdInput, listIncidentsInput, resolveIncidentInput } from "./schemas";

export const incidentsRouter = t.router({
  list: tenantProcedure("incident.read")
    .input(listIncidentsInput)
    .query(({ ctx, input }) => listIncidents(ctx.svc, input)),
  get: tenantProcedure("incident.read")
    .input(incidentIdInput)
    .query(({ ctx, input }) => getIncident(ctx.svc, input.id)),
  impact: tenantProcedure("incident.read")
    .input(impactInput)
    .query(({ ctx, input }) => {
      const { incidentId, ...list } = input;
      return listImpact(ctx.svc, incidentId, list);
    }),
  affecting: tenantProcedure("incident.read")
    .input(z.object({ subscriberId: z.string().uuid() }))
    .query(({ ctx, input }) => incidentsAffecting(ctx.svc, input.subscriberId)),
  acknowledge: tenantProcedure("incident.manage")
    .input(incidentIdInput)
    .mutation(({ ctx, input }) => acknowledgeIncident(ctx.svc, input.id)),
  resolve: tenantProcedure("incident.manage")
    .input(resolveIncidentInput)
    .mutation(({ ctx, input }) => resolveIncident(ctx.svc, input.id, input.note)),
  creditPolicy: tenantProcedure("incident.read").query(({ ctx }) => creditPolicy(ctx.svc)),
  setCreditPolicy: tenantProcedure("incident.manage")
    .input(creditPolicyInput)
    .mutation(({ ctx, input }) => setCreditPolicy(ctx.svc, input)),
  portal: t.router({
    banner: tenantProcedure("portal.self").query(({ ctx }) => portalServiceBanner(ctx.svc, ctx.user.customerId)),
  }),
});
