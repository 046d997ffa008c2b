// Dunning procedures: the policy, the queue of overdue subscriptions, run now.
import { z } from "zod";
import { listInput } from "@/server/list";
import { t } from "@/server/trpc/init";
import { tenantProcedure } from "@/server/trpc/procedures";
import { requestDunningRun } from "./jobs";
import {
  dunningSteps,
  dunningSummary,
  getDunningCase,
  getDunningPolicy,
  listDunningCases,
  runDunning,
  updateDunningPolicy,
} from "./service";

export const dunningRouter = t.router({
  policy: tenantProcedure("dunning.read").query(({ ctx }) => getDunningPolicy(ctx.svc)),
  updatePolicy: tenantProcedure("dunning.manage")
    .input(z.object({ enabled: z.boolean(), steps: dunningSteps }))
    .mutation(({ ctx, input }) => updateDunningPolicy(ctx.svc, input)),
  cases: tenantProcedure("dunning.read")
    .input(listInput)
    .query(({ ctx, input }) => listDunningCases(ctx.svc, input)),
  summary: tenantProcedure("dunning.read").query(({ ctx }) => dunningSummary(ctx.svc)),
  case: tenantProcedure("dunning.read")
    .input(z.object({ id: z.string().uuid() }))
    .query(({ ctx, input }) => getDunningCase(ctx.svc, input.id)),
  /** Runs today's pass now and returns its summary (the daily cron does the same). */
  runNow: tenantProcedure("dunning.manage").mutation(({ ctx }) => runDunning(ctx.svc)),
  /** Same, in the background. */
  requestRun: tenantProcedure("dunning.manage").mutation(({ ctx }) => requestDunningRun(ctx.svc)),
});
