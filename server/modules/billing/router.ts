// Billing procedures for staff (invoices, credit notes, runs, subscriptions, reports, test
// clock) and for the subscriber portal (own account only). Each validates, declares its
// permission and calls one service function.
import { z } from "zod";
import { listInput } from "@/server/list";
import { t } from "@/server/trpc/init";
import { tenantProcedure } from "@/server/trpc/procedures";
import { requestBillingRun } from "./jobs";
import { parseDate } from "./money";
import { portalInvoice, portalInvoices, portalUsage, requireCustomer } from "./portal";
import {
  arAgeing,
  billingOverview,
  billingPlans,
  billingTaxRates,
  createCreditNote,
  createDraftInvoice,
  customerAccount,
  deleteDraftInvoice,
  emailInvoices,
  getBillingRun,
  getInvoiceWithPayments,
  issueInvoices,
  listBillingRuns,
  listCreditNotes,
  listInvoices,
  voidInvoice,
} from "./service";
import { addOneOffCharge, changeBillingPlan, getBillingSubscription } from "./subscriptions";

const id = z.object({ id: z.string().uuid() });
const ids = z.object({ ids: z.array(z.string().uuid()).min(1).max(500) });
const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Use YYYY-MM-DD");
const amount = z.number().int();

const invoicesRouter = t.router({
  list: tenantProcedure("invoice.read")
    .input(listInput)
    .query(({ ctx, input }) => listInvoices(ctx.svc, input)),
  get: tenantProcedure("invoice.read")
    .input(id)
    .query(({ ctx, input }) => getInvoiceWithPayments(ctx.svc, input.id)),
  createDraft: tenantProcedure("invoice.write")
    .input(
      z.object({
        customerId: z.string().uuid(),
        subscriberId: z.string().uuid().nullish(),
        notes: z.string().max(2000).nullish(),
        lines: z
          .array(
            z.object({
              description: z.string().trim().min(1).max(500),
              quantity: z.number().int().min(1).max(100_000),
              unitAmountMinor: amount,
              taxRateId: z.string().uuid().nullable(),
            }),
          )
          .min(1)
          .max(100),
      }),
    )
    .mutation(({ ctx, input }) => createDraftInvoice(ctx.svc, input)),
  deleteDraft: tenantProcedure("invoice.write")
    .input(id)
    .mutation(({ ctx, input }) => deleteDraftInvoice(ctx.svc, input.id)),
  issue: tenantProcedure("invoice.write")
    .input(ids.extend({ email: z.boolean().default(true) }))
    .mutation(({ ctx, input }) => issueInvoices(ctx.svc, input.ids, { email: input.email })),
  email: tenantProcedure("invoice.write")
    .input(ids)
    .mutation(({ ctx, input }) => emailInvoices(ctx.svc, input.ids)),
  void: tenantProcedure("invoice.void")
    .input(id.extend({ reason: z.string().trim().min(3).max(500) }))
    .mutation(({ ctx, input }) => voidInvoice(ctx.svc, input.id, input.reason)),
});

const creditNotesRouter = t.router({
  list: tenantProcedure("invoice.read")
    .input(listInput)
    .query(({ ctx, input }) => listCreditNotes(ctx.svc, input)),
  create: tenantProcedure("invoice.write")
    .input(
      z.object({
        invoiceId: z.string().uuid(),
        reason: z.string().trim().min(3).max(500),
        full: z.boolean().optional(),
        amountMinor: z.number().int().positive().optional(),
        taxRateId: z.string().uuid().nullish(),
        description: z.string().max(500).optional(),
        idempotencyKey: z.string().max(200).optional(),
      }),
    )
    .mutation(({ ctx, input }) => createCreditNote(ctx.svc, input)),
});

const runsRouter = t.router({
  list: tenantProcedure("billing.run")
    .input(listInput)
    .query(({ ctx, input }) => listBillingRuns(ctx.svc, input)),
  get: tenantProcedure("billing.run")
    .input(id)
    .query(({ ctx, input }) => getBillingRun(ctx.svc, input.id)),
  start: tenantProcedure("billing.run")
    .input(z.object({ date: isoDay.optional(), batchSize: z.number().int().min(10).max(5000).optional() }))
    .mutation(({ ctx, input }) =>
      requestBillingRun(ctx.svc, { date: input.date ? parseDate(input.date) : undefined, batchSize: input.batchSize }),
    ),
});

const subscriptionsRouter = t.router({
  get: tenantProcedure("invoice.read")
    .input(z.object({ subscriberId: z.string().uuid() }))
    .query(({ ctx, input }) => getBillingSubscription(ctx.svc, input.subscriberId)),
  addCharge: tenantProcedure("invoice.write")
    .input(
      z.object({
        subscriberId: z.string().uuid(),
        description: z.string().trim().min(1).max(500),
        amountMinor: amount,
        quantity: z.number().int().min(1).max(1000).optional(),
        taxRateId: z.string().uuid().nullish(),
        idempotencyKey: z.string().min(1).max(200),
      }),
    )
    .mutation(({ ctx, input }) =>
      addOneOffCharge(ctx.svc, input.subscriberId, { ...input, key: input.idempotencyKey }),
    ),
  changePlan: tenantProcedure("subscriber.provision")
    .input(
      z.object({
        subscriberId: z.string().uuid(),
        planId: z.string().uuid(),
        effective: z.enum(["now", "next_cycle"]),
      }),
    )
    .mutation(({ ctx, input }) => changeBillingPlan(ctx.svc, input.subscriberId, input.planId, input.effective)),
});

const reportsRouter = t.router({
  ageing: tenantProcedure("invoice.read")
    .input(listInput.partial().default({}))
    .query(({ ctx, input }) => arAgeing(ctx.svc, input)),
  overview: tenantProcedure("invoice.read").query(({ ctx }) => billingOverview(ctx.svc)),
  account: tenantProcedure("invoice.read")
    .input(z.object({ customerId: z.string().uuid() }))
    .query(({ ctx, input }) => customerAccount(ctx.svc, input.customerId)),
  plans: tenantProcedure("invoice.read").query(({ ctx }) => billingPlans(ctx.svc)),
  taxRates: tenantProcedure("invoice.read").query(({ ctx }) => billingTaxRates(ctx.svc)),
});

const portalRouter = t.router({
  invoices: tenantProcedure("portal.self")
    .input(listInput)
    .query(({ ctx, input }) => portalInvoices(ctx.svc, requireCustomer(ctx.user.customerId), input)),
  invoice: tenantProcedure("portal.self")
    .input(id)
    .query(({ ctx, input }) => portalInvoice(ctx.svc, requireCustomer(ctx.user.customerId), input.id)),
  usage: tenantProcedure("portal.self")
    .input(z.object({ subscriberId: z.string().uuid().optional(), days: z.number().int().min(7).max(400).optional() }))
    .query(({ ctx, input }) => portalUsage(ctx.svc, requireCustomer(ctx.user.customerId), input)),
});

export const billingRouter = t.router({
  invoices: invoicesRouter,
  creditNotes: creditNotesRouter,
  runs: runsRouter,
  subscriptions: subscriptionsRouter,
  reports: reportsRouter,
  portal: portalRouter,
});
