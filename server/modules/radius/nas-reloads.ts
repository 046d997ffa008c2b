// The tenant's NAS reloads (Accounting-On/Off, recorded by FreeRADIUS in nasreload) and whether
// sessions came back on the NAS since, for monitoring's "NAS down" / "NAS restarted" alarms.
import { Prisma } from "@/server/generated/prisma/client";
import type { ServiceContext } from "@/server/service-context";
import { tenantSql } from "@/server/sql";

export type NasReload = {
  nasId: number;
  shortname: string;
  nasname: string;
  status: "Accounting-On" | "Accounting-Off";
  at: Date;
  /** The first session the NAS started since (not one the reload closed), or null. */
  sessionsBackAt: Date | null;
};

/** Reloads of the tenant's NAS devices at or after `since`. */
export async function nasReloadsSince(svc: ServiceContext, since: Date): Promise<NasReload[]> {
  return tenantSql(svc.db, svc.tenantId).query<NasReload[]>(Prisma.sql`
    SELECT n.id AS "nasId", n.shortname, n.nasname, r.reloadtime AS at,
           CASE WHEN r.acctstatustype = 'Accounting-Off' THEN 'Accounting-Off' ELSE 'Accounting-On' END AS status,
           (SELECT min(a.acctstarttime) FROM radacct a
             WHERE a.nasipaddress = r.nasipaddress AND a.acctstarttime >= r.reloadtime
               AND a.acctterminatecause IS DISTINCT FROM 'NAS-Reboot') AS "sessionsBackAt"
      FROM nasreload r JOIN nas n ON n.nasname = host(r.nasipaddress)
     WHERE n.tenant_id = ${svc.tenantId}::uuid AND r.reloadtime >= ${since}
     ORDER BY r.reloadtime`);
}
