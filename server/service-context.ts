// What a tenant service function receives: the tenant, its scoped database, and who acts.
import type { TenantDb } from "./db";

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
};

export const systemActor = (job: string): Actor => ({ userId: null, label: `system:${job}`, ip: null });
