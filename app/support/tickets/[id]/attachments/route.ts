// POST /support/tickets/<id>/attachments — the team attaches files to a ticket (multipart `files`).
import { uploadAttachments } from "@/app/support/attachment-routes";

export const dynamic = "force-dynamic";

export async function POST(req: Request, context: { params: Promise<{ id: string }> }) {
  return uploadAttachments(req, (await context.params).id, "staff");
}
