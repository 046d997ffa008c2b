// The file routes of tickets, shared by the desk (/support/…, ticket.read / ticket.write) and
// the portal (/portal/…, the customer's own tickets): upload as multipart `files`, download by
// the attachment's unguessable token, both only for a signed-in person who may read the ticket.
import { auth } from "@/server/auth";
import { db } from "@/server/db";
import { DomainError, HTTP_STATUS } from "@/server/errors";
import { loadSessionUser, type Permission } from "@/server/modules/identity";
import { addTicketAttachments, readTicketAttachment, type TicketReader } from "@/server/modules/tickets";
import { problem } from "@/server/rest";
import { tenantContext, userActor } from "@/server/service-context";
import { clientIp } from "@/server/trpc/context";

type Audience = "staff" | "portal";

async function who(req: Request, audience: Audience, permission: Permission) {
  const session = await auth();
  const claims = session?.user as { id?: string; sv?: number } | undefined;
  const user = claims?.id ? await loadSessionUser(db(), claims.id, claims.sv ?? 0) : null;
  if (!user?.tenantId) return { error: problem(401, "UNAUTHORIZED", "Sign in first") };
  if (!user.permissions.has(permission) || (audience === "portal" && !user.customerId))
    return { error: problem(403, "FORBIDDEN", "You do not have permission to do that") };
  const svc = tenantContext(user.tenantId, userActor(user, clientIp(req.headers)));
  const reader: TicketReader = { customerId: audience === "portal" ? user.customerId : null };
  return { svc, reader };
}

function failure(error: unknown) {
  if (error instanceof DomainError) return problem(HTTP_STATUS[error.code], error.code, error.message);
  throw error;
}

export async function uploadAttachments(req: Request, ticketId: string, audience: Audience) {
  const w = await who(req, audience, audience === "portal" ? "portal.self" : "ticket.write");
  if ("error" in w) return w.error;
  if (!/^[0-9a-f-]{36}$/i.test(ticketId)) return problem(404, "NOT_FOUND", "The ticket was not found");
  let files: File[];
  try {
    files = (await req.formData()).getAll("files").filter((f): f is File => typeof f !== "string");
  } catch {
    return problem(400, "INVALID", 'Send the files as multipart/form-data in the field "files"');
  }
  try {
    const uploads = await Promise.all(
      files.map(async (f) => ({ fileName: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })),
    );
    const entry = new URL(req.url).searchParams.get("entry");
    const entryId = entry && /^[0-9a-f-]{36}$/i.test(entry) ? entry : null;
    const saved = await addTicketAttachments(w.svc, ticketId, uploads, w.reader, entryId);
    return Response.json({ attachments: saved.map(({ accessToken: _t, ...a }) => a) }, { status: 201 });
  } catch (error) {
    return failure(error);
  }
}

export async function downloadAttachment(req: Request, token: string, audience: Audience) {
  const w = await who(req, audience, audience === "portal" ? "portal.self" : "ticket.read");
  if ("error" in w) return w.error;
  try {
    const file = await readTicketAttachment(w.svc, token, w.reader);
    return new Response(Buffer.from(file.bytes), {
      headers: {
        "content-type": file.contentType,
        "content-disposition": `attachment; filename="${file.fileName}"`,
        "x-content-type-options": "nosniff",
        "cache-control": "private, no-store",
      },
    });
  } catch (error) {
    return failure(error);
  }
}
