// The acceptance certificate of an accepted quote, as a PDF (staff download it from the quote).
import { invalid } from "@/server/errors";
import { getTenantProfile } from "@/server/modules/tenancy";
import type { ServiceContext } from "@/server/service-context";
import { type Certificate, renderCertificatePdf } from "./pdf";
import { storedQuotePdf } from "./queries";

export async function acceptanceCertificatePdf(svc: ServiceContext, quoteId: string) {
  const quote = await storedQuotePdf(svc, quoteId);
  if (!quote.acceptance) throw invalid("This quote has not been accepted");
  const brand = await getTenantProfile(svc.tenantId);
  return { number: quote.number, pdf: await renderCertificatePdf(brand, quote.acceptance as Certificate) };
}
