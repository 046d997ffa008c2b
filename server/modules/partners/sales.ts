// A partner's sales: its leads (and its sub-partners'), quotes for them, sending a quote under
// the reseller's name and colour, and the quote's PDF — through the crm and quotes modules' use
// cases, in a context narrowed to the partner's tree (another partner's lead is NOT_FOUND).
import type { z } from "zod";
import { notFound } from "@/server/errors";
import type { ListInput } from "@/server/list";
import { createLead, getLead, type LeadInput, listLeads } from "@/server/modules/crm";
import {
  createQuote,
  createQuoteInput,
  getQuote,
  listQuotes,
  type QuoteSeller,
  quotePdfFor,
  sendQuote,
} from "@/server/modules/quotes";
import { partnerContext, type ServiceContext } from "@/server/service-context";
import { getPartner, lineage, partnerTree } from "./partners";

async function scoped(svc: ServiceContext, partnerId: string) {
  await getPartner(svc, partnerId);
  return partnerContext(svc.tenantId, await partnerTree(svc, partnerId), svc.actor);
}

export async function partnerLeads(svc: ServiceContext, partnerId: string, input: ListInput) {
  return listLeads(await scoped(svc, partnerId), input);
}

/** A lead the partner brought: its source is PARTNER and it belongs to the partner (or the sub-partner named). */
export async function createPartnerLead(
  svc: ServiceContext,
  partnerId: string,
  { source: _source, ownerId: _owner, ...input }: LeadInput,
) {
  // The ISP assigns owners among its staff; a partner's lead is the partner's.
  const { serviceabilityResult: checked, ...lead } = await createLead(await scoped(svc, partnerId), {
    ...input,
    source: "PARTNER",
    partnerId: input.partnerId ?? partnerId,
  });
  // The verdict and its reason; the network behind it (splitters, build cost) stays the ISP's.
  return { ...lead, serviceabilityReason: checked?.reason ?? null };
}

/** One of the partner's leads with its quotes, newest first. */
export async function partnerLead(svc: ServiceContext, partnerId: string, leadId: string) {
  const inTree = await scoped(svc, partnerId);
  const lead = await getLead(inTree, leadId);
  const quotes = await listQuotes(inTree, {
    page: 1,
    pageSize: 50,
    filters: { leadId: lead.id },
    sort: { id: "createdAt", desc: true },
  });
  return {
    id: lead.id,
    number: lead.number,
    name: lead.name,
    email: lead.email,
    phone: lead.phone,
    addressLabel: lead.addressLabel,
    stage: lead.stage,
    serviceability: lead.serviceability,
    partnerId: lead.partnerId,
    customerId: lead.customerId,
    createdAt: lead.createdAt,
    quotes: quotes.rows,
  };
}

/** What a partner may put in a quote: the plan, equipment and a discount (above the threshold it waits for the ISP's approval). */
export const partnerQuoteInput = createQuoteInput.pick({
  leadId: true,
  planId: true,
  equipment: true,
  discountBasisPoints: true,
  validDays: true,
});

export async function createPartnerQuote(
  svc: ServiceContext,
  partnerId: string,
  raw: z.input<typeof partnerQuoteInput>,
) {
  const input = partnerQuoteInput.parse(raw);
  const inTree = await scoped(svc, partnerId);
  await getLead(inTree, input.leadId);
  return createQuote(inTree, input);
}

/** A quote of one of the partner's leads (another's is NOT_FOUND, as another tenant's would be). */
async function ownedQuote(inTree: ServiceContext, quoteId: string) {
  const quote = await getQuote(inTree, quoteId);
  const lead = await getLead(inTree, quote.leadId).catch(() => {
    throw notFound("The quote");
  });
  return { quote, lead };
}

/** A reseller's quotes carry its brand; an agent's or referral partner's, the ISP's. */
async function sellerOf(svc: ServiceContext, partnerId: string | null): Promise<QuoteSeller | undefined> {
  if (!partnerId) return undefined;
  const reseller = (await lineage(svc, partnerId)).find((p) => p.type === "RESELLER");
  return reseller ? { name: reseller.brandName || reseller.name, primaryColor: reseller.primaryColor } : undefined;
}

export async function sendPartnerQuote(svc: ServiceContext, partnerId: string, quoteId: string) {
  const inTree = await scoped(svc, partnerId);
  const { lead } = await ownedQuote(inTree, quoteId);
  const { quote } = await sendQuote(inTree, quoteId, { seller: await sellerOf(inTree, lead.partnerId) });
  return { id: quote.id, number: quote.number, status: quote.status, expiresAt: quote.expiresAt };
}

/** The quote's PDF: as sent (the bytes the customer accepts), or a preview of a draft. */
export async function partnerQuotePdf(svc: ServiceContext, partnerId: string, quoteId: string) {
  const inTree = await scoped(svc, partnerId);
  const { lead } = await ownedQuote(inTree, quoteId);
  const { quote, pdf } = await quotePdfFor(inTree, quoteId, new Date(), await sellerOf(inTree, lead.partnerId));
  return { filename: `${quote.number}.pdf`, bytes: quote.pdf ? new Uint8Array(quote.pdf) : pdf };
}
