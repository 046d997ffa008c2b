import { t } from "@/server/trpc/init";
import { tenantProcedure } from "@/server/trpc/procedures";
import { driftOverview, listFindings } from "./findings";
import { requestScan } from "./jobs";
import { previewRepair, repairFinding } from "./repair";
import { findingId, findingListInput } from "./schemas";
import { DRIFT_SYSTEMS, DRIFT_TYPES } from "./types";

export const driftRouter = t.router({
  overview: tenantProcedure("job.read").query(({ ctx }) => driftOverview(ctx.svc)),
  types: tenantProcedure("job.read").query(() => ({ types: DRIFT_TYPES, systems: DRIFT_SYSTEMS })),
  findings: tenantProcedure("job.read")
    .input(findingListInput)
    .query(({ ctx, input }) => listFindings(ctx.svc, input)),
  scan: tenantProcedure("job.manage").mutation(({ ctx }) => requestScan(ctx.svc, "manual")),
  preview: tenantProcedure("job.read")
    .input(findingId)
    .query(({ ctx, input }) => previewRepair(ctx.svc, input.id)),
  repair: tenantProcedure("job.manage")
    .input(findingId)
    .mutation(({ ctx, input }) => repairFinding(ctx.svc, input.id, (p) => ctx.user.permissions.has(p))),
});
