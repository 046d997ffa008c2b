// The RADIUS side of a subscriber, as the orchestration sagas and the subscriber pages use
// it. Every function is idempotent: running it twice changes nothing, and undoing something
// never done is a no-op.

import type { Attribute } from "@/radius/wire";
import { attributeFor } from "@/radius/wire";
import { recordAudit } from "@/server/modules/audit";
import type { ServiceContext } from "@/server/service-context";
import { type DaeResult, sendDaeRequest } from "./dae-client";
import { isNasVendor, type NasVendor, type RateProfile, renderRateAttributes } from "./radius-profile";
import {
  deleteSubscriberRadius,
  groupsFor,
  type RadiusSubscriber,
  radiusRowsFor,
  suspensionModeOf,
  syncPlanGroups,
  writeSubscriberRadius,
} from "./rows";

/**
 * Writes radcheck/radreply/radusergroup from the subscriber's plan and status. The caller (the
 * subscribers module, above this one) passes the subscriber and its plan.
 */
export async function provisionRadius(svc: ServiceContext, sub: RadiusSubscriber, plan: RateProfile & { id: string }) {
  return svc.db.$transaction(async (tx) => {
    await syncPlanGroups(tx, plan);
    const mode = await suspensionModeOf(tx, svc.tenantId);
    await writeSubscriberRadius(tx, sub, mode);
    await recordAudit(tx, {
      tenantId: svc.tenantId,
      actor: svc.actor,
      action: "radius.provision",
      targetType: "Subscriber",
      targetId: sub.id,
      after: { username: sub.username, groups: groupsFor(sub, mode) },
    });
    return { username: sub.username, groups: groupsFor(sub, mode) };
  });
}

export type RadiusRowsView = {
  radcheck: { attribute: string; op: string; value: string }[];
  radreply: { attribute: string; op: string; value: string }[];
  radusergroup: { groupname: string; priority: number }[];
};

const masked = (r: { attribute: string; op: string; value: string }) => ({
  attribute: r.attribute,
  op: r.op,
  value: /Password/.test(r.attribute) ? "(hidden)" : r.value,
});

/** The rows `provisionRadius` would write for the subscriber as given (dry run; passwords hidden). */
export async function previewRadius(svc: ServiceContext, sub: RadiusSubscriber): Promise<RadiusRowsView> {
  const rows = await radiusRowsFor(svc.db, sub, await suspensionModeOf(svc.db, svc.tenantId));
  return {
    radcheck: rows.checks.map(masked),
    radreply: rows.replies.map(masked),
    radusergroup: rows.groups.map((g) => ({ groupname: g.groupname, priority: g.priority })),
  };
}

/** The RADIUS rows the subscriber has now (passwords hidden). */
export async function subscriberRadiusRows(svc: ServiceContext, subscriberId: string): Promise<RadiusRowsView> {
  const where = { subscriberId };
  const [checks, replies, groups] = await Promise.all([
    svc.db.radCheck.findMany({ where, orderBy: { id: "asc" } }),
    svc.db.radReply.findMany({ where, orderBy: { id: "asc" } }),
    svc.db.radUserGroup.findMany({ where, orderBy: { priority: "asc" } }),
  ]);
  return {
    radcheck: checks.map(masked),
    radreply: replies.map(masked),
    radusergroup: groups.map((g) => ({ groupname: g.groupname, priority: g.priority })),
  };
}

/** Deletes the subscriber's RADIUS rows (next authentication: unknown user). */
export async function removeRadius(svc: ServiceContext, subscriberId: string) {
  return svc.db.$transaction(async (tx) => {
    const removed = await deleteSubscriberRadius(tx, subscriberId);
    if (removed)
      await recordAudit(tx, {
        tenantId: svc.tenantId,
        actor: svc.actor,
        action: "radius.remove",
        targetType: "Subscriber",
        targetId: subscriberId,
        before: { rows: removed },
      });
    return { removed };
  });
}

export type SessionActionResult = {
  sessionId: string;
  acctUniqueId: string;
  nasIp: string;
  nasName: string | null;
  action: "CoA" | "Disconnect";
  outcome: DaeResult["outcome"] | "NO_NAS";
  errorCause: number | null;
  errorCauseName: string | null;
  message: string;
  /** When a CoA was refused and we fell back to a Disconnect. */
  fallback?: SessionActionResult;
};

type OpenSession = {
  radacctid: bigint;
  acctsessionid: string;
  acctuniqueid: string;
  username: string | null;
  nasipaddress: string;
  framedipaddress: string | null;
};

async function openSessions(svc: ServiceContext, subscriberId: string, sessionId?: string): Promise<OpenSession[]> {
  // Sessions carry the subscriber's id, or only its username (this module's radcheck has it).
  const check = await svc.db.radCheck.findFirst({ where: { subscriberId }, select: { username: true } });
  return svc.db.radAcct.findMany({
    where: {
      OR: [{ subscriberId }, ...(check ? [{ username: check.username }] : [])],
      acctstoptime: null,
      ...(sessionId ? { acctuniqueid: sessionId } : {}),
    },
    select: {
      radacctid: true,
      acctsessionid: true,
      acctuniqueid: true,
      username: true,
      nasipaddress: true,
      framedipaddress: true,
    },
  });
}

async function nasFor(svc: ServiceContext, ip: string) {
  return svc.db.nas.findFirst({ where: { nasname: ip } });
}

function identify(s: OpenSession): Attribute[] {
  const attrs: Attribute[] = [
    ["NAS-IP-Address", s.nasipaddress],
    ["Acct-Session-Id", s.acctsessionid],
  ];
  if (s.username) attrs.push(["User-Name", s.username]);
  if (s.framedipaddress) attrs.push(["Framed-IP-Address", s.framedipaddress]);
  return attrs;
}

async function dae(
  svc: ServiceContext,
  session: OpenSession,
  action: "CoA" | "Disconnect",
  extra: Attribute[] = [],
): Promise<SessionActionResult> {
  const nas = await nasFor(svc, session.nasipaddress);
  const base = {
    sessionId: session.acctsessionid,
    acctUniqueId: session.acctuniqueid,
    nasIp: session.nasipaddress,
    nasName: nas?.shortname ?? null,
    action,
  };
  if (!nas) {
    return {
      ...base,
      outcome: "NO_NAS",
      errorCause: null,
      errorCauseName: null,
      message: `No NAS with address ${session.nasipaddress} is registered; add it under NAS devices`,
    };
  }
  const result = await sendDaeRequest({
    code: action === "CoA" ? "CoA-Request" : "Disconnect-Request",
    host: nas.nasname,
    port: nas.coaPort,
    secret: nas.secret,
    attributes: [...identify(session), ...extra],
    timeoutMs: Number(process.env.RADIUS_DAE_TIMEOUT_MS ?? 2000),
  });
  // The NAS has no such session: the radacct row is stale, close it.
  if (result.outcome === "NAK" && result.errorCause === 503) {
    await svc.db.radAcct.updateMany({
      where: { radacctid: session.radacctid, acctstoptime: null },
      data: { acctstoptime: new Date(), acctterminatecause: "Stale-Session" },
    });
  }
  return {
    ...base,
    outcome: result.outcome,
    errorCause: result.errorCause,
    errorCauseName: result.errorCauseName,
    message: result.message,
  };
}

async function auditDae(svc: ServiceContext, subscriberId: string, action: string, results: SessionActionResult[]) {
  if (!results.length) return;
  await recordAudit(svc.db, {
    tenantId: svc.tenantId,
    actor: svc.actor,
    action,
    targetType: "Subscriber",
    targetId: subscriberId,
    after: results.map((r) => ({
      session: r.acctUniqueId,
      nas: r.nasIp,
      outcome: r.outcome,
      errorCause: r.errorCause,
      fallback: r.fallback ? r.fallback.outcome : undefined,
    })),
  });
}

/** Sends a Disconnect-Request for every open session of the subscriber (none open: no-op). */
export async function disconnectSubscriberSessions(
  svc: ServiceContext,
  subscriberId: string,
  opts: { sessionId?: string } = {},
): Promise<SessionActionResult[]> {
  const sessions = await openSessions(svc, subscriberId, opts.sessionId);
  const results: SessionActionResult[] = [];
  for (const s of sessions) results.push(await dae(svc, s, "Disconnect"));
  await auditDae(svc, subscriberId, "radius.disconnect", results);
  return results;
}

/**
 * Re-rates every open session of the subscriber to `plan` (its current one: the caller passes it)
 * with a CoA-Request carrying the rate attributes for that NAS's vendor. A NAK (or timeout) falls back to a
 * Disconnect, so the new profile applies when the CPE re-authenticates.
 */
export async function applyPlanToSessions(
  svc: ServiceContext,
  subscriberId: string,
  plan: RateProfile,
): Promise<SessionActionResult[]> {
  const sessions = await openSessions(svc, subscriberId);
  const results: SessionActionResult[] = [];
  for (const s of sessions) {
    const nas = await nasFor(svc, s.nasipaddress);
    const vendor: NasVendor = nas && isNasVendor(nas.type) ? nas.type : "other";
    const attrs = renderRateAttributes(plan, vendor).map((a) => attributeFor(a.attribute, a.value, a.tag));
    const coa = await dae(svc, s, "CoA", attrs);
    if (coa.outcome === "NAK" || coa.outcome === "TIMEOUT") {
      coa.fallback = await dae(svc, s, "Disconnect");
    }
    results.push(coa);
  }
  await auditDae(svc, subscriberId, "radius.coa", results);
  return results;
}
