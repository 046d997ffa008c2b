// The invoice PDF for staff (session or API token with invoice.read).
import { invoicePdf } from "@/server/modules/billing";
import { downloadRoute } from "@/server/rest-handler";

export const dynamic = "force-dynamic";

export const GET = downloadRoute<{ id: string }>("invoice.read", async ({ svc, params }) => {
  const { bytes, filename } = await invoicePdf(svc, params.id);
  return new Response(Buffer.from(bytes), {
    headers: {
      "content-type": "application/pdf",
      "content-disposition": `inline; filename="${filename}"`,
      "cache-control": "private, no-store",
    },
  });
});
