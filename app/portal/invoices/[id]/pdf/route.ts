// The invoice PDF for the signed-in subscriber (own invoices only; others are 404).
import { sessionUser } from "@/server/auth";
import { DomainError, HTTP_STATUS } from "@/server/errors";
import { portalInvoicePdf } from "@/server/modules/billing";
import { problem } from "@/server/rest";
import { tenantContext, userActor } from "@/server/service-context";
import { clientIp } from "@/server/trpc/context";

export const dynamic = "force-dynamic";

export async function GET(req: Request, context: { params: Promise<{ id: string }> }) {
  const user = await sessionUser();
  if (!user?.tenantId) return problem(401, "UNAUTHORIZED", "Sign in to download your invoice");
  if (!user.permissions.has("portal.self") || !user.customerId)
    return problem(403, "FORBIDDEN", "Only the subscriber can download this invoice here");
  const { id } = await context.params;
  if (!/^[0-9a-f-]{36}$/i.test(id)) return problem(404, "NOT_FOUND", "Invoice was not found");
  try {
    const svc = tenantContext(user.tenantId, userActor(user, clientIp(req.headers)));
    const { bytes, filename } = await portalInvoicePdf(svc, user.customerId, id);
    return new Response(Buffer.from(bytes), {
      headers: {
        "content-type": "application/pdf",
        "content-disposition": `attachment; filename="${filename}"`,
        "cache-control": "private, no-store",
      },
    });
  } catch (error) {
    if (error instanceof DomainError) return problem(HTTP_STATUS[error.code], error.code, error.message);
    throw error;
  }
}
