// GET /support/attachments/<token> — a ticket's file, for staff who may read tickets.
import { downloadAttachment } from "@/app/support/attachment-routes";

export const dynamic = "force-dynamic";

export async function GET(req: Request, context: { params: Promise<{ token: string }> }) {
  return downloadAttachment(req, (await context.params).token, "staff");
}
