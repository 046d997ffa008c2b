// API tokens for the REST API: shown once at creation, stored as SHA-256, acting with the
// permissions of their role, revocable.
import { createHash } from "node:crypto";
import { db } from "@/server/db";
import { invalid, notFound } from "@/server/errors";
import type { Prisma } from "@/server/generated/prisma/client";
import { type ListInput, orderBy, pageArgs } from "@/server/list";
import { recordAudit } from "@/server/modules/audit";
import type { ServiceContext } from "@/server/service-context";
import { assignableRole } from "./roles-service";
import { newToken } from "./tokens";

const TOKEN_PREFIX = "fo_";

export async function listApiTokens(svc: ServiceContext, input: ListInput) {
  const where: Prisma.ApiTokenWhereInput = input.search
    ? { name: { contains: input.search, mode: "insensitive" } }
    : {};
  const [rows, total] = await Promise.all([
    svc.db.apiToken.findMany({
      where,
      select: {
        id: true,
        name: true,
        prefix: true,
        roleId: true,
        lastUsedAt: true,
        revokedAt: true,
        expiresAt: true,
        scopes: true,
        rateLimitPerMinute: true,
        createdAt: true,
      },
      orderBy: orderBy(input, ["name", "createdAt", "lastUsedAt"], { createdAt: "desc" }),
      ...pageArgs(input),
    }),
    svc.db.apiToken.count({ where }),
  ]);
  return { rows, total };
}

export async function createApiToken(
  svc: ServiceContext,
  input: {
    name: string;
    roleId: string;
    expiresInDays?: number | null;
    scopes?: string[];
    rateLimitPerMinute?: number | null;
  },
) {
  const role = await assignableRole(svc, input.roleId);
  const name = input.name.trim();
  if (!name) throw invalid("Name the token after what uses it", { field: "name" });
  const scopes = [...new Set(input.scopes ?? [])];
  const outside = scopes.filter((s) => !role.permissions.includes(s));
  if (outside.length)
    throw invalid(`The role "${role.name}" does not have ${outside.join(", ")}; a scope can only narrow it`, {
      field: "scopes",
    });
  const { token, hash } = newToken(TOKEN_PREFIX);
  const expiresAt = input.expiresInDays ? new Date(Date.now() + input.expiresInDays * 86_400_000) : null;
  const row = await svc.db.$transaction(async (tx) => {
    const created = await tx.apiToken.create({
      data: {
        tenantId: svc.tenantId,
        name,
        roleId: role.id,
        tokenHash: hash,
        prefix: token.slice(0, TOKEN_PREFIX.length + 6),
        createdById: svc.actor.userId,
        expiresAt,
        scopes,
        rateLimitPerMinute: input.rateLimitPerMinute ?? null,
      },
    });
    await recordAudit(tx, {
      tenantId: svc.tenantId,
      actor: svc.actor,
      action: "api_token.create",
      targetType: "ApiToken",
      targetId: created.id,
      after: {
        name,
        role: role.name,
        prefix: created.prefix,
        expiresAt,
        scopes,
        rateLimitPerMinute: created.rateLimitPerMinute,
      },
    });
    return created;
  });
  return { id: row.id, name: row.name, prefix: row.prefix, expiresAt: row.expiresAt, token };
}

export async function revokeApiToken(svc: ServiceContext, id: string) {
  const token = await svc.db.apiToken.findFirst({ where: { id } });
  if (!token) throw notFound("The API token");
  if (token.revokedAt) return { id: token.id, revokedAt: token.revokedAt };
  const revokedAt = new Date();
  await svc.db.$transaction(async (tx) => {
    await tx.apiToken.update({ where: { id: token.id }, data: { revokedAt } });
    await recordAudit(tx, {
      tenantId: svc.tenantId,
      actor: svc.actor,
      action: "api_token.revoke",
      targetType: "ApiToken",
      targetId: token.id,
      before: { revokedAt: null },
      after: { revokedAt },
    });
  });
  return { id: token.id, revokedAt };
}

export type ApiTokenCaller = {
  id: string;
  tenantId: string;
  name: string;
  /** The role's permissions, narrowed by the token's scopes when it has any. */
  permissions: Set<string>;
  rateLimitPerMinute: number | null;
};

/** The caller behind a bearer token, or null when it is unknown, revoked or expired. */
export async function apiTokenCaller(token: string): Promise<ApiTokenCaller | null> {
  const tokenHash = createHash("sha256").update(token).digest("hex");
  const row = await db().apiToken.findUnique({ where: { tokenHash } });
  if (!row || row.revokedAt || (row.expiresAt && row.expiresAt < new Date())) return null;
  const role = await db().role.findUniqueOrThrow({ where: { id: row.roleId } });
  await db().apiToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } });
  const scopes = row.scopes.length ? new Set(row.scopes) : null;
  return {
    id: row.id,
    tenantId: row.tenantId,
    name: row.name,
    permissions: new Set(role.permissions.filter((p) => !scopes || scopes.has(p))),
    rateLimitPerMinute: row.rateLimitPerMinute,
  };
}
