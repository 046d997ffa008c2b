// Bulk read for the drift detector: what FreeRADIUS holds for a page of subscribers — their
// radcheck attributes, reply addresses, groups and open sessions (radacct) — in four queries.
import type { ServiceContext } from "@/server/service-context";
import { tenantSql } from "@/server/sql";
import { groupsFor, type SuspensionMode, suspensionModeOf } from "./rows";

export type OpenSessionState = {
  acctUniqueId: string;
  nasIp: string;
  framedIp: string | null;
  /** The Class the NAS echoes from the Access-Accept (or a CoA): the plan the session runs on. */
  sessionClass: string | null;
  startedAt: Date | null;
};

export type RadiusState = {
  checkAttributes: string[];
  framedIp: string | null;
  framedPool: string | null;
  groups: string[];
  sessions: OpenSessionState[];
};

export const emptyRadiusState = (): RadiusState => ({
  checkAttributes: [],
  framedIp: null,
  framedPool: null,
  groups: [],
  sessions: [],
});

export async function radiusStates(svc: ServiceContext, subscriberIds: string[]): Promise<Map<string, RadiusState>> {
  const out = new Map<string, RadiusState>();
  if (!subscriberIds.length) return out;
  const state = (id: string) => {
    const s = out.get(id) ?? emptyRadiusState();
    out.set(id, s);
    return s;
  };
  const t = svc.tenantId;
  const [checks, replies, groups, sessions] = await Promise.all([
    tenantSql(svc.db, svc.tenantId).query<{ sid: string; attrs: string[] }[]>`
      SELECT subscriber_id::text AS sid, array_agg(attribute ORDER BY id) AS attrs FROM radcheck
      WHERE tenant_id = ${t}::uuid AND subscriber_id = ANY(${subscriberIds}::uuid[]) GROUP BY subscriber_id`,
    tenantSql(svc.db, svc.tenantId).query<{ sid: string; ip: string | null; pool: string | null }[]>`
      SELECT subscriber_id::text AS sid,
             max(value) FILTER (WHERE attribute = 'Framed-IP-Address') AS ip,
             max(value) FILTER (WHERE attribute = 'Framed-Pool') AS pool
      FROM radreply WHERE tenant_id = ${t}::uuid AND subscriber_id = ANY(${subscriberIds}::uuid[])
      GROUP BY subscriber_id`,
    tenantSql(svc.db, svc.tenantId).query<{ sid: string; groups: string[] }[]>`
      SELECT subscriber_id::text AS sid, array_agg(groupname ORDER BY priority, id) AS groups FROM radusergroup
      WHERE tenant_id = ${t}::uuid AND subscriber_id = ANY(${subscriberIds}::uuid[]) GROUP BY subscriber_id`,
    tenantSql(svc.db, svc.tenantId).query<
      { sid: string; uid: string; nas: string; ip: string | null; class: string | null; started: Date | null }[]
    >`
      SELECT subscriber_id::text AS sid, acctuniqueid AS uid, host(nasipaddress) AS nas,
             host(framedipaddress) AS ip, class, acctstarttime AS started
      FROM radacct
      WHERE tenant_id = ${t}::uuid AND subscriber_id = ANY(${subscriberIds}::uuid[]) AND acctstoptime IS NULL`,
  ]);
  for (const r of checks) state(r.sid).checkAttributes = r.attrs;
  for (const r of replies) Object.assign(state(r.sid), { framedIp: r.ip, framedPool: r.pool });
  for (const r of groups) state(r.sid).groups = r.groups;
  for (const r of sessions)
    state(r.sid).sessions.push({
      acctUniqueId: r.uid,
      nasIp: r.nas,
      framedIp: r.ip,
      sessionClass: r.class,
      startedAt: r.started,
    });
  return out;
}

/** The groups FreeRADIUS should place a live subscriber in, given its status and plan. */
export function intendedRadiusGroups(sub: { status: string; planId: string }, mode: SuspensionMode) {
  return groupsFor(sub as Parameters<typeof groupsFor>[0], mode);
}

export async function radiusSuspensionMode(svc: ServiceContext): Promise<SuspensionMode> {
  return suspensionModeOf(svc.db, svc.tenantId);
}

/**
 * The Class a plan's Access-Accept (and CoA) carries, which the NAS echoes in every accounting
 * record of the session (RFC 2865 §5.25, RFC 5176): the rate the session was given.
 */
export function sessionClassFor(plan: { id: string; downloadKbps: number; uploadKbps: number }) {
  return `fiberops:plan=${plan.id};down=${plan.downloadKbps};up=${plan.uploadKbps}`;
}

export function parseSessionClass(value: string | null) {
  const m = value?.match(/^fiberops:plan=([0-9a-f-]+);down=(\d+);up=(\d+)$/);
  return m ? { planId: m[1] as string, downloadKbps: Number(m[2]), uploadKbps: Number(m[3]) } : null;
}
