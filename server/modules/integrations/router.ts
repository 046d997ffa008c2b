import { t } from "@/server/trpc/init";
import { tenantProcedure } from "@/server/trpc/procedures";
import { saveIntegrationInput } from "./schemas";
import { listIntegrations, saveIntegration } from "./service";

// "Test connection" and the simulator's fault panel are the network module's
// (network.testIntegration, network.simulator): they need the adapters.
export const integrationsRouter = t.router({
  list: tenantProcedure("integration.manage").query(({ ctx }) => listIntegrations(ctx.svc)),
  save: tenantProcedure("integration.manage")
    .input(saveIntegrationInput)
    .mutation(({ ctx, input }) => saveIntegration(ctx.svc, input)),
});
