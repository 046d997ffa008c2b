// Canned replies: the team's stock answers, inserted into a reply and edited before sending.
import { conflict, isUniqueViolation, notFound } from "@/server/errors";
import { recordAudit } from "@/server/modules/audit";
import type { ServiceContext } from "@/server/service-context";
import { cannedReplyInput } from "./schemas";

export async function listCannedReplies(svc: ServiceContext) {
  return svc.db.ticketCannedReply.findMany({ orderBy: { title: "asc" } });
}

export async function saveCannedReply(svc: ServiceContext, raw: unknown) {
  const input = cannedReplyInput.parse(raw);
  try {
    return await svc.db.$transaction(async (tx) => {
      const saved = await tx.ticketCannedReply.create({ data: { tenantId: svc.tenantId, ...input } });
      await recordAudit(tx, {
        tenantId: svc.tenantId,
        actor: svc.actor,
        action: "ticket.canned_reply.create",
        targetType: "TicketCannedReply",
        targetId: saved.id,
        after: input,
      });
      return saved;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(`There is already a canned reply called "${input.title}"`);
    throw error;
  }
}

export async function deleteCannedReply(svc: ServiceContext, id: string) {
  const found = await svc.db.ticketCannedReply.findFirst({ where: { id } });
  if (!found) throw notFound("The canned reply");
  await svc.db.$transaction(async (tx) => {
    await tx.ticketCannedReply.deleteMany({ where: { id } });
    await recordAudit(tx, {
      tenantId: svc.tenantId,
      actor: svc.actor,
      action: "ticket.canned_reply.delete",
      targetType: "TicketCannedReply",
      targetId: id,
      before: found,
    });
  });
  return { deleted: true };
}
