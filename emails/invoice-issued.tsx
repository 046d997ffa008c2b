// Invoice issued (J8).
import { z } from "zod";
import { defineTemplate, link, money, when } from "./kit";

export const invoiceIssuedData = z.object({
  invoiceId: z.string(),
  invoiceNumber: z.string(),
  totalMinor: z.number().int(),
  currency: z.string().length(3),
  dueDate: z.iso.datetime({ offset: true }),
  periodLabel: z.string().optional(),
});
export type InvoiceIssuedData = z.infer<typeof invoiceIssuedData>;

export const invoiceIssued = defineTemplate({
  key: "invoice_issued",
  name: "Invoice issued",
  category: "BILLING",
  defaultChannels: ["EMAIL", "INBOX"],
  schema: invoiceIssuedData,
  subject: (d) => `Invoice ${d.invoiceNumber}`,
  text: (d, c) =>
    `Your invoice ${d.invoiceNumber} for ${money(d.totalMinor, d.currency, c.brand.locale)} is ready. It is due on ${when(d.dueDate, c, false)}.`,
  details: (d, c) => [
    ["Invoice", d.invoiceNumber],
    ...(d.periodLabel ? ([["Period", d.periodLabel]] as [string, string][]) : []),
    ["Total", money(d.totalMinor, d.currency, c.brand.locale)],
    ["Due", when(d.dueDate, c, false)],
  ],
  action: (d, c) => ({ label: "View and pay", href: link(c, `/portal/invoices/${d.invoiceId}`) }),
  sample: {
    invoiceId: "0196a0c1-0000-7000-8000-000000000001",
    invoiceNumber: "INV-2026-0042",
    totalMinor: 4999,
    currency: "EUR",
    dueDate: "2026-12-08T00:00:00Z",
    periodLabel: "December 2026",
  },
});
