// Payment procedures: manual payments and refunds for staff, card checkout for the portal.
import { z } from "zod";
import { env } from "@/server/env";
import { listInput } from "@/server/list";
import { requireCustomer } from "@/server/modules/billing";
import { t } from "@/server/trpc/init";
import { tenantProcedure } from "@/server/trpc/procedures";
import { checkoutStatus, listPayments, recordManualPayment, refundPayment, startCardCheckout } from "./service";

export const paymentsRouter = t.router({
  list: tenantProcedure("payment.read")
    .input(listInput)
    .query(({ ctx, input }) => listPayments(ctx.svc, input)),
  record: tenantProcedure("payment.record")
    .input(
      z.object({
        customerId: z.string().uuid(),
        method: z.enum(["CASH", "BANK_TRANSFER"]),
        amountMinor: z.number().int().positive(),
        reference: z.string().max(200).nullish(),
        receivedAt: z.coerce.date().optional(),
        notes: z.string().max(2000).nullish(),
        allocations: z
          .array(z.object({ invoiceId: z.string().uuid(), amountMinor: z.number().int().positive().optional() }))
          .max(100)
          .optional(),
        idempotencyKey: z.string().max(200).optional(),
      }),
    )
    .mutation(({ ctx, input }) => recordManualPayment(ctx.svc, input)),
  refund: tenantProcedure("payment.refund")
    .input(
      z.object({
        paymentId: z.string().uuid(),
        amountMinor: z.number().int().positive(),
        reason: z.string().trim().min(3).max(500),
        idempotencyKey: z.string().max(200).optional(),
      }),
    )
    .mutation(({ ctx, input }) => refundPayment(ctx.svc, input)),
  /** Portal: pay an own open invoice by card; returns the hosted checkout URL. */
  checkout: tenantProcedure("portal.self")
    .input(z.object({ invoiceId: z.string().uuid() }))
    .mutation(({ ctx, input }) => {
      const base = env().APP_URL.replace(/\/$/, "");
      return startCardCheckout(ctx.svc, {
        invoiceId: input.invoiceId,
        customerId: requireCustomer(ctx.user.customerId),
        successUrl: `${base}/portal/pay/return?session_id={CHECKOUT_SESSION_ID}`,
        cancelUrl: `${base}/portal/invoices/${input.invoiceId}?cancelled=1`,
      });
    }),
  checkoutStatus: tenantProcedure("portal.self")
    .input(z.object({ sessionId: z.string().min(1).max(200) }))
    .query(({ ctx, input }) => checkoutStatus(ctx.svc, input.sessionId, requireCustomer(ctx.user.customerId))),
});
