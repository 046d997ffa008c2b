import { z } from "zod";
import { t } from "@/server/trpc/init";
import { tenantProcedure } from "@/server/trpc/procedures";
import { testIntegration } from "./adapters";
import { integrationSystem, saveIntegrationInput } from "./schemas";
import { listIntegrations, saveIntegration } from "./service";
import {
  clearSimulatorFaults,
  fibreInput,
  injectFaultInput,
  injectSimulatorFault,
  setSimulatedFibre,
  simulatorStatus,
} from "./simulator-control";

export const integrationsRouter = t.router({
  list: tenantProcedure("integration.manage").query(({ ctx }) => listIntegrations(ctx.svc)),
  save: tenantProcedure("integration.manage")
    .input(saveIntegrationInput)
    .mutation(({ ctx, input }) => saveIntegration(ctx.svc, input)),
  test: tenantProcedure("integration.manage")
    .input(z.object({ system: integrationSystem }))
    .mutation(({ ctx, input }) => testIntegration(ctx.svc, input.system)),
  // Fault injection into the tenant's simulated network (SIMULATOR mode only).
  simulator: t.router({
    status: tenantProcedure("integration.manage").query(({ ctx }) => simulatorStatus(ctx.svc)),
    injectFault: tenantProcedure("integration.manage")
      .input(injectFaultInput)
      .mutation(({ ctx, input }) => injectSimulatorFault(ctx.svc, input)),
    clearFaults: tenantProcedure("integration.manage").mutation(({ ctx }) => clearSimulatorFaults(ctx.svc)),
    fibre: tenantProcedure("integration.manage")
      .input(fibreInput)
      .mutation(({ ctx, input }) => setSimulatedFibre(ctx.svc, input)),
  }),
});
