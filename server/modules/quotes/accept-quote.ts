// The public acceptance page's use cases. A link is read only when its signature holds; then
// the quote must still be the one sent (not superseded or cancelled) and unexpired. Accepting
// records the typed name, the consent, the IP, the browser, the time and the SHA-256 of the
// PDF as sent — the acceptance certificate — and converts the lead. Accepting twice (a double
// click, two tabs) accepts once: the second answer is the first acceptance.
import { conflict } from "@/server/errors";
import { recordAudit } from "@/server/modules/audit";
import { getTenantProfile } from "@/server/modules/tenancy";
import { type ServiceContext, systemContext } from "@/server/service-context";
import { convertQuote } from "./convert-quote";
import { readQuoteLink } from "./links";
import type { Certificate } from "./pdf";
import { type AcceptInput, acceptInput, CONSENT_TEXT } from "./schemas";

export type LinkState = "OPEN" | "ACCEPTED" | "EXPIRED" | "SUPERSEDED" | "INVALID";

type Visitor = { ip: string | null; userAgent: string | null };

async function open(token: string, now: Date) {
  const link = readQuoteLink(token);
  if (!link) return { state: "INVALID" as const };
  const svc = systemContext(link.tenantId, "quote-acceptance");
  const quote = await svc.db.quote.findFirst({
    where: { id: link.quoteId },
    include: { lines: { orderBy: { position: "asc" } } },
  });
  // The expiry is signed too: a link for an earlier expiry of this quote is not this link.
  const sameExpiry =
    quote?.expiresAt && Math.floor(quote.expiresAt.getTime() / 1000) * 1000 === link.expiresAt.getTime();
  if (!quote || !sameExpiry) return { state: "INVALID" as const };
  const state: LinkState =
    quote.status === "ACCEPTED"
      ? "ACCEPTED"
      : quote.status === "SUPERSEDED" || quote.status === "CANCELLED"
        ? "SUPERSEDED"
        : quote.status !== "SENT"
          ? "INVALID"
          : link.expiresAt.getTime() <= now.getTime()
            ? "EXPIRED"
            : "OPEN";
  return { state, svc, quote };
}

/** What the acceptance page shows for a link. */
export async function viewQuoteLink(token: string, now = new Date()) {
  const o = await open(token, now);
  if (o.state === "INVALID" || !o.quote || !o.svc) return { state: "INVALID" as const };
  const { quote } = o;
  const brand = await getTenantProfile(o.svc.tenantId);
  const acceptance = quote.acceptance as Certificate | null;
  return {
    state: o.state,
    brand: { name: brand.brandName ?? brand.name, primaryColor: brand.primaryColor, locale: brand.locale },
    consentText: CONSENT_TEXT,
    quote: {
      number: quote.number,
      currency: quote.currency,
      pricesIncludeTax: quote.pricesIncludeTax,
      taxBasisPoints: quote.taxBasisPoints,
      expiresAt: quote.expiresAt,
      pdfSha256: quote.pdfSha256,
      lines: quote.lines.map((l) => ({
        description: l.description,
        recurring: l.recurring,
        quantity: l.quantity,
        amountMinor: l.amountMinor,
      })),
      monthly: {
        netMinor: quote.monthlyNetMinor,
        taxMinor: quote.monthlyTaxMinor,
        grossMinor: quote.monthlyGrossMinor,
      },
      oneOff: { netMinor: quote.oneOffNetMinor, taxMinor: quote.oneOffTaxMinor, grossMinor: quote.oneOffGrossMinor },
    },
    acceptedBy: o.state === "ACCEPTED" && acceptance ? { name: acceptance.name, at: acceptance.acceptedAt } : null,
  };
}

/** The PDF a link shows (the bytes whose hash is certified), or null when the link is not valid. */
export async function quotePdfByLink(token: string) {
  const o = await open(token, new Date());
  if (o.state === "INVALID" || !o.quote?.pdf) return null;
  return { number: o.quote.number, pdf: o.quote.pdf };
}

export async function acceptQuote(raw: AcceptInput, visitor: Visitor, now = new Date()) {
  const input = acceptInput.parse(raw);
  const o = await open(input.token, now);
  if (o.state === "INVALID" || !o.svc || !o.quote) return { state: "INVALID" as const };
  if (o.state === "EXPIRED" || o.state === "SUPERSEDED") return { state: o.state };
  const { svc, quote } = o;
  if (o.state === "ACCEPTED")
    return { state: "ACCEPTED" as const, certificate: quote.acceptance as Certificate, first: false };
  if (!quote.pdfSha256) throw conflict("This quote was never sent");
  const certificate: Certificate = {
    quoteNumber: quote.number,
    name: input.name,
    ip: visitor.ip,
    userAgent: visitor.userAgent?.slice(0, 500) ?? null,
    acceptedAt: now.toISOString(),
    pdfSha256: quote.pdfSha256,
    consent: CONSENT_TEXT,
    signature: Boolean(input.signature),
  };
  const won = await svc.db.$transaction(async (tx) => {
    // Only one acceptance moves SENT → ACCEPTED; a concurrent one finds nothing to update.
    const { count } = await tx.quote.updateMany({
      where: { id: quote.id, status: "SENT", expiresAt: { gt: now } },
      data: {
        status: "ACCEPTED",
        acceptedAt: now,
        acceptance: { ...certificate, ...(input.signature ? { signatureSvg: input.signature } : {}) },
      },
    });
    if (count === 0) return false;
    await recordAudit(tx, {
      tenantId: svc.tenantId,
      actor: { userId: null, label: `customer:${input.name}`, ip: visitor.ip },
      action: "quote.accept",
      targetType: "Quote",
      targetId: quote.id,
      after: certificate,
    });
    return true;
  });
  if (!won) {
    const again = await open(input.token, now);
    if (again.state === "ACCEPTED" && again.quote)
      return { state: "ACCEPTED" as const, certificate: again.quote.acceptance as Certificate, first: false };
    return { state: again.state === "OPEN" ? ("INVALID" as const) : again.state };
  }
  await convertAfterAcceptance(svc, quote.id);
  return { state: "ACCEPTED" as const, certificate, first: true };
}

/**
 * The conversion runs after the acceptance is committed; if a system is down it fails here and
 * staff retry it from the quote (every step is idempotent), the customer's acceptance stands.
 */
async function convertAfterAcceptance(svc: ServiceContext, quoteId: string) {
  try {
    await convertQuote(svc, quoteId);
  } catch (error) {
    await svc.db.quote.update({
      where: { id: quoteId },
      data: { conversionError: (error as Error).message.slice(0, 1000) },
    });
  }
}
