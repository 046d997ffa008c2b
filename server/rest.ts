// The REST API (/api/v1) shares the tRPC rules: a declared permission, a tenant-scoped
// database, domain errors mapped to HTTP statuses, JSON in and out. Callers authenticate
// with the browser session or `Authorization: Bearer <api token>`.
import { createHash } from "node:crypto";
import { ZodError, type z } from "zod";
import { auth } from "@/server/auth";
import { db, tenantDb } from "@/server/db";
import { DomainError, HTTP_STATUS } from "@/server/errors";
import type { Permission } from "@/server/modules/identity";
import { authenticateApiToken, loadSessionUser } from "@/server/modules/identity";
import { getTenantProfile } from "@/server/modules/tenancy";
import { enforceRateLimits, LIMITS } from "@/server/rate-limit";
import type { ServiceContext } from "@/server/service-context";
import { clientIp } from "@/server/trpc/context";

type Principal = { tenantId: string; userId: string | null; label: string; permissions: Set<string> };

export function hashToken(token: string) {
  return createHash("sha256").update(token).digest("hex");
}

/** Who calls: an API token (rate-limited per token, its tenant active) or the browser session. */
async function principal(req: Request): Promise<Principal | Response> {
  const header = req.headers.get("authorization");
  if (header?.startsWith("Bearer ")) {
    const ip = clientIp(req.headers);
    const token = await authenticateApiToken(header.slice(7).trim());
    if (!token) {
      // Guessing tokens costs a limit per IP.
      if (ip) await enforceRateLimits([[`api-token-failure:${ip}`, LIMITS.apiTokenFailuresPerIp]]);
      return problem(401, "UNAUTHORIZED", "Sign in or send a valid API token");
    }
    const tenant = await getTenantProfile(token.tenantId);
    if (tenant.status !== "ACTIVE") return problem(403, "FORBIDDEN", "This tenant is suspended");
    await enforceRateLimits([[`api-token:${token.id}`, LIMITS.apiToken]]);
    return { tenantId: token.tenantId, userId: null, label: `api-token:${token.name}`, permissions: token.permissions };
  }
  const session = await auth();
  const claims = session?.user as { id?: string; sv?: number } | undefined;
  const user = claims?.id ? await loadSessionUser(db(), claims.id, claims.sv ?? 0) : null;
  if (!user?.tenantId) return problem(401, "UNAUTHORIZED", "Sign in or send a valid API token");
  return { tenantId: user.tenantId, userId: user.id, label: user.email, permissions: user.permissions };
}

/** A domain error as its HTTP answer (429s say when to come back). */
export function domainProblem(error: DomainError) {
  const response = problem(HTTP_STATUS[error.code], error.code, error.message, error.details);
  const retryAfter = error.details?.retryAfterSeconds;
  if (typeof retryAfter === "number") response.headers.set("retry-after", String(retryAfter));
  return response;
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
    let who: Principal | Response;
    try {
      who = await principal(req);
    } catch (error) {
      if (error instanceof DomainError) return domainProblem(error);
      throw error;
    }
    if (who instanceof Response) return who;
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
      if (error instanceof DomainError) return domainProblem(error);
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
