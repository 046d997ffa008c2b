// A card payment or direct debit failed.
import { z } from "zod";
import { defineTemplate, link, money } from "./kit";

export const paymentFailedData = z.object({
  amountMinor: z.number().int(),
  currency: z.string().length(3),
  reason: z.string(),
  invoiceNumber: z.string().optional(),
});
export type PaymentFailedData = z.infer<typeof paymentFailedData>;

export const paymentFailed = defineTemplate({
  key: "payment_failed",
  name: "Payment failed",
  category: "BILLING",
  defaultChannels: ["EMAIL", "SMS", "INBOX"],
  schema: paymentFailedData,
  subject: () => "Your payment did not go through",
  text: (d, c) =>
    `Your payment of ${money(d.amountMinor, d.currency, c.brand.locale)}${d.invoiceNumber ? ` for invoice ${d.invoiceNumber}` : ""} failed: ${d.reason}. Please try again or use another card.`,
  action: (_d, c) => ({ label: "Try again", href: link(c, "/portal/invoices") }),
  sample: { amountMinor: 4999, currency: "EUR", reason: "the card was declined", invoiceNumber: "INV-2026-0042" },
});
