// Attachments on a ticket's messages. Files go to the storage port under a random key; each
// gets an unguessable access token for its URL, and reading it still requires access to the
// ticket (staff of the tenant with ticket.read, or the customer the ticket belongs to). Size
// and type are checked on the bytes themselves (the browser's content type is not trusted).
import { randomBytes } from "node:crypto";
import { fileStorage } from "@/server/adapters/storage";
import { invalid, notFound } from "@/server/errors";
import type { ServiceContext } from "@/server/service-context";
import { recordTicketEvent } from "./history";

export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;
export const ATTACHMENT_TYPES = ["image/png", "image/jpeg", "image/gif", "image/webp", "application/pdf", "text/plain"];

/** The type the bytes really are, among the allowed ones (null when none). */
export function sniffType(bytes: Uint8Array): string | null {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return "image/png";
  if (starts(0xff, 0xd8, 0xff)) return "image/jpeg";
  if (starts(0x47, 0x49, 0x46, 0x38)) return "image/gif";
  if (
    starts(0x52, 0x49, 0x46, 0x46) &&
    bytes[8] === 0x57 &&
    bytes[9] === 0x45 &&
    bytes[10] === 0x42 &&
    bytes[11] === 0x50
  )
    return "image/webp";
  if (starts(0x25, 0x50, 0x44, 0x46)) return "application/pdf";
  if (!bytes.includes(0)) {
    try {
      new TextDecoder("utf-8", { fatal: true }).decode(bytes);
      return "text/plain";
    } catch {
      return null;
    }
  }
  return null;
}

export type Upload = { fileName: string; bytes: Uint8Array };

/** Who is reading: staff see every ticket of the tenant, a customer only their own. */
export type Reader = { customerId: string | null };

async function readableTicket(svc: ServiceContext, ticketId: string, reader: Reader) {
  const ticket = await svc.db.ticket.findFirst({
    where: { id: ticketId, ...(reader.customerId ? { customerId: reader.customerId } : {}) },
    select: { id: true },
  });
  if (!ticket) throw notFound("The ticket");
  return ticket;
}

/** Stores files on a ticket, on the message `entryId` (else its newest message). */
export async function addAttachments(
  svc: ServiceContext,
  ticketId: string,
  files: Upload[],
  reader: Reader,
  entryId?: string | null,
) {
  const ticket = await readableTicket(svc, ticketId, reader);
  if (files.length === 0) throw invalid("Choose a file to attach");
  if (files.length > 5) throw invalid("Attach at most 5 files at once");
  const checked = files.map((f) => {
    const name = f.fileName.replace(/[\\/\r\n"]/g, "_").slice(0, 120) || "file";
    if (f.bytes.byteLength === 0) throw invalid(`"${name}" is empty`);
    if (f.bytes.byteLength > ATTACHMENT_MAX_BYTES)
      throw invalid(`"${name}" is ${(f.bytes.byteLength / 1048576).toFixed(1)} MB; files may be at most 10 MB`);
    const type = sniffType(f.bytes);
    if (!type) throw invalid(`"${name}" is not an allowed type: attach images (PNG, JPEG, GIF, WebP), PDF or text`);
    return { name, type, bytes: f.bytes };
  });
  const entry = entryId
    ? await svc.db.ticketEntry.findFirst({
        // A customer attaches to their own messages only.
        where: { id: entryId, ticketId: ticket.id, ...(reader.customerId ? { author: "CUSTOMER" as const } : {}) },
      })
    : await svc.db.ticketEntry.findFirst({ where: { ticketId: ticket.id }, orderBy: { createdAt: "desc" } });
  if (entryId && !entry) throw notFound("The message");
  const stored: Array<(typeof checked)[number] & { storageKey: string; accessToken: string }> = [];
  // A failure half-way (storage or database) removes the files already stored.
  const removeStored = () => Promise.allSettled(stored.map((f) => fileStorage().delete(f.storageKey)));
  try {
    for (const f of checked) {
      const storageKey = `${svc.tenantId}/${randomBytes(16).toString("hex")}`;
      stored.push({ ...f, storageKey, accessToken: randomBytes(24).toString("base64url") });
      await fileStorage().put(storageKey, f.bytes, f.type);
    }
  } catch (error) {
    await removeStored();
    throw error;
  }
  return svc.db
    .$transaction(async (tx) => {
      const rows = [];
      for (const f of stored)
        rows.push(
          await tx.ticketAttachment.create({
            data: {
              tenantId: svc.tenantId,
              ticketId: ticket.id,
              entryId: entry?.id ?? null,
              fileName: f.name,
              contentType: f.type,
              sizeBytes: f.bytes.byteLength,
              storageKey: f.storageKey,
              accessToken: f.accessToken,
            },
            select: { id: true, fileName: true, contentType: true, sizeBytes: true, accessToken: true },
          }),
        );
      await recordTicketEvent(tx, svc, ticket.id, "attachment", `Attached ${stored.map((f) => f.name).join(", ")}`);
      return rows;
    })
    .catch(async (error) => {
      await removeStored();
      throw error;
    });
}

export async function readAttachment(svc: ServiceContext, accessToken: string, reader: Reader) {
  const a = await svc.db.ticketAttachment.findFirst({ where: { accessToken } });
  if (!a) throw notFound("The file");
  await readableTicket(svc, a.ticketId, reader).catch(() => {
    throw notFound("The file");
  });
  const bytes = await fileStorage().get(a.storageKey);
  if (!bytes) throw notFound("The file");
  return { bytes, fileName: a.fileName, contentType: a.contentType };
}
