// Serviceability procedures (staff): check an address, list and draw coverage areas.
import { z } from "zod";
import { t } from "@/server/trpc/init";
import { tenantProcedure } from "@/server/trpc/procedures";
import { checkServiceability } from "./check-serviceability";
import { listCoverageAreas, saveCoverageArea } from "./coverage-areas";
import { checkInput, coverageAreaInput } from "./schemas";

export const serviceabilityRouter = t.router({
  check: tenantProcedure("lead.read")
    .input(checkInput)
    .mutation(({ ctx, input }) => checkServiceability(ctx.svc, input)),
  areas: tenantProcedure("lead.read").query(({ ctx }) => listCoverageAreas(ctx.svc)),
  saveArea: tenantProcedure("network.write")
    .input(coverageAreaInput.extend({ id: z.string().uuid().optional() }))
    .mutation(({ ctx, input }) => saveCoverageArea(ctx.svc, input)),
});
