// Sales CRM procedures: the pipeline (list, board, a lead), leads created and worked by staff,
// CSV import, follow-ups, the dashboard; and the public availability check and sign-up.
import { z } from "zod";
import { addressInput } from "@/server/modules/addresses";
import { staffWithPermission } from "@/server/modules/identity";
import { t } from "@/server/trpc/init";
import { publicProcedure, tenantProcedure } from "@/server/trpc/procedures";
import { createLead } from "./create-lead";
import { salesDashboard } from "./dashboard";
import { importLeadsCsv } from "./import-leads";
import { activityInput, leadInput, listLeadsInput, moveLeadInput, publicSignUpInput, taskInput } from "./inputs";
import {
  addActivity,
  addTask,
  assignLead,
  completeTask,
  dueTasks,
  getLead,
  leadBoard,
  listLeads,
  moveLead,
} from "./pipeline";
import { publicAvailability, publicSignUp } from "./public-sign-up";
import { scheduleSurvey } from "./survey";

const id = z.object({ id: z.string().uuid() });

const publicRouter = t.router({
  availability: publicProcedure
    .input(z.object({ tenant: z.string().trim().min(1).max(80), address: addressInput }))
    .mutation(({ ctx, input }) => publicAvailability(input.tenant, input.address, { ip: ctx.ip })),
  signUp: publicProcedure.input(publicSignUpInput).mutation(({ ctx, input }) => publicSignUp(input, { ip: ctx.ip })),
});

export const crmRouter = t.router({
  public: publicRouter,
  list: tenantProcedure("lead.read")
    .input(listLeadsInput)
    .query(({ ctx, input }) => listLeads(ctx.svc, input)),
  board: tenantProcedure("lead.read").query(({ ctx }) => leadBoard(ctx.svc)),
  get: tenantProcedure("lead.read")
    .input(id)
    .query(({ ctx, input }) => getLead(ctx.svc, input.id)),
  owners: tenantProcedure("lead.read").query(({ ctx }) => staffWithPermission(ctx.svc, "lead.write")),
  create: tenantProcedure("lead.write")
    .input(leadInput)
    .mutation(({ ctx, input }) => createLead(ctx.svc, input)),
  move: tenantProcedure("lead.write")
    .input(moveLeadInput)
    .mutation(({ ctx, input }) => moveLead(ctx.svc, input)),
  assign: tenantProcedure("lead.write")
    .input(z.object({ id: z.string().uuid(), ownerId: z.string().uuid().nullable() }))
    .mutation(({ ctx, input }) => assignLead(ctx.svc, input.id, input.ownerId)),
  addActivity: tenantProcedure("lead.write")
    .input(activityInput)
    .mutation(({ ctx, input }) => addActivity(ctx.svc, input)),
  addTask: tenantProcedure("lead.write")
    .input(taskInput)
    .mutation(({ ctx, input }) => addTask(ctx.svc, input)),
  completeTask: tenantProcedure("lead.write")
    .input(z.object({ id: z.string().uuid(), done: z.boolean() }))
    .mutation(({ ctx, input }) => completeTask(ctx.svc, input.id, input.done)),
  dueTasks: tenantProcedure("lead.read").query(({ ctx }) => dueTasks(ctx.svc, new Date(Date.now() + 7 * 86_400_000))),
  scheduleSurvey: tenantProcedure("lead.write")
    .input(
      z.object({
        leadId: z.string().uuid(),
        assigneeId: z.string().uuid().optional(),
        windowStart: z.coerce.date().optional(),
        windowEnd: z.coerce.date().optional(),
        notes: z.string().trim().max(4000).optional(),
      }),
    )
    .mutation(({ ctx, input }) => scheduleSurvey(ctx.svc, input)),
  import: tenantProcedure("lead.write")
    .input(z.object({ csv: z.string().min(1, { message: "Choose a CSV file" }).max(2_000_000) }))
    .mutation(({ ctx, input }) => importLeadsCsv(ctx.svc, input.csv, ctx.user.id)),
  dashboard: tenantProcedure("lead.read")
    .input(z.object({ days: z.number().int().min(1).max(730).default(90) }))
    .query(({ ctx, input }) => salesDashboard(ctx.svc, new Date(Date.now() - input.days * 86_400_000))),
});
