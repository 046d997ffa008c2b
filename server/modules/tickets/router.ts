// Support desk procedures (staff): the queue, a ticket, replies and changes, bulk actions,
// merge, canned replies and the SLA policy. Each validates, declares its permission and
// calls one use case.
import { z } from "zod";
import { staffWithPermission } from "@/server/modules/identity";
import { t } from "@/server/trpc/init";
import { tenantProcedure } from "@/server/trpc/procedures";
import { bulkUpdateTickets } from "./bulk";
import { deleteCannedReply, listCannedReplies, saveCannedReply } from "./canned-replies";
import { getTicket } from "./get-ticket";
import { listTickets, ticketTeams } from "./list-tickets";
import { mergeTickets } from "./merge-tickets";
import { openTicket } from "./open-ticket";
import { replyToTicket } from "./reply";
import {
  bulkInput,
  cannedReplyInput,
  listTicketsInput,
  mergeInput,
  openTicketInput,
  replyInput,
  slaPolicyInput,
  updateTicketInput,
} from "./schemas";
import { getSlaPolicy, updateSlaPolicy } from "./sla";
import { updateTicket, watchTicket } from "./update-ticket";

const id = z.object({ id: z.string().uuid() });

export const ticketsRouter = t.router({
  list: tenantProcedure("ticket.read")
    .input(listTicketsInput)
    .query(({ ctx, input }) => listTickets(ctx.svc, input)),
  get: tenantProcedure("ticket.read")
    .input(id)
    .query(({ ctx, input }) => getTicket(ctx.svc, input.id)),
  teams: tenantProcedure("ticket.read").query(({ ctx }) => ticketTeams(ctx.svc)),
  agents: tenantProcedure("ticket.read").query(({ ctx }) => staffWithPermission(ctx.svc, "ticket.write")),
  open: tenantProcedure("ticket.write")
    .input(openTicketInput)
    .mutation(({ ctx, input }) => openTicket(ctx.svc, input)),
  reply: tenantProcedure("ticket.write")
    .input(replyInput)
    .mutation(({ ctx, input }) => replyToTicket(ctx.svc, input)),
  update: tenantProcedure("ticket.write")
    .input(updateTicketInput)
    .mutation(({ ctx, input }) => updateTicket(ctx.svc, input)),
  watch: tenantProcedure("ticket.read")
    .input(z.object({ id: z.string().uuid(), watch: z.boolean() }))
    .mutation(({ ctx, input }) => watchTicket(ctx.svc, input.id, input.watch)),
  bulk: tenantProcedure("ticket.write")
    .input(bulkInput)
    .mutation(({ ctx, input }) => bulkUpdateTickets(ctx.svc, input)),
  merge: tenantProcedure("ticket.write")
    .input(mergeInput)
    .mutation(({ ctx, input }) => mergeTickets(ctx.svc, input)),
  cannedReplies: tenantProcedure("ticket.read").query(({ ctx }) => listCannedReplies(ctx.svc)),
  saveCannedReply: tenantProcedure("ticket.write")
    .input(cannedReplyInput)
    .mutation(({ ctx, input }) => saveCannedReply(ctx.svc, input)),
  deleteCannedReply: tenantProcedure("ticket.write")
    .input(id)
    .mutation(({ ctx, input }) => deleteCannedReply(ctx.svc, input.id)),
  slaPolicy: tenantProcedure("ticket.read").query(({ ctx }) => getSlaPolicy(ctx.svc)),
  updateSlaPolicy: tenantProcedure("tenant.manage")
    .input(slaPolicyInput)
    .mutation(({ ctx, input }) => updateSlaPolicy(ctx.svc, input)),
});
