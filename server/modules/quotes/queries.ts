// Reading quotes: the desk's list, a lead's quotes, one quote with its lines and certificate.
import { notFound } from "@/server/errors";
import type { Prisma } from "@/server/generated/prisma/client";
import { type ListInput, orderBy, pageArgs } from "@/server/list";
import type { ServiceContext } from "@/server/service-context";

const columns = {
  id: true,
  number: true,
  leadId: true,
  version: true,
  status: true,
  currency: true,
  monthlyGrossMinor: true,
  oneOffGrossMinor: true,
  discountBasisPoints: true,
  sentAt: true,
  expiresAt: true,
  acceptedAt: true,
  customerId: true,
  subscriberId: true,
  workOrderId: true,
  conversionError: true,
  createdAt: true,
} satisfies Prisma.QuoteSelect;

export async function listQuotes(svc: ServiceContext, input: ListInput) {
  const where: Prisma.QuoteWhereInput = {};
  if (input.search) where.number = { contains: input.search, mode: "insensitive" };
  if (input.filters?.status) where.status = input.filters.status as Prisma.QuoteWhereInput["status"];
  if (input.filters?.leadId) where.leadId = input.filters.leadId;
  const [rows, total] = await Promise.all([
    svc.db.quote.findMany({
      where,
      select: columns,
      orderBy: orderBy(input, ["number", "status", "createdAt", "monthlyGrossMinor", "expiresAt"], {
        createdAt: "desc",
      }),
      ...pageArgs(input),
    }),
    svc.db.quote.count({ where }),
  ]);
  return { rows, total };
}

export async function getQuote(svc: ServiceContext, id: string) {
  const quote = await svc.db.quote.findFirst({
    where: { id },
    select: {
      ...columns,
      planId: true,
      addressId: true,
      pricesIncludeTax: true,
      taxBasisPoints: true,
      monthlyNetMinor: true,
      monthlyTaxMinor: true,
      oneOffNetMinor: true,
      oneOffTaxMinor: true,
      approvedById: true,
      validDays: true,
      pdfSha256: true,
      acceptance: true,
      lines: { orderBy: { position: "asc" } },
    },
  });
  if (!quote) throw notFound("The quote");
  return quote;
}

/** The stored PDF as sent (null before sending). */
export async function storedQuotePdf(svc: ServiceContext, id: string) {
  const quote = await svc.db.quote.findFirst({ where: { id }, select: { number: true, pdf: true, acceptance: true } });
  if (!quote) throw notFound("The quote");
  return quote;
}
