import { z } from "zod";
import { t } from "@/server/trpc/init";
import { tenantProcedure } from "@/server/trpc/procedures";
import { planInput, planListInput, planUpdateInput } from "./schemas";
import { createPlan, deletePlan, getPlan, listPlans, updatePlan } from "./service";

export const catalogRouter = t.router({
  plans: t.router({
    list: tenantProcedure("plan.read")
      .input(planListInput)
      .query(({ ctx, input }) => listPlans(ctx.svc, input)),
    get: tenantProcedure("plan.read")
      .input(z.object({ id: z.string().uuid() }))
      .query(({ ctx, input }) => getPlan(ctx.svc, input.id)),
    create: tenantProcedure("plan.write")
      .input(planInput)
      .mutation(({ ctx, input }) => createPlan(ctx.svc, input)),
    update: tenantProcedure("plan.write")
      .input(planUpdateInput)
      .mutation(({ ctx, input }) => updatePlan(ctx.svc, input.id, input.data)),
    delete: tenantProcedure("plan.write")
      .input(z.object({ id: z.string().uuid() }))
      .mutation(({ ctx, input }) => deletePlan(ctx.svc, input.id)),
  }),
});
