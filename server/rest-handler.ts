// Serves the routes of server/rest.ts: authentication (API token or session), permission and
// scopes, the per-caller rate limit, validation, Idempotency-Key on POST, answers checked
// against their schema, errors as JSON. Kept apart from the definitions so modules can declare
// routes without loading next-auth.
import { ZodError, z } from "zod";
import { sessionUser } from "@/server/auth";
import { DomainError, HTTP_STATUS, malformedValueError } from "@/server/errors";
import { withIdempotency } from "@/server/idempotency";
import type { Permission } from "@/server/modules/identity";
import { apiTokenCaller } from "@/server/modules/identity";
import { getTenantProfile } from "@/server/modules/tenancy";
import { consumeRateLimit, enforceRateLimits, LIMITS } from "@/server/rate-limit";
import { DEFAULT_RATE_PER_MINUTE, problem, type RouteDefinition, wantsDryRun } from "@/server/rest";
import { type Actor, partnerContext, type ServiceContext, tenantContext } from "@/server/service-context";
import { clientIp } from "@/server/trpc/context";

type Principal = {
  /** Rate-limit bucket: the token or the user. */
  key: string;
  tenantId: string;
  userId: string | null;
  label: string;
  permissions: Set<string>;
  /** A partner's user: the partner whose rows the caller's database is narrowed to. */
  partnerId?: string;
  /** Requests per minute this caller may make. */
  ratePerMinute: number;
};

/** Who calls; null for no valid credentials. Throws RATE_LIMITED when one IP guesses tokens. */
async function principal(req: Request): Promise<Principal | null> {
  const header = req.headers.get("authorization");
  if (header?.startsWith("Bearer ")) {
    const token = await apiTokenCaller(header.slice(7).trim());
    const ip = clientIp(req.headers);
    if (!token) {
      if (ip) await enforceRateLimits([[`api-token-failure:${ip}`, LIMITS.apiTokenFailuresPerIp]]);
      return null;
    }
    // A suspended tenant's tokens stop with its users' sessions.
    if ((await getTenantProfile(token.tenantId)).status !== "ACTIVE")
      throw new DomainError("FORBIDDEN", "This tenant is suspended");
    return {
      key: `token:${token.id}`,
      tenantId: token.tenantId,
      userId: null,
      label: `api-token:${token.name}`,
      permissions: token.permissions,
      ratePerMinute: token.rateLimitPerMinute ?? DEFAULT_RATE_PER_MINUTE,
    };
  }
  const user = await sessionUser();
  if (!user?.tenantId) return null;
  if (user.audience === "PARTNER" && !user.partnerId) return null;
  return {
    partnerId: user.audience === "PARTNER" ? (user.partnerId ?? undefined) : undefined,
    key: `user:${user.id}`,
    tenantId: user.tenantId,
    userId: user.id,
    label: user.email,
    permissions: user.permissions,
    ratePerMinute: DEFAULT_RATE_PER_MINUTE,
  };
}

/** The caller's context: tenant-scoped, and partner-scoped for a partner's users. */
function contextOf(who: Principal, actor: Actor): ServiceContext {
  return who.partnerId ? partnerContext(who.tenantId, [who.partnerId], actor) : tenantContext(who.tenantId, actor);
}

/** Authenticates a file download outside /api/v1 (an invoice PDF): permission, tenant, errors as JSON. */
export function downloadRoute<P = Record<string, string>>(
  permission: Permission,
  handler: (args: { svc: ServiceContext; params: P }) => Promise<Response>,
) {
  return async (req: Request, context: { params: Promise<P> }) => {
    const who = await principal(req).catch((error: unknown) => errorResponse(error));
    if (who instanceof Response) return who;
    if (!who) return problem(401, "UNAUTHORIZED", "Sign in or send a valid API token");
    if (!who.permissions.has(permission)) return problem(403, "FORBIDDEN", `This needs the ${permission} permission`);
    const svc = contextOf(who, { userId: who.userId, label: who.label, ip: clientIp(req.headers) });
    try {
      return await handler({ svc, params: await context.params });
    } catch (error) {
      return errorResponse(error);
    }
  };
}

// ------------------------------------------------------------------ dispatch

type Compiled = { def: RouteDefinition; pattern: RegExp; names: string[] };

function compile(def: RouteDefinition): Compiled {
  const names: string[] = [];
  const source = def.path
    .split("/")
    .map((part) => {
      const m = part.match(/^\{(\w+)\}$/);
      if (!m) return part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      names.push(m[1]!);
      return "([^/]+)";
    })
    .join("/");
  return { def, pattern: new RegExp(`^${source}/?$`), names };
}

async function readBody(req: Request, def: RouteDefinition): Promise<unknown> {
  const type = req.headers.get("content-type") ?? "";
  if (def.alsoAccepts?.matches.test(type)) {
    try {
      return def.alsoAccepts.decode(new Uint8Array(await req.arrayBuffer()));
    } catch (error) {
      throw new DomainError("INVALID", `The body is not ${def.alsoAccepts.what}: ${(error as Error).message}`);
    }
  }
  const text = await req.text();
  if (!text.trim()) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new DomainError("INVALID", "The request body must be JSON");
  }
}

function errorResponse(thrown: unknown) {
  const error = malformedValueError(thrown) ?? thrown;
  if (error instanceof DomainError) {
    const { issues, ...details } = error.details ?? {};
    const retryAfter = typeof details.retryAfterSeconds === "number" ? details.retryAfterSeconds : null;
    return problem(
      HTTP_STATUS[error.code],
      error.code,
      error.message,
      { ...(issues !== undefined ? { issues } : {}), ...(Object.keys(details).length ? { details } : {}) },
      retryAfter ? { "retry-after": String(retryAfter) } : undefined,
    );
  }
  if (error instanceof ZodError) return problem(400, "INVALID", "The request is not valid", { issues: error.issues });
  console.error(error);
  return problem(500, "INTERNAL", "Something went wrong on our side; the request may be retried");
}

/** The request handler for every /api/v1 route in `routes` (app/api/v1/[...path]/route.ts). */
export function restDispatcher(routes: RouteDefinition[], opts: { prefix?: string } = {}) {
  const prefix = opts.prefix ?? "/api/v1";
  const compiled = routes.map(compile);
  return async (req: Request): Promise<Response> => {
    const path = new URL(req.url).pathname.slice(prefix.length) || "/";
    const matching = compiled
      .map((c) => ({ c, m: path.match(c.pattern) }))
      .filter((x): x is { c: Compiled; m: RegExpMatchArray } => x.m !== null)
      // A literal segment wins over a parameter: /voltha/onus/discovery-webhook before /voltha/onus/{serial}.
      .sort((a, b) => a.c.names.length - b.c.names.length);
    if (!matching.length) return problem(404, "NOT_FOUND", `There is no API route ${path} (see /api/v1/openapi.json)`);
    const hit = matching.find((x) => x.c.def.method === req.method);
    if (!hit) {
      const allow = [...new Set(matching.map((x) => x.c.def.method))].join(", ");
      return problem(405, "METHOD_NOT_ALLOWED", `${req.method} is not allowed on ${path}; use ${allow}`, undefined, {
        allow,
      });
    }
    const { def, names } = hit.c;
    const who = await principal(req).catch((error: unknown) => errorResponse(error));
    if (who instanceof Response) return who;
    if (!who) return problem(401, "UNAUTHORIZED", "Sign in or send a valid API token");
    if (!who.permissions.has(def.permission))
      return problem(403, "FORBIDDEN", `This needs the ${def.permission} permission`);
    const budget = await consumeRateLimit(`api:${who.key}`, who.ratePerMinute, 60);
    if (!budget.allowed)
      return problem(
        429,
        "RATE_LIMITED",
        `Too many requests: ${who.ratePerMinute} per minute; retry in ${budget.retryAfterSeconds} s`,
        undefined,
        { "retry-after": String(budget.retryAfterSeconds) },
      );
    const svc = contextOf(who, { userId: who.userId, label: who.label, ip: clientIp(req.headers) });
    try {
      const rawParams = Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(hit.m[i + 1]!)]));
      const params = def.params ? def.params.parse(rawParams) : rawParams;
      const query = (def.query ?? z.object({})).parse(Object.fromEntries(new URL(req.url).searchParams));
      const body = def.body ? def.body.parse(await readBody(req, def)) : undefined;
      const idempotencyKey = req.headers.get("idempotency-key");
      if (def.dryRun && wantsDryRun(req, body)) {
        const plan = JSON.parse(
          JSON.stringify(await def.dryRun.handler({ svc, req, params, query, body, idempotencyKey })),
        ) as unknown;
        const valid = def.dryRun.response.safeParse(plan);
        if (!valid.success) {
          console.error(`${def.method} ${def.path} (dry run) answered outside its schema`, valid.error.issues);
          return problem(500, "INTERNAL", "The answer did not match the documented schema");
        }
        return Response.json(plan, { status: 200 });
      }
      const run = async () =>
        JSON.parse(
          JSON.stringify((await def.handler({ svc, req, params, query, body, idempotencyKey })) ?? null),
        ) as unknown;
      const result =
        req.method === "POST"
          ? await withIdempotency(svc, `rest:${def.method} ${def.path}`, idempotencyKey, { params, query, body }, run)
          : await run();
      const checked = def.response.safeParse(result);
      if (!checked.success) {
        console.error(`${def.method} ${def.path} answered outside its schema`, checked.error.issues);
        return problem(500, "INTERNAL", "The answer did not match the documented schema");
      }
      if (def.text)
        return new Response(def.text.render(checked.data), {
          status: def.status ?? 200,
          headers: { "content-type": def.text.contentType },
        });
      return Response.json(result, { status: def.status ?? 200 });
    } catch (error) {
      return errorResponse(error);
    }
  };
}
