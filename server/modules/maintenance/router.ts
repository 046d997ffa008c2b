// Maintenance procedures: list, one window, its affected subscribers, the preview of a new one,
// schedule, start, complete, cancel, and send its due notices now.
import { z } from "zod";
import { listInput } from "@/server/list";
import { t } from "@/server/trpc/init";
import { tenantProcedure } from "@/server/trpc/procedures";
import { moveMaintenance } from "./lifecycle";
import { sendDueMaintenanceNotices, sendWindowNoticesNow } from "./notices";
import { getMaintenance, listAffected, listMaintenance } from "./queries";
import { previewMaintenance, scheduleMaintenance } from "./schedule";
import { affectedInput, maintenanceIdInput, previewMaintenanceInput, scheduleMaintenanceInput } from "./schemas";

export const maintenanceRouter = t.router({
  list: tenantProcedure("maintenance.read")
    .input(listInput)
    .query(({ ctx, input }) => listMaintenance(ctx.svc, input)),
  get: tenantProcedure("maintenance.read")
    .input(maintenanceIdInput)
    .query(({ ctx, input }) => getMaintenance(ctx.svc, input.id)),
  affected: tenantProcedure("maintenance.read")
    .input(affectedInput)
    .query(({ ctx, input }) => {
      const { windowId, ...list } = input;
      return listAffected(ctx.svc, windowId, list);
    }),
  preview: tenantProcedure("maintenance.manage")
    .input(previewMaintenanceInput)
    .query(({ ctx, input }) => previewMaintenance(ctx.svc, input)),
  schedule: tenantProcedure("maintenance.manage")
    .input(scheduleMaintenanceInput)
    .mutation(async ({ ctx, input }) => {
      const window = await scheduleMaintenance(ctx.svc, input);
      // A notice already due (a window at short notice) goes out now, not on the next pass.
      await sendDueMaintenanceNotices(ctx.svc, undefined, window.id);
      return window;
    }),
  sendDueNotices: tenantProcedure("maintenance.manage")
    .input(maintenanceIdInput)
    .mutation(({ ctx, input }) => sendWindowNoticesNow(ctx.svc, input.id)),
  move: tenantProcedure("maintenance.manage")
    .input(maintenanceIdInput.extend({ action: z.enum(["start", "complete", "cancel"]) }))
    .mutation(({ ctx, input }) => moveMaintenance(ctx.svc, input.id, input.action)),
});
