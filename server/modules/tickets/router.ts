// Support desk procedures (staff): the queue, a ticket, replies and changes, bulk actions,
// merge, canned replies and the SLA policy. Each validates, declares its permission and
// calls one use case.
import { z } from "zod";
import { requireCustomer } from "@/server/modules/billing";
import { staffWithPermission } from "@/server/modules/identity";
import { t } from "@/server/trpc/init";
import { tenantProcedure } from "@/server/trpc/procedures";
import { bulkUpdateTickets } from "./bulk";
import { deleteCannedReply, listCannedReplies, saveCannedReply } from "./canned-replies";
import { getTicket } from "./get-ticket";
import { listTickets, ticketTeams } from "./list-tickets";
import { mergeTickets } from "./merge-tickets";
import { openTicket } from "./open-ticket";
import { portalCloseTicket, portalOpenTicket, portalReply, portalTicket, portalTickets } from "./portal";
import { replyToTicket } from "./reply";
import {
  bulkInput,
  cannedReplyInput,
  listTicketsInput,
  mergeInput,
  openTicketInput,
  portalOpenInput,
  portalReplyInput,
  replyInput,
  slaPolicyInput,
  updateTicketInput,
} from "./schemas";
import { getSlaPolicy, updateSlaPolicy } from "./sla";
import { slaReport } from "./sla-report";
import { updateTicket, watchTicket } from "./update-ticket";

const id = z.object({ id: z.string().uuid() });

/** The signed-in subscriber as the portal use cases need them (their customer only). */
const me = (user: { customerId: string | null; name: string; email: string }) => ({
  customerId: requireCustomer(user.customerId),
  name: user.name,
  email: user.email,
});

const portalRouter = t.router({
  list: tenantProcedure("portal.self")
    .input(
      z.object({ page: z.number().int().min(1).default(1), pageSize: z.number().int().min(1).max(100).default(25) }),
    )
    .query(({ ctx, input }) => portalTickets(ctx.svc, me(ctx.user), input)),
  get: tenantProcedure("portal.self")
    .input(id)
    .query(({ ctx, input }) => portalTicket(ctx.svc, me(ctx.user), input.id)),
  open: tenantProcedure("portal.self")
    .input(portalOpenInput)
    .mutation(({ ctx, input }) => portalOpenTicket(ctx.svc, me(ctx.user), input)),
  reply: tenantProcedure("portal.self")
    .input(portalReplyInput)
    .mutation(({ ctx, input }) => portalReply(ctx.svc, me(ctx.user), input)),
  close: tenantProcedure("portal.self")
    .input(id)
    .mutation(({ ctx, input }) => portalCloseTicket(ctx.svc, me(ctx.user), input.id)),
});

export const ticketsRouter = t.router({
  portal: portalRouter,
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
  slaReport: tenantProcedure("ticket.read")
    .input(z.object({ month: z.string().regex(/^\d{4}-\d{2}$/, "Choose a month as YYYY-MM") }))
    .query(({ ctx, input }) => slaReport(ctx.svc, input.month)),
  updateSlaPolicy: tenantProcedure("tenant.manage")
    .input(slaPolicyInput)
    .mutation(({ ctx, input }) => updateSlaPolicy(ctx.svc, input)),
});
