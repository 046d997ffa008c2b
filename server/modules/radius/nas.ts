// NAS devices (the `nas` table FreeRADIUS reads its clients from). Secrets are write-only:
// never returned after save. radiusd reads `nas` only at start, so every change records a
// reload request (radius_reload) that the FreeRADIUS runner (radius/run.ts) acts on by
// restarting radiusd; the UI shows the request as pending until then.
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { db } from "@/server/db";
import { conflict, isForeignKeyViolation, isUniqueViolation, notFound } from "@/server/errors";
import type { Prisma } from "@/server/generated/prisma/client";
import { type ListInput, orderBy, pageArgs } from "@/server/list";
import { recordAudit } from "@/server/modules/audit";
import type { ServiceContext } from "@/server/service-context";
import { NAS_VENDORS } from "./radius-profile";

export const nasInput = z.object({
  nasname: z
    .string()
    .trim()
    .regex(/^(\d{1,3}\.){3}\d{1,3}$/, "Enter the NAS's IPv4 address (the source of its RADIUS packets)"),
  shortname: z
    .string()
    .trim()
    .min(1)
    .max(60)
    .regex(/^[A-Za-z0-9._-]+$/, "Use letters, digits and . _ - only"),
  type: z.enum(NAS_VENDORS),
  secret: z.string().min(8, "Use a shared secret of at least 8 characters").max(128).optional(),
  coaPort: z.number().int().min(1).max(65535).default(3799),
  description: z.string().trim().max(500).nullish(),
});
export type NasInput = z.input<typeof nasInput>;

const publicSelect = {
  id: true,
  nasname: true,
  shortname: true,
  type: true,
  coaPort: true,
  description: true,
  createdAt: true,
  updatedAt: true,
} as const;

// biome-ignore lint/suspicious/noExplicitAny: scoped or raw transaction client
async function requestReload(tx: any, reason: string) {
  await tx.radiusReload.upsert({
    where: { id: 1 },
    create: { id: 1, requestedAt: new Date(), reason },
    update: { requestedAt: new Date(), reason },
  });
}

export async function radiusReloadStatus() {
  const row = await db().radiusReload.findUnique({ where: { id: 1 } });
  if (!row) return { pending: false, requestedAt: null, doneAt: null, reason: null };
  return {
    pending: !row.doneAt || row.doneAt < row.requestedAt,
    requestedAt: row.requestedAt,
    doneAt: row.doneAt,
    reason: row.reason,
  };
}

export async function listNas(svc: ServiceContext, input: ListInput) {
  const where: Prisma.NasWhereInput = {};
  if (input.search)
    where.OR = [
      { shortname: { contains: input.search, mode: "insensitive" } },
      { nasname: { startsWith: input.search } },
    ];
  if (input.filters?.type) where.type = input.filters.type;
  const [rows, total] = await Promise.all([
    svc.db.nas.findMany({
      where,
      select: publicSelect,
      orderBy: orderBy(input, ["shortname", "nasname", "type", "createdAt"], { shortname: "asc" }),
      ...pageArgs(input),
    }),
    svc.db.nas.count({ where }),
  ]);
  return { rows, total };
}

export async function getNas(svc: ServiceContext, id: number) {
  const nas = await svc.db.nas.findFirst({ where: { id }, select: publicSelect });
  if (!nas) throw notFound("NAS");
  return nas;
}

/** Creates a NAS; without a secret one is generated and returned ONCE in `secret`. */
/** For seeds: the tenant's NAS at this address, created when missing. */
export async function ensureNas(svc: ServiceContext, raw: NasInput) {
  const existing = await svc.db.nas.findFirst({ where: { nasname: raw.nasname }, select: publicSelect });
  return existing ?? createNas(svc, raw);
}

export async function createNas(svc: ServiceContext, raw: NasInput) {
  const input = nasInput.parse(raw);
  const secret = input.secret ?? randomBytes(18).toString("base64url");
  try {
    return await svc.db.$transaction(async (tx) => {
      const nas = await tx.nas.create({
        data: { ...input, secret, tenantId: svc.tenantId },
        select: publicSelect,
      });
      await requestReload(tx, `NAS ${nas.shortname} added`);
      await recordAudit(tx, {
        tenantId: svc.tenantId,
        actor: svc.actor,
        action: "nas.create",
        targetType: "Nas",
        targetId: String(nas.id),
        after: nas,
      });
      return { ...nas, secret: input.secret ? null : secret };
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw conflict(
        `A NAS with address ${input.nasname} is already registered (addresses are unique across all ISPs)`,
      );
    throw error;
  }
}

/** Updates a NAS; the secret changes only when a new one is given. */
export async function updateNas(svc: ServiceContext, id: number, raw: Partial<NasInput>) {
  const input = nasInput.partial().parse(raw);
  try {
    return await svc.db.$transaction(async (tx) => {
      const before = await tx.nas.findFirst({ where: { id }, select: publicSelect });
      if (!before) throw notFound("NAS");
      const { secret, ...rest } = input;
      const nas = await tx.nas.update({
        where: { id },
        data: { ...rest, ...(secret ? { secret } : {}), updatedAt: new Date() },
        select: publicSelect,
      });
      await requestReload(tx, `NAS ${nas.shortname} changed`);
      await recordAudit(tx, {
        tenantId: svc.tenantId,
        actor: svc.actor,
        action: "nas.update",
        targetType: "Nas",
        targetId: String(id),
        before,
        after: { ...nas, secretChanged: Boolean(secret) },
      });
      return nas;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict("Another NAS already has that address");
    throw error;
  }
}

export async function deleteNas(svc: ServiceContext, id: number) {
  return svc.db.$transaction(async (tx) => {
    const before = await tx.nas.findFirst({ where: { id }, select: publicSelect });
    if (!before) throw notFound("NAS");
    // The subscribers' FK (ON DELETE RESTRICT) refuses it while subscribers are bound to it.
    await tx.nas.delete({ where: { id } }).catch((error: unknown) => {
      throw isForeignKeyViolation(error)
        ? conflict("Subscribers are bound to this NAS; clear their NAS binding first")
        : error;
    });
    await requestReload(tx, `NAS ${before.shortname} removed`);
    await recordAudit(tx, {
      tenantId: svc.tenantId,
      actor: svc.actor,
      action: "nas.delete",
      targetType: "Nas",
      targetId: String(id),
      before,
    });
    return { id };
  });
}
