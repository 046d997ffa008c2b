// GET /portal/attachments/<token> — a file of one of the customer's own requests.
import { downloadAttachment } from "@/app/support/attachment-routes";

export const dynamic = "force-dynamic";

export async function GET(req: Request, context: { params: Promise<{ token: string }> }) {
  return downloadAttachment(req, (await context.params).token, "portal");
}
