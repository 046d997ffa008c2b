// tRPC: the tenant's partner administration (partner.manage) and the partner portal
// (partner.portal, always within the caller's partner tree).
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { listInput } from "@/server/list";
import { leadInput } from "@/server/modules/crm";
import {
  partnerOpenTicket,
  partnerOpenTicketInput,
  partnerReply,
  partnerReplyInput,
  partnerTicket,
  partnerTicketList,
} from "@/server/modules/tickets";
import { t } from "@/server/trpc/init";
import { tenantProcedure } from "@/server/trpc/procedures";
import {
  commissionLedger,
  commissionMonths,
  commissionStatement,
  createCommissionPlan,
  listCommissionPlans,
  markPayout,
  recomputeCommissions,
  updateCommissionPlan,
} from "./commissions";
import { addDomain, removeDomain, verifyDomain } from "./domains";
import { invitePartnerUser, PARTNER_ROLES } from "./invitations";
import { createPartner, getPartner, listPartners, partnerScope, updatePartner } from "./partners";
import {
  changeCustomerPlan,
  partnerCustomer,
  partnerCustomers,
  partnerDashboard,
  partnerJob,
  partnerPlans,
  previewCustomerPlan,
} from "./portal";
import {
  createPartnerLead,
  createPartnerQuote,
  partnerLead,
  partnerLeads,
  partnerQuoteInput,
  sendPartnerQuote,
} from "./sales";
import { commissionPlanInput, month, partnerInput, partnerUpdateInput } from "./schemas";

const manage = tenantProcedure("partner.manage");

/** A partner user's procedure: the context widened to the partner's tree, and the partner's id. */
function partnerProcedure(permission: "partner.portal" | "partner.users.invite") {
  return tenantProcedure(permission).use(async ({ ctx, next }) => {
    const partnerId = ctx.user.partnerId;
    if (!partnerId || !ctx.svc.partnerIds)
      throw new TRPCError({ code: "FORBIDDEN", message: "Your account is not linked to a partner" });
    return next({ ctx: { ...ctx, svc: await partnerScope(ctx.svc), partnerId } });
  });
}
const portal = partnerProcedure("partner.portal");

const inviteInput = z.object({
  email: z.email("Enter a valid email address"),
  name: z.string().trim().max(100).nullish(),
  role: z.enum(PARTNER_ROLES),
});

const partnerId = z.object({ partnerId: z.string().uuid() });

/** How a partner's user signs what they write on a customer's ticket. */
const authorOf = (user: { name: string | null; email: string }) => ({
  name: user.name || user.email,
  email: user.email,
});

export const partnersRouter = t.router({
  list: manage.query(({ ctx }) => listPartners(ctx.svc)),
  get: manage.input(z.object({ id: z.string().uuid() })).query(({ ctx, input }) => getPartner(ctx.svc, input.id)),
  create: manage.input(partnerInput).mutation(({ ctx, input }) => createPartner(ctx.svc, input)),
  update: manage.input(partnerUpdateInput).mutation(({ ctx, input }) => updatePartner(ctx.svc, input)),
  invite: manage
    .input(inviteInput.extend({ partnerId: z.string().uuid() }))
    .mutation(({ ctx, input: { partnerId, ...invite } }) => invitePartnerUser(ctx.svc, partnerId, invite)),
  dashboard: manage.input(partnerId).query(({ ctx, input }) => partnerDashboard(ctx.svc, input.partnerId)),
  customers: manage
    .input(listInput.extend({ partnerId: z.string().uuid() }))
    .query(({ ctx, input: { partnerId, ...list } }) => partnerCustomers(ctx.svc, partnerId, list)),
  domains: t.router({
    add: manage
      .input(partnerId.extend({ host: z.string().trim().min(1).max(253) }))
      .mutation(({ ctx, input }) => addDomain(ctx.svc, input.partnerId, input.host)),
    verify: manage
      .input(z.object({ id: z.string().uuid() }))
      .mutation(({ ctx, input }) => verifyDomain(ctx.svc, input.id)),
    remove: manage
      .input(z.object({ id: z.string().uuid() }))
      .mutation(({ ctx, input }) => removeDomain(ctx.svc, input.id)),
  }),
  plans: t.router({
    list: manage.query(({ ctx }) => listCommissionPlans(ctx.svc)),
    create: manage.input(commissionPlanInput).mutation(({ ctx, input }) => createCommissionPlan(ctx.svc, input)),
    update: manage
      .input(z.object({ id: z.string().uuid(), plan: commissionPlanInput }))
      .mutation(({ ctx, input }) => updateCommissionPlan(ctx.svc, input.id, input.plan)),
  }),
  commissions: t.router({
    recompute: manage.input(partnerId).mutation(({ ctx, input }) => recomputeCommissions(ctx.svc, input.partnerId)),
    months: manage.input(partnerId).query(({ ctx, input }) => commissionMonths(ctx.svc, input.partnerId)),
    ledger: manage
      .input(partnerId.extend({ month: month.optional() }))
      .query(({ ctx, input }) => commissionLedger(ctx.svc, input.partnerId, input.month)),
    payout: manage
      .input(partnerId.extend({ month, reference: z.string().trim().max(120).nullish() }))
      .mutation(({ ctx, input }) => markPayout(ctx.svc, input)),
  }),
  portal: t.router({
    dashboard: portal.query(({ ctx }) => partnerDashboard(ctx.svc, ctx.partnerId)),
    customers: portal.input(listInput).query(({ ctx, input }) => partnerCustomers(ctx.svc, ctx.partnerId, input)),
    customer: portal
      .input(z.object({ customerId: z.string().uuid() }))
      .query(({ ctx, input }) => partnerCustomer(ctx.svc, ctx.partnerId, input.customerId)),
    plans: portal.query(({ ctx }) => partnerPlans(ctx.svc)),
    /** The partner and its sub-partners (to say which one brought a lead). */
    partners: portal.query(async ({ ctx }) =>
      (await listPartners(ctx.svc)).map((p) => ({ id: p.id, name: p.name, type: p.type, parentId: p.parentId })),
    ),
    leads: portal.input(listInput).query(({ ctx, input }) => partnerLeads(ctx.svc, ctx.partnerId, input)),
    lead: portal
      .input(z.object({ leadId: z.string().uuid() }))
      .query(({ ctx, input }) => partnerLead(ctx.svc, ctx.partnerId, input.leadId)),
    createLead: portal.input(leadInput).mutation(({ ctx, input }) => createPartnerLead(ctx.svc, ctx.partnerId, input)),
    createQuote: portal
      .input(partnerQuoteInput)
      .mutation(({ ctx, input }) => createPartnerQuote(ctx.svc, ctx.partnerId, input)),
    sendQuote: portal
      .input(z.object({ quoteId: z.string().uuid() }))
      .mutation(({ ctx, input }) => sendPartnerQuote(ctx.svc, ctx.partnerId, input.quoteId)),
    /** A partner admin invites a colleague to its partner or one of its sub-partners. */
    invite: partnerProcedure("partner.users.invite")
      .input(inviteInput.extend({ partnerId: z.string().uuid().optional() }))
      .mutation(({ ctx, input: { partnerId, ...invite } }) =>
        invitePartnerUser(ctx.svc, partnerId ?? ctx.partnerId, invite),
      ),
    previewPlan: portal
      .input(z.object({ subscriberId: z.string().uuid(), planId: z.string().uuid() }))
      .query(({ ctx, input }) => previewCustomerPlan(ctx.svc, ctx.partnerId, input)),
    changePlan: portal
      .input(
        z.object({
          subscriberId: z.string().uuid(),
          planId: z.string().uuid(),
          idempotencyKey: z.string().max(200).nullish(),
        }),
      )
      .mutation(({ ctx, input }) => changeCustomerPlan(ctx.svc, ctx.partnerId, input)),
    job: portal
      .input(z.object({ jobId: z.string().uuid() }))
      .query(({ ctx, input }) => partnerJob(ctx.svc, ctx.partnerId, input.jobId)),
    tickets: portal
      .input(listInput.extend({ view: z.enum(["open", "all"]).default("all") }))
      .query(({ ctx, input }) => partnerTicketList(ctx.svc, input)),
    ticket: portal
      .input(z.object({ ticketId: z.string().uuid() }))
      .query(({ ctx, input }) => partnerTicket(ctx.svc, input.ticketId)),
    openTicket: portal
      .input(partnerOpenTicketInput)
      .mutation(({ ctx, input }) => partnerOpenTicket(ctx.svc, input, authorOf(ctx.user))),
    replyTicket: portal
      .input(partnerReplyInput)
      .mutation(({ ctx, input }) => partnerReply(ctx.svc, input, authorOf(ctx.user))),
    commissionMonths: portal.query(async ({ ctx }) => {
      await recomputeCommissions(ctx.svc, ctx.partnerId);
      return commissionMonths(ctx.svc, ctx.partnerId);
    }),
    statement: portal
      .input(z.object({ month }))
      .query(({ ctx, input }) => commissionStatement(ctx.svc, ctx.partnerId, input.month)),
  }),
});
