// The acceptance certificate of an accepted quote, for staff (lead.read).
import { acceptanceCertificatePdf } from "@/server/modules/quotes";
import { downloadRoute } from "@/server/rest-handler";

export const dynamic = "force-dynamic";

export const GET = downloadRoute<{ id: string }>("lead.read", async ({ svc, params }) => {
  const { number, pdf } = await acceptanceCertificatePdf(svc, params.id);
  return new Response(Buffer.from(pdf), {
    headers: {
      "content-type": "application/pdf",
      "content-disposition": `inline; filename="${number}-acceptance.pdf"`,
      "cache-control": "private, no-store",
    },
  });
});
