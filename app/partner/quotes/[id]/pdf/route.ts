// A quote of one of the signed-in partner's leads as a PDF: as sent, or a preview of a draft,
// under the reseller's name and colour.
import { partnerQuotePdf } from "@/server/modules/partners";
import { problem } from "@/server/rest";
import { downloadRoute } from "@/server/rest-handler";

export const dynamic = "force-dynamic";

export const GET = downloadRoute<{ id: string }>("partner.portal", async ({ svc, params }) => {
  if (!/^[0-9a-f-]{36}$/i.test(params.id)) return problem(404, "NOT_FOUND", "There is no such quote");
  if (!svc.partnerIds) return problem(403, "FORBIDDEN", "Only partner accounts see quotes here");
  const { bytes, filename } = await partnerQuotePdf(svc, svc.partnerIds[0]!, params.id);
  return new Response(Buffer.from(bytes), {
    headers: {
      "content-type": "application/pdf",
      "content-disposition": `inline; filename="${filename}"`,
      "cache-control": "private, no-store",
    },
  });
});
