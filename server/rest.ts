// The REST API (/api/v1): one convention for every route. A route is a `defineRoute({...})`
// in its module's rest.ts, listed in app/api/v1/routes.ts; the catch-all route handler
// dispatches to it and the OpenAPI document (/api/v1/openapi.json) is built from the same
// definitions, so what is documented is what is validated. The convention:
// - snake_case fields in and out; every request part (path, query, body) and every answer is a
//   zod schema; answers are checked against theirs before they leave (a mismatch is a 500, and
//   the contract test finds it first);
// - errors are `{error:{code,message,issues?}}` with the status of the code, including 404 for an
//   unknown path and 405 (with `Allow`) for a wrong method;
// - callers authenticate with `Authorization: Bearer <api token>` or the browser session; the
//   route's permission must be in the caller's role and, for a token with scopes, in its scopes;
// - every POST honours `Idempotency-Key`: the same key and request give the first answer again;
// - each caller has a request budget per minute (429 with `Retry-After` when spent);
// - lists page with `?limit=&cursor=` and answer `{data, next_cursor}` (cursorPage below).
import { createHash } from "node:crypto";
import { z } from "zod";
import { DomainError } from "@/server/errors";
import type { Permission } from "@/server/modules/identity";
import type { ServiceContext } from "@/server/service-context";

export const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** Requests per minute for a token without its own limit, and for browser sessions. */
export const DEFAULT_RATE_PER_MINUTE = 600;

export function hashToken(token: string) {
  return createHash("sha256").update(token).digest("hex");
}

export function problem(
  status: number,
  code: string,
  message: string,
  extra?: { issues?: unknown; [k: string]: unknown },
  headers?: HeadersInit,
) {
  return Response.json({ error: { code, message, ...extra } }, { status, headers });
}

// ------------------------------------------------------------------ route definitions

/** What a handler may return for a schema: timestamps may still be Dates (they become ISO strings). */
export type Wire<T> = T extends string
  ? T | Date
  : T extends (infer U)[]
    ? Wire<U>[]
    : T extends Record<string, unknown>
      ? { [K in keyof T]: Wire<T[K]> }
      : T;

type AnyObject = z.ZodObject<z.ZodRawShape>;

export type RouteContext<P, Q, B> = {
  svc: ServiceContext;
  req: Request;
  params: P;
  query: Q;
  body: B;
  idempotencyKey: string | null;
};

export type RouteDefinition<
  P extends AnyObject = AnyObject,
  Q extends AnyObject = AnyObject,
  B extends z.ZodType = z.ZodType,
  R extends z.ZodType = z.ZodType,
> = {
  method: HttpMethod;
  /** Below /api/v1, with `{name}` for path parameters: "/voltha/onus/{serial}". */
  path: string;
  /** Groups routes in the reference (a module or a TM Forum API). */
  tag: string;
  summary: string;
  description?: string;
  permission: Permission;
  params?: P;
  query?: Q;
  /** The JSON body (other bodies: `alsoAccepts`). */
  body?: B;
  /** A non-JSON body the route also takes, decoded into what `body` validates. */
  alsoAccepts?: { contentType: string; matches: RegExp; what: string; decode(bytes: Uint8Array): unknown };
  /** The success status (default 200). */
  status?: 200 | 201 | 202;
  response: R;
  /**
   * A success answer that is not JSON (e.g. the Prometheus exposition): the handler's answer is
   * checked against `response`, then rendered as text of this content type.
   */
  text?: { contentType: string; what: string; render(answer: z.output<R>): string };
  handler(ctx: RouteContext<z.output<P>, z.output<Q>, z.output<B>>): Promise<Wire<z.output<R>>>;
  /**
   * A route that changes things may offer a dry run: `?dry_run=true` (or `"dry_run": true` in
   * the body) answers 200 with what it would do, changes nothing and records no idempotency key.
   */
  dryRun?: {
    response: z.ZodType;
    handler(ctx: RouteContext<z.output<P>, z.output<Q>, z.output<B>>): Promise<unknown>;
  };
};

/** Whether a request asks for the dry run (`?dry_run=true` or `"dry_run": true` in the body). */
export function wantsDryRun(req: Request, body: unknown) {
  const q = new URL(req.url).searchParams.get("dry_run");
  return (
    q === "true" ||
    q === "1" ||
    (typeof body === "object" && body !== null && "dry_run" in body && body.dry_run === true)
  );
}

/** Declares a route (see the top of this file); list it in app/api/v1/routes.ts. */
export function defineRoute<P extends AnyObject, Q extends AnyObject, B extends z.ZodType, R extends z.ZodType>(
  def: RouteDefinition<P, Q, B, R>,
): RouteDefinition {
  return def as unknown as RouteDefinition;
}

// ------------------------------------------------------------------ shared schemas and helpers

/** `?limit=&cursor=` of every list. */
export const cursorQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50).describe("Items per page (1–200)"),
  cursor: z.string().max(200).optional().describe("`next_cursor` of the previous page"),
});

/** `{data, next_cursor}`: a page of a list. */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    data: z.array(item),
    next_cursor: z.string().nullable().describe("Pass as `cursor` for the next page; null on the last"),
  });
}

const encodeCursor = (id: string) => Buffer.from(id).toString("base64url");
function decodeCursor(cursor: string | undefined) {
  if (!cursor) return undefined;
  const id = Buffer.from(cursor, "base64url").toString();
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw new DomainError("INVALID", "The cursor is not valid");
  return id;
}

/**
 * Keyset pagination by id (ids are UUIDv7, so this is creation order). `fetch` gets the
 * Prisma arguments to merge into its findMany and returns the rows; `present` maps a row.
 *
 *   cursorPage(query, (page) => svc.db.olt.findMany({ ...page, where: { ...page.where, …} }), presentOlt)
 */
export async function cursorPage<Row extends { id: string }, Out>(
  query: { limit: number; cursor?: string },
  fetch: (page: { where: { id?: { gt: string } }; take: number; orderBy: { id: "asc" } }) => Promise<Row[]>,
  present: (row: Row) => Out,
): Promise<{ data: Out[]; next_cursor: string | null }> {
  const after = decodeCursor(query.cursor);
  const rows = await fetch({
    where: after ? { id: { gt: after } } : {},
    take: query.limit + 1,
    orderBy: { id: "asc" },
  });
  const more = rows.length > query.limit;
  const page = more ? rows.slice(0, query.limit) : rows;
  return { data: page.map(present), next_cursor: more ? encodeCursor(page[page.length - 1]!.id) : null };
}

// ------------------------------------------------------------------ OpenAPI 3.1

const ERROR_STATUSES: Record<string, string> = {
  "400": "The request is not valid (`issues` says where)",
  "401": "No valid API token or session",
  "403": "The caller lacks the permission (or the token the scope)",
  "404": "Not found",
  "405": "Method not allowed on this path",
  "409": "Conflict with the current state (or an Idempotency-Key reused for another request)",
  "429": "Rate limit reached; retry after `Retry-After` seconds",
  "503": "A system the platform depends on is unavailable",
};

const errorSchema = {
  type: "object",
  required: ["error"],
  properties: {
    error: {
      type: "object",
      required: ["code", "message"],
      properties: {
        code: { type: "string" },
        message: { type: "string" },
        issues: { type: "array", items: { type: "object" } },
        details: { type: "object" },
      },
    },
  },
};

function jsonSchema(schema: z.ZodType, io: "input" | "output") {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { target: "draft-2020-12", io, unrepresentable: "any" });
  return rest;
}

const optional = (schema: z.ZodType) => schema.safeParse(undefined).success;

/** The OpenAPI 3.1 document of `routes`. */
export function openApiDocument(routes: RouteDefinition[], opts: { serverUrl?: string } = {}) {
  const paths: Record<string, Record<string, unknown>> = {
    "/openapi.json": {
      get: {
        operationId: "getOpenApiDocument",
        summary: "This document",
        tags: ["Meta"],
        security: [],
        responses: { "200": { description: "OpenAPI 3.1", content: { "application/json": { schema: {} } } } },
      },
    },
  };
  for (const def of routes) {
    const parameters: unknown[] = [];
    const pathNames = [...def.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
    for (const name of pathNames) {
      const field = def.params?.shape[name] as z.ZodType | undefined;
      parameters.push({
        name,
        in: "path",
        required: true,
        schema: field ? jsonSchema(field, "input") : { type: "string" },
      });
    }
    for (const [name, field] of Object.entries(def.query?.shape ?? {}) as [string, z.ZodType][]) {
      const { description, ...schema } = jsonSchema(field, "input") as { description?: string };
      parameters.push({ name, in: "query", required: !optional(field), description, schema });
    }
    if (def.dryRun)
      parameters.push({
        name: "dry_run",
        in: "query",
        required: false,
        description: "true: answer 200 with what the request would do, and change nothing",
        schema: { type: "boolean" },
      });
    if (def.method === "POST")
      parameters.push({
        name: "Idempotency-Key",
        in: "header",
        required: false,
        description: "Repeating a request with the same key returns the first answer and changes nothing",
        schema: { type: "string", maxLength: 255 },
      });
    const content: Record<string, unknown> = {};
    if (def.body) content["application/json"] = { schema: jsonSchema(def.body, "input") };
    if (def.alsoAccepts)
      content[def.alsoAccepts.contentType] = {
        schema: { type: "string", contentMediaType: def.alsoAccepts.contentType, description: def.alsoAccepts.what },
      };
    const errors = Object.fromEntries(
      Object.entries(ERROR_STATUSES).map(([status, description]) => [
        status,
        { description, content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } },
      ]),
    );
    paths[def.path] ??= {};
    paths[def.path]![def.method.toLowerCase()] = {
      operationId: operationId(def),
      summary: def.summary,
      ...(def.description ? { description: def.description } : {}),
      tags: [def.tag],
      "x-permission": def.permission,
      ...(parameters.length ? { parameters } : {}),
      ...(def.body ? { requestBody: { required: !optional(def.body), content } } : {}),
      responses: {
        ...(def.dryRun
          ? {
              "200": {
                description: "Dry run (dry_run=true): what the request would do; nothing changed",
                content: { "application/json": { schema: jsonSchema(def.dryRun.response, "output") } },
              },
            }
          : {}),
        [String(def.status ?? 200)]: {
          description: "Success",
          content: def.text
            ? { [def.text.contentType]: { schema: { type: "string", description: def.text.what } } }
            : { "application/json": { schema: jsonSchema(def.response, "output") } },
        },
        ...errors,
      },
    };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "FiberOps API",
      version: "1",
      description:
        "Every route answers JSON. Errors are `{error:{code,message,issues?}}`. Authenticate with " +
        "`Authorization: Bearer <api token>` (Settings → API tokens). Lists take `limit` and `cursor` " +
        "and answer `{data, next_cursor}`. POST honours `Idempotency-Key`. Each token has a request " +
        "budget per minute (429 with `Retry-After`).",
    },
    ...(opts.serverUrl ? { servers: [{ url: opts.serverUrl }] } : {}),
    security: [{ bearer: [] }, { session: [] }],
    paths,
    components: {
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer", description: "An API token" },
        session: { type: "apiKey", in: "cookie", name: "authjs.session-token", description: "A signed-in browser" },
      },
      schemas: { Error: errorSchema },
    },
  };
}

function operationId(def: RouteDefinition) {
  const words = def.path
    .split("/")
    .filter(Boolean)
    .map((p) =>
      p.replace(/[{}]/g, "").replace(/[^a-zA-Z0-9]+(.)?/g, (_, c: string | undefined) => (c ?? "").toUpperCase()),
    );
  const name = words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join("");
  return def.method.toLowerCase() + name;
}
