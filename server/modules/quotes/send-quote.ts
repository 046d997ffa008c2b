// Send a quote: render and keep its PDF (and the PDF's SHA-256), start its validity, email the
// lead the signed link, and move the lead to QUOTED. Sending again (e.g. the email bounced)
// re-sends the same PDF and link.
import { createHash } from "node:crypto";
import { invalid, notFound } from "@/server/errors";
import { recordAudit } from "@/server/modules/audit";
import { advanceLead, getLead } from "@/server/modules/crm";
import { appUrl, notifyContact } from "@/server/modules/notifications";
import { getTenantProfile } from "@/server/modules/tenancy";
import type { ServiceContext } from "@/server/service-context";
import { quoteLinkToken } from "./links";
import { renderQuotePdf } from "./pdf";

const DAY_MS = 86_400_000;

export const acceptUrl = (token: string) => `${appUrl().replace(/\/$/, "")}/quotes/accept/${token}`;

/** Who sells: a reseller sends its own leads' quotes under its name and colour. Default: the tenant. */
export type QuoteSeller = { name: string; primaryColor: string | null };

export async function quotePdfFor(svc: ServiceContext, quoteId: string, now: Date, seller?: QuoteSeller) {
  const quote = await svc.db.quote.findFirst({
    where: { id: quoteId },
    include: { lines: { orderBy: { position: "asc" } } },
  });
  if (!quote) throw notFound("The quote");
  const lead = await getLead(svc, quote.leadId);
  const tenant = await getTenantProfile(svc.tenantId);
  const brand = seller
    ? { ...tenant, brandName: seller.name, primaryColor: seller.primaryColor ?? tenant.primaryColor }
    : tenant;
  const expiresAt = quote.expiresAt ?? new Date(now.getTime() + quote.validDays * DAY_MS);
  const pdf = await renderQuotePdf(brand, {
    number: quote.number,
    createdAt: quote.createdAt,
    expiresAt,
    currency: quote.currency,
    pricesIncludeTax: quote.pricesIncludeTax,
    taxBasisPoints: quote.taxBasisPoints,
    customerName: lead.name,
    addressLabel: lead.addressLabel,
    lines: quote.lines,
    monthly: { netMinor: quote.monthlyNetMinor, taxMinor: quote.monthlyTaxMinor, grossMinor: quote.monthlyGrossMinor },
    oneOff: { netMinor: quote.oneOffNetMinor, taxMinor: quote.oneOffTaxMinor, grossMinor: quote.oneOffGrossMinor },
  });
  return { quote, lead, expiresAt, pdf };
}

export async function sendQuote(svc: ServiceContext, id: string, opts: { now?: Date; seller?: QuoteSeller } = {}) {
  const now = opts.now ?? new Date();
  const existing = await svc.db.quote.findFirst({ where: { id } });
  if (!existing) throw notFound("The quote");
  if (existing.status === "PENDING_APPROVAL")
    throw invalid("The discount needs approval before this quote can be sent");
  if (existing.status !== "DRAFT" && existing.status !== "SENT")
    throw invalid(`This quote is ${existing.status.toLowerCase().replace("_", " ")}; it cannot be sent`);
  const { quote, lead, expiresAt, pdf } = await quotePdfFor(svc, id, now, opts.seller);
  if (!lead.email) throw invalid("The lead has no email address to send the quote to");
  // The first send fixes the PDF the customer will accept; a re-send sends those bytes again.
  const bytes = quote.pdf ?? Buffer.from(pdf);
  const pdfSha256 = quote.pdfSha256 ?? createHash("sha256").update(bytes).digest("hex");
  const sent = await svc.db.$transaction(async (tx) => {
    const updated = await tx.quote.update({
      where: { id },
      data: { status: "SENT", sentAt: quote.sentAt ?? now, expiresAt, pdf: bytes, pdfSha256 },
    });
    await recordAudit(tx, {
      tenantId: svc.tenantId,
      actor: svc.actor,
      action: "quote.send",
      targetType: "Quote",
      targetId: id,
      after: { status: "SENT", expiresAt, pdfSha256, to: lead.email },
    });
    return updated;
  });
  const url = acceptUrl(quoteLinkToken({ tenantId: svc.tenantId, quoteId: id, expiresAt }));
  await notifyContact(svc, {
    to: { email: lead.email, name: lead.name },
    sender: opts.seller,
    template: "quote_sent",
    data: {
      quoteNumber: quote.number,
      planName: quote.lines.find((l) => l.kind === "PLAN")?.description ?? "Fibre",
      monthlyMinor: quote.monthlyGrossMinor,
      installFeeMinor: quote.oneOffGrossMinor,
      currency: quote.currency,
      expiresAt: expiresAt.toISOString(),
      url,
    },
  });
  await advanceLead(svc, lead.id, "QUOTED", { note: `Quote ${quote.number} sent to ${lead.email}` });
  return { quote: sent, url };
}
