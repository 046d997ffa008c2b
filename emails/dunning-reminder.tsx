// Dunning reminder for an overdue invoice (J10).
import { z } from "zod";
import { defineTemplate, link, money, when } from "./kit";

export const dunningReminderData = z.object({
  invoiceId: z.string(),
  invoiceNumber: z.string(),
  amountDueMinor: z.number().int(),
  currency: z.string().length(3),
  dueDate: z.iso.datetime({ offset: true }),
  daysOverdue: z.number().int(),
  suspendOn: z.iso.datetime({ offset: true }).optional(),
});
export type DunningReminderData = z.infer<typeof dunningReminderData>;

export const dunningReminder = defineTemplate({
  key: "dunning_reminder",
  name: "Overdue invoice reminder",
  category: "BILLING",
  defaultChannels: ["EMAIL", "INBOX"],
  schema: dunningReminderData,
  subject: (d) => `Reminder: invoice ${d.invoiceNumber} is ${d.daysOverdue} days overdue`,
  text: (d, c) =>
    `Invoice ${d.invoiceNumber} (${money(d.amountDueMinor, d.currency, c.brand.locale)}) was due on ${when(d.dueDate, c, false)}.${d.suspendOn ? ` Please pay before ${when(d.suspendOn, c, false)} to avoid a suspension of your service.` : " Please pay it as soon as possible."}`,
  details: (d, c) => [
    ["Invoice", d.invoiceNumber],
    ["Amount due", money(d.amountDueMinor, d.currency, c.brand.locale)],
    ["Due date", when(d.dueDate, c, false)],
    ["Days overdue", String(d.daysOverdue)],
  ],
  action: (d, c) => ({ label: "Pay now", href: link(c, `/portal/invoices/${d.invoiceId}`) }),
  footnote: () => "If you have already paid, please ignore this message.",
  sample: {
    invoiceId: "0196a0c1-0000-7000-8000-000000000001",
    invoiceNumber: "INV-2026-0042",
    amountDueMinor: 4999,
    currency: "EUR",
    dueDate: "2026-11-10T00:00:00Z",
    daysOverdue: 7,
    suspendOn: "2026-11-24T00:00:00Z",
  },
});
