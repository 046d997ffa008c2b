// The dev mailbox: the outbox of rendered emails (every message, delivered or not).
// Tenant staff see their tenant's messages; platform staff see all.
import { db } from "@/server/db";
import { notFound } from "@/server/errors";
import type { Prisma } from "@/server/generated/prisma/client";
import { type ListInput, orderBy, pageArgs } from "@/server/list";

/** `tenantId` undefined = every message (platform staff). */
export async function listEmails(tenantId: string | undefined, input: ListInput) {
  const f = input.filters ?? {};
  const where: Prisma.EmailMessageWhereInput = {
    ...(tenantId !== undefined ? { tenantId } : {}),
    ...(f.to ? { toAddress: { contains: f.to.toLowerCase() } } : {}),
    ...(f.template ? { template: f.template } : {}),
    ...(f.status && ["QUEUED", "SENT", "DELIVERED", "BOUNCED", "FAILED"].includes(f.status)
      ? { status: f.status as "SENT" }
      : {}),
    ...(input.search
      ? {
          OR: [
            { toAddress: { contains: input.search, mode: "insensitive" } },
            { subject: { contains: input.search, mode: "insensitive" } },
            { template: { contains: input.search, mode: "insensitive" } },
          ],
        }
      : {}),
  };
  const [rows, total] = await Promise.all([
    db().emailMessage.findMany({
      where,
      select: {
        id: true,
        tenantId: true,
        toAddress: true,
        fromAddress: true,
        subject: true,
        template: true,
        status: true,
        provider: true,
        error: true,
        createdAt: true,
        sentAt: true,
      },
      orderBy: orderBy(input, ["createdAt", "toAddress", "subject", "status"], { createdAt: "desc" }),
      ...pageArgs(input),
    }),
    db().emailMessage.count({ where }),
  ]);
  return { rows, total };
}

export async function getEmail(tenantId: string | undefined, id: string) {
  const message = await db().emailMessage.findFirst({
    where: { id, ...(tenantId !== undefined ? { tenantId } : {}) },
  });
  if (!message) throw notFound("The email");
  return message;
}
