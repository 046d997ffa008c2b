// The Prisma client, and the tenant-scoped view of it that every tenant procedure uses.
import { PrismaPg } from "@prisma/adapter-pg";
import { databaseUrl } from "./env";
import { DomainError } from "./errors";
import { Prisma, PrismaClient } from "./generated/prisma/client";

export { Prisma };
export type Db = PrismaClient;
/** A client or an open interactive transaction: every service write accepts either. */
export type DbTx = Prisma.TransactionClient;

const globalForDb = globalThis as unknown as { prisma?: PrismaClient };

const LIKE_FILTERS = new Set(["contains", "startsWith", "endsWith"]);

/**
 * A copy of a `where` whose contains/startsWith/endsWith texts match literally: Prisma passes
 * them to LIKE as they are, so a search for "%" or "_" would match everything (issue #11.12).
 */
const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && Object.getPrototypeOf(value) === Object.prototype;

function literalLikes(where: unknown): unknown {
  if (Array.isArray(where)) return where.map(literalLikes);
  if (!isPlainObject(where)) return where;
  return Object.fromEntries(
    Object.entries(where).map(([key, value]) => [
      key,
      LIKE_FILTERS.has(key) && typeof value === "string" ? value.replace(/[\\%_]/g, "\\$&") : literalLikes(value),
    ]),
  );
}

/** Applies literalLikes to every `where` in a query's arguments (nested includes too). */
function withLiteralLikes(args: unknown): unknown {
  if (Array.isArray(args)) return args.map(withLiteralLikes);
  if (!isPlainObject(args)) return args;
  return Object.fromEntries(
    Object.entries(args).map(([key, value]) => [
      key,
      key === "where" ? literalLikes(value) : key === "data" ? value : withLiteralLikes(value),
    ]),
  );
}

export function createPrisma(url = databaseUrl()): PrismaClient {
  const client = new PrismaClient({
    adapter: new PrismaPg({ connectionString: url, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) }),
  });
  return client.$extends({
    name: "literal-like",
    query: {
      $allModels: {
        $allOperations({ args, query }) {
          return query(withLiteralLikes(args) as typeof args);
        },
      },
    },
  }) as unknown as PrismaClient;
}

/**
 * The process-wide client for DATABASE_URL (lazy, so importing this file needs no database).
 * Tests and benchmarks point it at their own database by setting DATABASE_URL first.
 */
export function db(): PrismaClient {
  globalForDb.prisma ??= createPrisma();
  return globalForDb.prisma;
}

// Models whose rows belong to one tenant: those with a `tenantId` column.
// Role is excluded: built-in roles have tenantId null and are readable by every tenant.
const TENANT_MODELS = new Set<string>(
  Object.values(Prisma.ModelName).filter((model) => {
    if (model === "Tenant" || model === "Role" || model === "User" || model === "AuditLog" || model === "EmailMessage")
      return false;
    const fields = (Prisma as unknown as Record<string, Record<string, string> | undefined>)[`${model}ScalarFieldEnum`];
    return Boolean(fields && "tenantId" in fields);
  }),
);

export function isTenantModel(model: string) {
  return TENANT_MODELS.has(model);
}

// Tenant models a partner owns rows of: those with a `partnerId` column.
const PARTNER_MODELS = new Set<string>(
  [...TENANT_MODELS].filter((model) => {
    const fields = (Prisma as unknown as Record<string, Record<string, string> | undefined>)[`${model}ScalarFieldEnum`];
    return Boolean(fields && "partnerId" in fields);
  }),
);

type Args = Record<string, unknown>;

function withTenantData(data: unknown, tenantId: string): unknown {
  if (Array.isArray(data)) return data.map((d) => ({ ...(d as Args), tenantId }));
  return { ...(data as Args), tenantId };
}

/** New rows of a partner-scoped client belong to the partner (or one of its sub-partners). */
function withPartnerData(data: unknown, partnerIds: readonly string[]): unknown {
  const one = (d: Args) => {
    const partnerId = d.partnerId ?? partnerIds[0];
    if (typeof partnerId !== "string" || !partnerIds.includes(partnerId))
      throw new DomainError("FORBIDDEN", "A partner can only create rows of its own organisation");
    return { ...d, partnerId };
  };
  return Array.isArray(data) ? data.map((d) => one(d as Args)) : one(data as Args);
}

function partnerFilter(where: Args | undefined, partnerIds: readonly string[]): Args {
  const scope = { partnerId: { in: [...partnerIds] } };
  if (!where || where.partnerId === undefined) return { ...where, ...scope };
  // The caller filters by partner itself: keep its filter and narrow it.
  const and = Array.isArray(where.AND) ? where.AND : where.AND ? [where.AND] : [];
  return { ...where, AND: [...and, scope] };
}

/**
 * A client that can only see and write one tenant's rows: reads and updates get
 * `tenantId` added to their filter, creates get it set. A query on another tenant's id
 * therefore finds nothing, which callers report as NOT_FOUND. With `partnerIds` (a partner's
 * users) rows that carry a partner are narrowed the same way to those partners.
 * Users, audit rows and emails are scoped explicitly in their services (they also have
 * platform-level rows with no tenant).
 */
export function tenantDb(tenantId: string, client: PrismaClient = db(), partnerIds?: readonly string[]) {
  return client.$extends({
    name: "tenant-scope",
    query: {
      $allModels: {
        async $allOperations({ model, operation, args, query }) {
          if (!TENANT_MODELS.has(model)) return query(args);
          const a: Args = { ...((args ?? {}) as Args) };
          if (partnerIds && PARTNER_MODELS.has(model)) {
            // The partner scope, beside the tenant's: only the partner's (and sub-partners') rows.
            switch (operation) {
              case "create":
              case "createMany":
              case "createManyAndReturn":
                a.data = withPartnerData(a.data, partnerIds);
                break;
              case "upsert":
                a.where = partnerFilter(a.where as Args, partnerIds);
                a.create = withPartnerData(a.create, partnerIds);
                break;
              default:
                a.where = partnerFilter(a.where as Args | undefined, partnerIds);
            }
          }
          switch (operation) {
            case "create":
              return query({ ...a, data: withTenantData(a.data, tenantId) } as typeof args);
            case "createMany":
            case "createManyAndReturn":
              return query({ ...a, data: withTenantData(a.data, tenantId) } as typeof args);
            case "upsert":
              return query({
                ...a,
                where: { ...(a.where as Args), tenantId },
                create: withTenantData(a.create, tenantId),
              } as typeof args);
            default:
              return query({ ...a, where: { ...((a.where as Args) ?? {}), tenantId } } as typeof args);
          }
        },
      },
    },
  });
}

export type TenantDb = ReturnType<typeof tenantDb>;
