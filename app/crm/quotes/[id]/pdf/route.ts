// A quote's PDF as sent, for staff (session or API token with lead.read).
import { notFound } from "@/server/errors";
import { storedQuotePdf } from "@/server/modules/quotes";
import { downloadRoute } from "@/server/rest-handler";

export const dynamic = "force-dynamic";

export const GET = downloadRoute<{ id: string }>("lead.read", async ({ svc, params }) => {
  const quote = await storedQuotePdf(svc, params.id);
  if (!quote.pdf) throw notFound("The PDF of an unsent quote");
  return new Response(Buffer.from(quote.pdf), {
    headers: {
      "content-type": "application/pdf",
      "content-disposition": `inline; filename="${quote.number}.pdf"`,
      "cache-control": "private, no-store",
    },
  });
});
