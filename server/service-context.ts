// What a tenant service function receives: the tenant, its scoped database, and who acts —
// and the one factory that makes it, for a request, an API token or a system job. Nothing
// else opens a tenant's database (`npm run check:boundaries` refuses tenantDb elsewhere).
import { type Db, type TenantDb, tenantDb } from "./db";

export type Actor = {
  userId: string | null;
  /** Readable name kept in the audit log: an email, or "system:<job>" for background work. */
  label: string;
  ip: string | null;
};

export type ServiceContext = {
  tenantId: string;
  db: TenantDb;
  actor: Actor;
  /** Set for a partner's users: the partner and its sub-partners, whose rows `db` is narrowed to. */
  partnerIds?: readonly string[];
};

export const systemActor = (job: string): Actor => ({ userId: null, label: `system:${job}`, ip: null });

export const userActor = (user: { id: string; email: string }, ip: string | null): Actor => ({
  userId: user.id,
  label: user.email,
  ip,
});

/**
 * A tenant's context: its database scoped to its rows, and the actor the audit trail names.
 * `client` is the Prisma client to scope (a seed's or a benchmark's); default the app's.
 */
export function tenantContext(tenantId: string, actor: Actor, client?: Db): ServiceContext {
  return { tenantId, db: tenantDb(tenantId, client), actor };
}

/**
 * A partner user's context: the tenant's database narrowed to the rows the partner and its
 * sub-partners own (`partnerIds[0]` is the partner itself; new rows belong to it).
 */
export function partnerContext(
  tenantId: string,
  partnerIds: readonly string[],
  actor: Actor,
  client?: Db,
): ServiceContext {
  if (partnerIds.length === 0) throw new Error("A partner context needs the partner");
  return { tenantId, db: tenantDb(tenantId, client, partnerIds), actor, partnerIds };
}

/** The context of background work for a tenant (actor "system:<job>"). */
export function systemContext(tenantId: string, job: string, client?: Db): ServiceContext {
  return tenantContext(tenantId, systemActor(job), client);
}
