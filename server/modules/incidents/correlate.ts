// Correlation (J6): raised alarms under a common upstream element within a time window become
// one incident whose probable root is the farthest element most of whose in-service ONUs are
// alarmed. Elements are opaque keys from the network module's topology ("olt:…", "pon:…"), so
// a feeder or splitter level in the topology adds roots without a change here.

import { attachAlarmsUnder, correlationView, incidentAlarmCounts, moveIncidentAlarms } from "@/server/modules/alarms";
import { describeElements, onusInServiceUnder } from "@/server/modules/network";
import { publishWebhookEvent } from "@/server/modules/webhooks";
import type { ServiceContext } from "@/server/service-context";
import { advisoryLock, tenantSql } from "@/server/sql";
import { refreshImpact } from "./impact";

export const CORRELATION = {
  /** Alarms this close together can share an incident. */
  windowMs: 5 * 60_000,
  /** An element is a root once at least this many alarms sit behind it… */
  minAlarms: 2,
  /** …and at least this share of its in-service ONUs are alarmed. */
  minShare: 0.5,
};

export type CorrelationResult = { opened: string[]; grown: string[]; merged: string[]; resolved: string[] };

const ELEMENT_TYPES: Record<string, string> = { olt: "OLT", pon: "PON_PORT" };
const typeOf = (key: string) => ELEMENT_TYPES[key.split(":")[0]] ?? key.split(":")[0].toUpperCase();

export async function correlate(svc: ServiceContext, now = new Date()): Promise<CorrelationResult> {
  // One short transaction: a fixed number of set-based statements whatever the size of the
  // storm, plus a few per incident that opens or moves its root.
  return svc.db.$transaction(
    async (tx) => {
      await advisoryLock(tx, `incidents:${svc.tenantId}`);
      const s: ServiceContext = { ...svc, db: tx as unknown as ServiceContext["db"] };
      const result: CorrelationResult = { opened: [], grown: [], merged: [], resolved: [] };
      const since = new Date(now.getTime() - CORRELATION.windowMs);
      const open = await tx.incident.findMany({
        where: { status: { in: ["OPEN", "ACKNOWLEDGED"] } },
        orderBy: { openedAt: "asc" },
      });
      const touched = new Set<string>();
      // Incidents whose root is new (opened or moved up): their impact list is (re)computed. One
      // that only gained alarms keeps its impact: everything behind its root is already in it.
      const rooted = new Set<string>();

      // 1. Alarms behind the root of an open incident join it.
      const joined = await attachAlarmsUnder(
        s,
        open.map((i) => ({ key: i.rootKey, incidentId: i.id })),
        since,
      );
      for (const id of joined.keys()) markGrown(touched, id, result.grown);

      // 2. The rest: find the farthest element that explains enough of them.
      const { elements, children } = await correlationView(s, since);
      const looseKeys = [...elements].filter(([, e]) => e.loose > 0).map(([k]) => k);
      if (looseKeys.length) {
        const served = await onusInServiceUnder(s, [...elements.keys()]);
        const qualifies = (k: string) => {
          const n = elements.get(k)?.alarmed ?? 0;
          return n >= CORRELATION.minAlarms && n >= CORRELATION.minShare * Math.max(served.get(k) ?? 0, 1);
        };
        // An element with elements below it (an OLT, later a feeder) is the root only when the
        // outage spans them: two or more of its children qualify and they hold enough of its
        // ONUs. Otherwise the root is further down (one dark PON port does not make a dark OLT).
        const isRoot = (k: string) => {
          if (!qualifies(k)) return false;
          const below = [...(children.get(k) ?? [])];
          if (below.length === 0) return true;
          const dark = below.filter(qualifies);
          const darkOnus = dark.reduce((n, c) => n + (served.get(c) ?? 0), 0);
          return dark.length >= 2 && darkOnus >= CORRELATION.minShare * (served.get(k) ?? 0);
        };
        const parent = new Map<string, string>();
        for (const [p, cs] of children) for (const c of cs) parent.set(c, p);
        const ancestors = (k: string) => {
          const out: string[] = [];
          for (let p = parent.get(k); p && !out.includes(p); p = parent.get(p)) out.push(p);
          return out;
        };
        // A loose alarm goes to the farthest root on its path, so a root below another root
        // gets nothing.
        const roots = looseKeys.filter(isRoot);
        const newRoots = roots.filter((k) => !ancestors(k).some((a) => roots.includes(a)));
        const names = await describeElements(s, newRoots);
        const targets: { key: string; incidentId: string }[] = [];
        for (const root of newRoots) {
          const element = elements.get(root);
          const name = names.get(root)?.name ?? root;
          // Open incidents under this root (rooted lower down) fold into the oldest of them,
          // which is re-rooted here; otherwise a new incident opens.
          const below = open.filter((i) => i.rootKey !== root && ancestors(i.rootKey).includes(root));
          if (below.length) {
            const [keep, ...fold] = below;
            targets.push({ key: root, incidentId: keep.id });
            await tx.incident.update({
              where: { id: keep.id },
              data: { rootKey: root, rootType: typeOf(root), rootName: name, title: titleFor(typeOf(root), name) },
            });
            await event(s, keep.id, "rerooted", `Probable root moved up to ${name}`);
            for (const f of fold) {
              await moveIncidentAlarms(s, [f.id], keep.id);
              await tx.incident.update({
                where: { id: f.id },
                data: { status: "RESOLVED", resolvedAt: now, mergedIntoId: keep.id },
              });
              await event(s, f.id, "merged", `Merged into the incident on ${name}`);
              result.merged.push(f.id);
            }
            markGrown(touched, keep.id, result.grown);
            rooted.add(keep.id);
          } else {
            const counter = await tx.incidentCounter.upsert({
              where: { tenantId: svc.tenantId },
              create: { tenantId: svc.tenantId, next: 2 },
              update: { next: { increment: 1 } },
            });
            const created = await tx.incident.create({
              data: {
                tenantId: svc.tenantId,
                number: counter.next - 1,
                title: titleFor(typeOf(root), name),
                rootKey: root,
                rootType: typeOf(root),
                rootName: name,
                severity: typeOf(root) === "OLT" ? "CRITICAL" : "MAJOR",
                openedAt: element?.firstLooseAt ?? now,
              },
            });
            targets.push({ key: root, incidentId: created.id });
            await event(s, created.id, "opened", `${element?.loose ?? 0} alarms behind ${name}`);
            await publishWebhookEvent(tx, svc.tenantId, "incident.opened", {
              incident_id: created.id,
              number: created.number,
              title: created.title,
              severity: created.severity,
              root_type: created.rootType,
              root_name: created.rootName,
              opened_at: created.openedAt.toISOString(),
              alarms: element?.loose ?? 0,
            });
            result.opened.push(created.id);
            touched.add(created.id);
            rooted.add(created.id);
          }
        }
        await attachAlarmsUnder(s, targets, since);
      }

      // 3. Counts and impact of what changed; resolve incidents whose alarms have all cleared.
      const current = await tx.incident.findMany({
        where: { OR: [{ status: { in: ["OPEN", "ACKNOWLEDGED"] } }, { id: { in: [...touched] } }] },
      });
      const counts = await incidentAlarmCounts(
        s,
        current.map((i) => i.id),
      );
      await refreshImpact(
        s,
        current.filter((i) => rooted.has(i.id)),
      );
      const recount = current.filter((i) => (counts.get(i.id)?.total ?? 0) !== i.alarmCount);
      if (recount.length)
        await tenantSql(tx, svc.tenantId).execute`
          UPDATE "Incident" i SET "alarmCount" = c.n, "updatedAt" = now()
            FROM unnest(${recount.map((i) => i.id)}::uuid[], ${recount.map((i) => counts.get(i.id)?.total ?? 0)}::int[])
                 AS c(id, n)
           WHERE i.id = c.id AND i."tenantId" = ${svc.tenantId}::uuid`;
      for (const i of current) {
        const c = counts.get(i.id) ?? { total: 0, raised: 0 };
        if (c.total > 0 && c.raised === 0 && i.status !== "RESOLVED") {
          await tx.incident.update({ where: { id: i.id }, data: { status: "RESOLVED", resolvedAt: now } });
          await event(s, i.id, "resolved", "Every alarm cleared: service is back");
          result.resolved.push(i.id);
        }
      }
      return result;
    },
    { timeout: 60_000 },
  );
}

function markGrown(touched: Set<string>, id: string, grown: string[]) {
  if (!touched.has(id)) {
    touched.add(id);
    grown.push(id);
  }
}

function titleFor(type: string, name: string) {
  return type === "OLT"
    ? `Outage on OLT ${name}`
    : type === "PON_PORT"
      ? `Outage on PON port ${name}`
      : `Outage behind ${name}`;
}

export async function event(svc: ServiceContext, incidentId: string, kind: string, message: string) {
  await svc.db.incidentEvent.create({
    data: { tenantId: svc.tenantId, incidentId, kind, message, actor: svc.actor.label },
  });
}
