// Raw SQL, in one place (`npm run check:boundaries` refuses `$queryRaw`/`$executeRaw` anywhere
// else). A tenant's statement goes through `tenantSql(client, tenantId)`, which refuses it unless
// it binds that tenant in a tenant predicate — `"tenantId" = ${tenantId}` (or `tenant_id =` on
// the FreeRADIUS tables), or an INSERT naming the column with the tenant among its values — so
// a statement cannot silently read or write every tenant's rows. Work that spans every tenant
// on purpose (the job outbox and executor, installation-wide rate limits) says so by calling
// `crossTenantSql`; `advisoryLock` takes a transaction-scoped lock on a key.
import { type DbTx, Prisma } from "./db";

/** A Prisma client, a tenant-scoped one, or an open transaction. */
export type RawClient = Pick<DbTx, "$queryRaw" | "$executeRaw">;

type Statement = TemplateStringsArray | Prisma.Sql;

const sqlOf = (statement: Statement, values: unknown[]): Prisma.Sql =>
  statement instanceof Prisma.Sql ? statement : Prisma.sql(statement, ...values);

const PREDICATE = /(?:"tenantId"|\btenant_id)\s*=\s*$/i;
const INSERT = /^\s*(?:WITH\b[\s\S]*?\)\s*)?INSERT\s+INTO\b[^(]*\([^)]*(?:"tenantId"|\btenant_id\b)/i;

/** Whether the statement binds `tenantId` in a tenant predicate (or inserts rows of that tenant). */
export function bindsTenant(sql: Prisma.Sql, tenantId: string): boolean {
  const bound = sql.values.some((value, i) => value === tenantId && PREDICATE.test(sql.strings[i] ?? ""));
  return bound || (INSERT.test(sql.strings.join("?")) && sql.values.includes(tenantId));
}

function scoped(sql: Prisma.Sql, tenantId: string): Prisma.Sql {
  if (!tenantId || !bindsTenant(sql, tenantId))
    throw new Error(
      `Raw SQL without the tenant predicate ("tenantId" = the tenant): ${sql.strings.join("?").replace(/\s+/g, " ").slice(0, 160)}`,
    );
  return sql;
}

/** Raw SQL of one tenant: every statement must bind `tenantId` in its tenant predicate. */
export function tenantSql(client: RawClient, tenantId: string) {
  return {
    async query<T = unknown[]>(statement: Statement, ...values: unknown[]): Promise<T> {
      return client.$queryRaw<T>(scoped(sqlOf(statement, values), tenantId));
    },
    async execute(statement: Statement, ...values: unknown[]): Promise<number> {
      return client.$executeRaw(scoped(sqlOf(statement, values), tenantId));
    },
  };
}

/** Raw SQL that spans every tenant on purpose (infrastructure: outbox, executor, rate limits). */
export function crossTenantSql(client: RawClient) {
  return {
    query<T = unknown[]>(statement: Statement, ...values: unknown[]): Promise<T> {
      return client.$queryRaw<T>(sqlOf(statement, values));
    },
    execute(statement: Statement, ...values: unknown[]): Promise<number> {
      return client.$executeRaw(sqlOf(statement, values));
    },
  };
}

/** A lock on `key` held until the transaction ends (serialises work on one thing). */
export async function advisoryLock(tx: RawClient, key: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${key}))`;
}
