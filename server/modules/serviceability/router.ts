// Serviceability procedures (staff): check an address, list, draw and delete coverage areas,
// the splitters on the coverage map.
import { z } from "zod";
import { t } from "@/server/trpc/init";
import { tenantProcedure } from "@/server/trpc/procedures";
import { checkServiceability, listSplittersOnMap } from "./check-serviceability";
import { deleteCoverageArea, listCoverageAreas, saveCoverageArea } from "./coverage-areas";
import { checkInput, coverageAreaInput } from "./schemas";

export const serviceabilityRouter = t.router({
  check: tenantProcedure("lead.read")
    .input(checkInput)
    .mutation(({ ctx, input }) => checkServiceability(ctx.svc, input)),
  areas: tenantProcedure("lead.read").query(({ ctx }) => listCoverageAreas(ctx.svc)),
  saveArea: tenantProcedure("network.write")
    .input(coverageAreaInput.extend({ id: z.string().uuid().optional() }))
    .mutation(({ ctx, input }) => saveCoverageArea(ctx.svc, input)),
  deleteArea: tenantProcedure("network.write")
    .input(z.object({ id: z.string().uuid() }))
    .mutation(({ ctx, input }) => deleteCoverageArea(ctx.svc, input.id)),
  splitters: tenantProcedure("lead.read").query(({ ctx }) => listSplittersOnMap(ctx.svc)),
});
