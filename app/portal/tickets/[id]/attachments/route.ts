// POST /portal/tickets/<id>/attachments — the customer attaches files to their own request.
import { uploadAttachments } from "@/app/support/attachment-routes";

export const dynamic = "force-dynamic";

export async function POST(req: Request, context: { params: Promise<{ id: string }> }) {
  return uploadAttachments(req, (await context.params).id, "portal");
}
