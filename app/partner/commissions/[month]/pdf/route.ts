// The signed-in partner's commission statement of one month as a PDF.

import { statementPdf } from "@/server/modules/partners";
import { problem } from "@/server/rest";
import { downloadRoute } from "@/server/rest-handler";

export const dynamic = "force-dynamic";

export const GET = downloadRoute<{ month: string }>("partner.portal", async ({ svc, params }) => {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(params.month)) return problem(404, "NOT_FOUND", "There is no such month");
  if (!svc.partnerIds) return problem(403, "FORBIDDEN", "Only partner accounts have statements");
  const { bytes, filename } = await statementPdf(svc, svc.partnerIds[0]!, params.month);
  return new Response(Buffer.from(bytes), {
    headers: {
      "content-type": "application/pdf",
      "content-disposition": `attachment; filename="${filename}"`,
      "cache-control": "private, no-store",
    },
  });
});
