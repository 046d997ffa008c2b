// Alarm procedures: the list and acknowledge.
import { t } from "@/server/trpc/init";
import { tenantProcedure } from "@/server/trpc/procedures";
import { listAlarms } from "./list-alarms";
import { acknowledgeAlarm } from "./raise-alarm";
import { alarmIdInput, listAlarmsInput } from "./schemas";

export const alarmsRouter = t.router({
  list: tenantProcedure("incident.read")
    .input(listAlarmsInput)
    .query(({ ctx, input }) => listAlarms(ctx.svc, input)),
  acknowledge: tenantProcedure("incident.manage")
    .input(alarmIdInput)
    .mutation(({ ctx, input }) => acknowledgeAlarm(ctx.svc, input.id)),
});
