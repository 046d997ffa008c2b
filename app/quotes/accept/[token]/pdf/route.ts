// The quote PDF behind an acceptance link (the bytes whose SHA-256 the certificate records).
import { quotePdfByLink } from "@/server/modules/quotes";
import { problem } from "@/server/rest";

export const dynamic = "force-dynamic";

export async function GET(_req: Request, context: { params: Promise<{ token: string }> }) {
  const { token } = await context.params;
  const quote = await quotePdfByLink(decodeURIComponent(token));
  if (!quote) return problem(404, "NOT_FOUND", "This link is not valid");
  return new Response(Buffer.from(quote.pdf), {
    headers: {
      "content-type": "application/pdf",
      "content-disposition": `inline; filename="${quote.number}.pdf"`,
      "cache-control": "private, no-store",
      "referrer-policy": "no-referrer",
    },
  });
}
