// A scan: every subscriber of the tenant against every system, read in bulk — VOLTHA, the ACS
// and NetBox listed once, then pages of subscribers with their RADIUS rows and sessions, IPAM
// addresses and billing subscriptions in a handful of queries per page. Findings are kept
// current: new ones open, still-present ones get fresh evidence, the rest are resolved.
import { notFound } from "@/server/errors";
import { billingStates } from "@/server/modules/billing";
import { planTerms } from "@/server/modules/catalog";
import { externalIpamAddresses, heldAddresses } from "@/server/modules/ipam";
import { networkState } from "@/server/modules/network";
import { subscribersInFlight } from "@/server/modules/orchestration";
import { emptyRadiusState, intendedRadiusGroups, radiusStates, radiusSuspensionMode } from "@/server/modules/radius";
import { type SubscriberIntent, subscriberIntents } from "@/server/modules/subscribers";
import type { ServiceContext } from "@/server/service-context";
import { tenantSql } from "@/server/sql";
import { detect, type ScanContext } from "./detect";
import type { Finding } from "./types";

const PAGE = 5000;
const WRITE_BATCH = 2000;

export type ScanTrigger = "schedule" | "manual" | "api";

/** Records a scan as running (the job or the caller then runs it with `runScan`). */
export async function createScan(svc: ServiceContext, trigger: ScanTrigger) {
  return svc.db.driftScan.create({
    data: { tenantId: svc.tenantId, trigger, requestedBy: svc.actor.label },
  });
}

export async function runScan(svc: ServiceContext, scanId: string) {
  const scan = await svc.db.driftScan.findFirst({ where: { id: scanId } });
  if (!scan) throw notFound("Drift scan");
  if (scan.status !== "RUNNING") return scan;
  try {
    const result = await scanAll(svc, scanId);
    return await svc.db.driftScan.update({
      where: { id: scanId },
      data: {
        status: "COMPLETED",
        finishedAt: new Date(),
        subscribers: result.subscribers,
        findings: result.findings,
        byType: result.byType,
        skipped: result.skipped,
      },
    });
  } catch (error) {
    await svc.db.driftScan.update({
      where: { id: scanId },
      data: { status: "FAILED", finishedAt: new Date(), error: (error as Error).message },
    });
    throw error;
  }
}

/** Creates and runs a scan now (tests, the benchmark, the scheduled job's step). */
export async function scanNow(svc: ServiceContext, trigger: ScanTrigger = "manual") {
  const scan = await createScan(svc, trigger);
  return runScan(svc, scan.id);
}

async function scanAll(svc: ServiceContext, scanId: string) {
  const [plans, suspension, network, external, busy] = await Promise.all([
    planTerms(svc),
    radiusSuspensionMode(svc),
    networkState(svc),
    externalIpamAddresses(svc).catch((error: Error) => ({ error })),
    subscribersInFlight(svc),
  ]);
  const skipped = [...network.skipped];
  if (external && "error" in external) skipped.push({ system: "NetBox", reason: external.error.message });
  const ctx: ScanContext = {
    plans: new Map(plans.map((p) => [p.id, p])),
    intendedGroups: (sub: SubscriberIntent) => intendedRadiusGroups(sub, suspension),
    suspension,
    network,
    liveSerials: new Set(),
    external: external && !("error" in external) ? external : null,
  };

  // Pass 1 is cheap (ids and serials); the ONU check of a terminated subscriber needs to know
  // which serials live subscribers use, whichever page they are on.
  const pages: SubscriberIntent[][] = [];
  for (let afterId: string | undefined; ; ) {
    const page = await subscriberIntents(svc, { afterId, take: PAGE });
    if (!page.length) break;
    pages.push(page);
    for (const s of page)
      if (s.onuSerial && (s.status === "ACTIVE" || s.status === "SUSPENDED")) ctx.liveSerials.add(s.onuSerial);
    afterId = page.at(-1)?.id;
    if (page.length < PAGE) break;
  }

  const findings: Finding[] = [];
  let subscribers = 0;
  for (const page of pages) {
    const judged = page.filter((s) => !busy.has(s.id));
    const ids = judged.map((s) => s.id);
    const [radius, addresses, billing] = await Promise.all([
      radiusStates(svc, ids),
      heldAddresses(svc, ids),
      billingStates(svc, ids),
    ]);
    for (const sub of judged)
      findings.push(
        ...detect(
          sub,
          {
            radius: radius.get(sub.id) ?? emptyRadiusState(),
            addresses: addresses.get(sub.id) ?? [],
            billing: billing.get(sub.id),
          },
          ctx,
        ),
      );
    subscribers += page.length;
  }
  const unchecked = skipped.map((s) => SKIPPED_SYSTEM[s.system] ?? s.system);
  await storeFindings(svc, scanId, findings, { busy: [...busy], unchecked });
  const byType: Record<string, number> = {};
  for (const f of findings) byType[f.type] = (byType[f.type] ?? 0) + 1;
  return { subscribers, findings: findings.length, byType, skipped };
}

/** The finding systems whose checks a skipped read leaves out. */
const SKIPPED_SYSTEM: Record<string, string> = {
  VOLTHA: "VOLTHA",
  "ONU bandwidth profiles": "VOLTHA",
  ACS: "ACS",
  NetBox: "NetBox",
};

async function storeFindings(
  svc: ServiceContext,
  scanId: string,
  findings: Finding[],
  keep: { busy: string[]; unchecked: string[] },
) {
  const t = svc.tenantId;
  for (let i = 0; i < findings.length; i += WRITE_BATCH) {
    const rows = findings.slice(i, i + WRITE_BATCH).map((f) => ({
      key: f.key,
      type: f.type,
      system: f.system,
      sid: f.subscriberId,
      username: f.username,
      summary: f.summary,
      expected: f.expected,
      actual: f.actual,
    }));
    await tenantSql(svc.db, svc.tenantId).execute`
      INSERT INTO "DriftFinding" (id, "tenantId", key, type, system, "subscriberId", username, summary, expected,
                                  actual, status, "firstScanId", "lastScanId", "firstSeenAt", "lastSeenAt")
      SELECT gen_random_uuid(), ${t}::uuid, f.key, f.type, f.system, f.sid::uuid, f.username, f.summary,
             f.expected, f.actual, 'OPEN'::"DriftFindingStatus", ${scanId}::uuid, ${scanId}::uuid, now(), now()
      FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
        AS f(key text, type text, system text, sid text, username text, summary text, expected jsonb, actual jsonb)
      ON CONFLICT ("tenantId", key) DO UPDATE SET
        summary = EXCLUDED.summary, expected = EXCLUDED.expected, actual = EXCLUDED.actual,
        username = EXCLUDED.username, "lastScanId" = EXCLUDED."lastScanId", "lastSeenAt" = now(),
        "firstScanId" = CASE WHEN "DriftFinding".status = 'RESOLVED' THEN EXCLUDED."firstScanId"
                             ELSE "DriftFinding"."firstScanId" END,
        "firstSeenAt" = CASE WHEN "DriftFinding".status = 'RESOLVED' THEN now() ELSE "DriftFinding"."firstSeenAt" END,
        status = 'OPEN'::"DriftFindingStatus", "resolvedAt" = NULL`;
  }
  // Resolved: open findings this scan no longer saw — unless their subscriber was left out (a
  // workflow in flight) or their system could not be read.
  await tenantSql(svc.db, svc.tenantId).execute`
    UPDATE "DriftFinding" SET status = 'RESOLVED'::"DriftFindingStatus", "resolvedAt" = now()
    WHERE "tenantId" = ${t}::uuid AND status = 'OPEN' AND "lastScanId" <> ${scanId}::uuid
      AND system <> ALL(${keep.unchecked}::text[])
      AND ("subscriberId" IS NULL OR "subscriberId" <> ALL(${keep.busy}::uuid[]))`;
}
