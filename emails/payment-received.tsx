// Payment received / receipt (J9).
import { z } from "zod";
import { defineTemplate, link, money, when } from "./kit";

export const paymentReceivedData = z.object({
  amountMinor: z.number().int(),
  currency: z.string().length(3),
  paidAt: z.iso.datetime({ offset: true }),
  invoiceNumber: z.string().optional(),
  method: z.string().optional(),
  reference: z.string().optional(),
});
export type PaymentReceivedData = z.infer<typeof paymentReceivedData>;

export const paymentReceived = defineTemplate({
  key: "payment_received",
  name: "Payment received (receipt)",
  category: "BILLING",
  defaultChannels: ["EMAIL", "INBOX"],
  schema: paymentReceivedData,
  subject: (d, c) => `Receipt: we received ${money(d.amountMinor, d.currency, c.brand.locale)}`,
  text: (d, c) =>
    `Thank you. We received your payment of ${money(d.amountMinor, d.currency, c.brand.locale)}${d.invoiceNumber ? ` for invoice ${d.invoiceNumber}` : ""}.`,
  details: (d, c) => [
    ["Amount", money(d.amountMinor, d.currency, c.brand.locale)],
    ["Date", when(d.paidAt, c)],
    ...(d.invoiceNumber ? ([["Invoice", d.invoiceNumber]] as [string, string][]) : []),
    ...(d.method ? ([["Method", d.method]] as [string, string][]) : []),
    ...(d.reference ? ([["Reference", d.reference]] as [string, string][]) : []),
  ],
  action: (_d, c) => ({ label: "See your invoices", href: link(c, "/portal/invoices") }),
  sample: {
    amountMinor: 4999,
    currency: "EUR",
    paidAt: "2026-11-24T12:00:00Z",
    invoiceNumber: "INV-2026-0042",
    method: "Card •••• 4242",
  },
});
