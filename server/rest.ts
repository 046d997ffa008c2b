// The REST API (/api/v1) shares the tRPC rules: a declared permission, a tenant-scoped
// database, domain errors mapped to HTTP statuses, JSON in and out. Callers authenticate
// with the browser session or `Authorization: Bearer <api token>`.
import { createHash } from "node:crypto";
import { ZodError, type z } from "zod";
import { auth } from "@/server/auth";
import { db, tenantDb } from "@/server/db";
import { DomainError, HTTP_STATUS } from "@/server/errors";
import type { Permission } from "@/server/modules/identity";
import { loadSessionUser } from "@/server/modules/identity";
import type { ServiceContext } from "@/server/service-context";
import { clientIp } from "@/server/trpc/context";

type Principal = { tenantId: string; userId: string | null; label: string; permissions: Set<string> };

export function hashToken(token: string) {
  return createHash("sha256").update(token).digest("hex");
}

async function principal(req: Request): Promise<Principal | null> {
  const header = req.headers.get("authorization");
  if (header?.startsWith("Bearer ")) {
    const token = await db().apiToken.findUnique({ where: { tokenHash: hashToken(header.slice(7).trim()) } });
    if (!token || token.revokedAt || (token.expiresAt && token.expiresAt < new Date())) return null;
    const role = await db().role.findUniqueOrThrow({ where: { id: token.roleId } });
    await db().apiToken.update({ where: { id: token.id }, data: { lastUsedAt: new Date() } });
    return {
      tenantId: token.tenantId,
      userId: null,
      label: `api-token:${token.name}`,
      permissions: new Set(role.permissions),
    };
  }
  const session = await auth();
  const claims = session?.user as { id?: string; sv?: number } | undefined;
  const user = claims?.id ? await loadSessionUser(db(), claims.id, claims.sv ?? 0) : null;
  if (!user?.tenantId) return null;
  return { tenantId: user.tenantId, userId: user.id, label: user.email, permissions: user.permissions };
}

export function problem(status: number, code: string, message: string, extra?: Record<string, unknown>) {
  return Response.json({ error: { code, message, ...extra } }, { status });
}

type Handler<P> = (args: {
  svc: ServiceContext;
  req: Request;
  params: P;
  idempotencyKey: string | null;
}) => Promise<unknown>;

/** Wraps a route handler: authenticate, check `permission`, run, map errors. */
export function restRoute<P = Record<string, string>>(permission: Permission, handler: Handler<P>) {
  return async (req: Request, context: { params: Promise<P> }) => {
    const who = await principal(req);
    if (!who) return problem(401, "UNAUTHORIZED", "Sign in or send a valid API token");
    if (!who.permissions.has(permission)) return problem(403, "FORBIDDEN", `This needs the ${permission} permission`);
    const svc: ServiceContext = {
      tenantId: who.tenantId,
      db: tenantDb(who.tenantId),
      actor: { userId: who.userId, label: who.label, ip: clientIp(req.headers) },
    };
    try {
      const result = await handler({
        svc,
        req,
        params: await context.params,
        idempotencyKey: req.headers.get("idempotency-key"),
      });
      if (result instanceof Response) return result;
      return Response.json(result ?? null);
    } catch (error) {
      if (error instanceof DomainError)
        return problem(HTTP_STATUS[error.code], error.code, error.message, error.details);
      if (error instanceof ZodError)
        return problem(400, "INVALID", "The request is not valid", { issues: error.issues });
      throw error;
    }
  };
}

/** Parses a JSON body with a zod schema (throws ZodError → 400). */
export async function jsonBody<S extends z.ZodType>(req: Request, schema: S): Promise<z.infer<S>> {
  let body: unknown;
  try {
    body = await req.json();
  } catch {
    throw new DomainError("INVALID", "The request body must be JSON");
  }
  return schema.parse(body);
}
