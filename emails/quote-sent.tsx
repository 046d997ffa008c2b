// A quote for a lead, with its signing link (J1). Sent to the lead's address (notifyContact).
import { z } from "zod";
import { defineTemplate, money, when } from "./kit";

export const quoteSentData = z.object({
  quoteNumber: z.string(),
  planName: z.string(),
  monthlyMinor: z.number().int(),
  installFeeMinor: z.number().int(),
  currency: z.string().length(3),
  expiresAt: z.iso.datetime({ offset: true }),
  url: z.url(),
});
export type QuoteSentData = z.infer<typeof quoteSentData>;

export const quoteSent = defineTemplate({
  key: "quote_sent",
  name: "Quote sent",
  category: "TRANSACTIONAL",
  defaultChannels: ["EMAIL"],
  schema: quoteSentData,
  subject: (d, c) => `Your ${c.brand.name} quote ${d.quoteNumber}`,
  text: (d, c) =>
    `Here is your quote for ${d.planName}: ${money(d.monthlyMinor, d.currency, c.brand.locale)} a month. Review and accept it online before ${when(d.expiresAt, c, false)}.`,
  details: (d, c) => [
    ["Plan", d.planName],
    ["Monthly", money(d.monthlyMinor, d.currency, c.brand.locale)],
    ["Installation", money(d.installFeeMinor, d.currency, c.brand.locale)],
    ["Valid until", when(d.expiresAt, c, false)],
  ],
  action: (d) => ({ label: "Review and accept", href: d.url }),
  sample: {
    quoteNumber: "Q-2026-0107",
    planName: "Fiber 500",
    monthlyMinor: 3999,
    installFeeMinor: 9900,
    currency: "EUR",
    expiresAt: "2026-12-08T00:00:00Z",
    url: "https://isp.example/quotes/accept/sample-token",
  },
});
