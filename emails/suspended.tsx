// Service suspended (J3: non-payment, or other reasons).
import { z } from "zod";
import { defineTemplate, link, money } from "./kit";

export const suspendedData = z.object({
  reason: z.enum(["NON_PAYMENT", "FRAUD", "REQUESTED", "ADMINISTRATIVE"]),
  amountDueMinor: z.number().int().optional(),
  currency: z.string().length(3).optional(),
});
export type SuspendedData = z.infer<typeof suspendedData>;

const REASONS = {
  NON_PAYMENT: "because of an unpaid balance",
  FRAUD: "for a security review",
  REQUESTED: "as you requested",
  ADMINISTRATIVE: "for an administrative reason",
} as const;

export const suspended = defineTemplate({
  key: "suspended",
  name: "Service suspended",
  category: "TRANSACTIONAL",
  urgent: true,
  defaultChannels: ["EMAIL", "SMS", "INBOX"],
  schema: suspendedData,
  subject: () => "Your internet service is suspended",
  text: (d, c) =>
    d.reason === "NON_PAYMENT" && d.amountDueMinor !== undefined && d.currency
      ? `Your internet service is suspended ${REASONS[d.reason]} of ${money(d.amountDueMinor, d.currency, c.brand.locale)}. Pay it in the portal and service is restored automatically.`
      : `Your internet service is suspended ${REASONS[d.reason]}. Contact ${c.brand.name} support to restore it.`,
  action: (d, c) => (d.reason === "NON_PAYMENT" ? { label: "Pay now", href: link(c, "/portal/invoices") } : undefined),
  sample: { reason: "NON_PAYMENT", amountDueMinor: 4999, currency: "EUR" },
});
